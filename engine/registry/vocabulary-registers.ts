// Vocabulary for registers kept as cases (personnel, facilities, plans): identity data that must
// agree with an ID number, dates inside the rows of a list (a certificate's validity), uniqueness
// among the live cases of a type, a bound that depends on a referenced register entry, and the one
// register entry a case keeps in step with itself (a facility: other businesses refer to it by the
// entry's id). Merged into RULES (vocabulary.ts); the checks live in
// engine/runtime/rules-cases.ts, rules-identity.ts and rules-row-dates.ts, the action in
// engine/runtime/effects-entries.ts.

const pointer = { type: 'string', pattern: '^(/[^/]*)*$' };
const pointerList = { type: 'array', items: pointer, minItems: 1 };
const stateList = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 };

export const REGISTER_RULES: Record<string, { title: string; params: object }> = {
  idNumberMatches: {
    title: '出生日期、性别与身份证号码一致（GB 11643：第 7–14 位出生日期，第 17 位奇数为男）；消息可写 {field}、{expected}',
    params: {
      type: 'object', required: ['id'], anyOf: [{ required: ['birthDate'] }, { required: ['sex'] }],
      properties: {
        id: pointer, birthDate: pointer, sex: pointer,
        /** The form's values for male and female (default 男, 女). */
        sexValues: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
      },
      additionalProperties: false,
    },
  },
  rowsDateAfter: {
    title: '列表每行中一个日期晚于另一个日期（如证书有效期至晚于发证日期）',
    params: {
      type: 'object', required: ['rows', 'date', 'after'],
      properties: { rows: pointer, date: pointer, after: pointer, orEqual: { type: 'boolean' } }, additionalProperties: false,
    },
  },
  rowsDatePassed: {
    title: '列表每行中的日期尚未过去（宜作提醒，如证书已过期）；消息可写 {date} 与行内字段（如 {name}）',
    params: { type: 'object', required: ['rows', 'date'], properties: { rows: pointer, date: pointer }, additionalProperties: false },
  },
  uniqueAmongCases: {
    title: '在某类业务单（限环节）中按关键字段唯一，如同一人只能在一家企业在职；消息可写 {value}、{number}、{org}',
    params: {
      type: 'object', required: ['type', 'key'],
      properties: {
        type: { type: 'string', minLength: 1 },
        key: pointerList,
        /** Only cases in these states count (default: every case not closed and not a draft). */
        states: stateList,
        /** same: only the applicant's own cases; other: only other organisations'; any (default). */
        org: { enum: ['same', 'other', 'any'] },
      },
      additionalProperties: false,
    },
  },
  numberAtMost: {
    title: '数值不超过上限，可只在所引用名录条目的字段取某些值时适用（如电梯维保周期不超过 15 日）；消息可写 {actual}',
    params: {
      type: 'object', required: ['value', 'max'],
      properties: {
        value: pointer,
        max: { type: 'number' },
        whenEntry: {
          type: 'object', required: ['register', 'id', 'field', 'in'], additionalProperties: false,
          properties: { register: { type: 'string', minLength: 1 }, id: pointer, field: pointer, in: { type: 'array', minItems: 1 } },
        },
      },
      additionalProperties: false,
    },
  },
};
