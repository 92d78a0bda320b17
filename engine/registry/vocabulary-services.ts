// Vocabulary for the public services (complaints, repairs, surveys, evaluations) — still named for
// what each entry does, never for a business: a form field holding a JSON Schema, answers checked
// against the schema a register entry holds, a value listed in a register entry, numbers collected
// from a list summarised into one (an average score and its grade), and the entries a case wrote
// withdrawn again (a survey closed). Merged into RULES (vocabulary.ts); the checks live
// in engine/runtime/rules-schema.ts, the effects in engine/runtime/aggregate.ts and effects.ts.

const pointer = { type: 'string', pattern: '^(/[^/]*)*$' };

export const SERVICE_RULES: Record<string, { title: string; params: object }> = {
  jsonSchema: {
    title: '字段是有效的表单定义（JSON Schema draft-07：根为对象、至少一项、每项有标题；不允许正则表达式与外部引用）；消息可写 {reason}',
    params: { type: 'object', required: ['value'], properties: { value: pointer }, additionalProperties: false },
  },
  matchesSchemaInEntry: {
    title: '表单中的答卷符合所引用名录条目中的表单定义（如问卷答案符合调查的问题）；每个不符合的问题单独报告',
    params: {
      type: 'object', required: ['register', 'id', 'schema', 'value'],
      properties: {
        register: { type: 'string', minLength: 1 },
        /** Form pointer to the entry id. */
        id: pointer,
        /** Pointer into the entry's data to the JSON Schema. */
        schema: pointer,
        /** Form pointer to the value validated against it. */
        value: pointer,
      },
      additionalProperties: false,
    },
  },
  entryListIncludes: {
    title: '表单字段的值列在所引用名录条目的某个列表中（如本小区在调查范围内）',
    params: {
      type: 'object', required: ['register', 'id', 'list', 'value'],
      properties: { register: { type: 'string', minLength: 1 }, id: pointer, list: pointer, value: pointer },
      additionalProperties: false,
    },
  },
};
