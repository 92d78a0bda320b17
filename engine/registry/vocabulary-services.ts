// Vocabulary for the public services (complaints, repairs, surveys, evaluations) — still named for
// what each entry does, never for a business: a form field holding a JSON Schema, answers checked
// against the schema a register entry holds, a value listed in a register entry, numbers collected
// from a list summarised into one (an average score and its grade), and the entries a case wrote
// withdrawn again (a survey closed). Merged into RULES and ACTIONS (vocabulary.ts); the checks live
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

export const SERVICE_ACTIONS: Record<string, { title: string; params: object }> = {
  aggregateNumbers: {
    title: '汇总列表中的数值（平均、合计、最高、最低、个数）写入表单字段，可按分数段定等级（如多名检查人员评分的平均分与等级）',
    params: {
      type: 'object', required: ['from', 'field', 'method', 'into'],
      properties: {
        /** Pointer to the list in the data (e.g. the collected scores). */
        from: pointer,
        /** Pointer inside each item to its number; a list of numbers counts as their sum. */
        field: pointer,
        method: { enum: ['avg', 'sum', 'min', 'max', 'count'] },
        into: pointer,
        /** Decimal places kept (default 2). */
        round: { type: 'integer', minimum: 0, maximum: 6 },
        /** Grade thresholds: the first (highest) min the value reaches gives the label. */
        grades: {
          type: 'array', minItems: 1,
          items: { type: 'object', required: ['min', 'label'], properties: { min: { type: 'number' }, label: { type: 'string', minLength: 1 } }, additionalProperties: false },
        },
        gradeInto: pointer,
      },
      dependencies: { grades: ['gradeInto'], gradeInto: ['grades'] },
      additionalProperties: false,
    },
  },
  retireEntries: {
    title: '撤下本业务单登记的名录条目（如调查结束、动态撤回）',
    params: { type: 'object', required: ['register'], properties: { register: { type: 'string', minLength: 1 } }, additionalProperties: false },
  },
};
