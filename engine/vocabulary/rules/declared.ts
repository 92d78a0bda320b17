// Rules declared here (title and parameter schema) whose code lives in engine/runtime/rules-*.ts
// and rule-checks.ts; engine/vocabulary/rules/index.ts joins each with its code into one entry.
// (The simple rules are already one file each in this folder; these wait for the same move.)
import { REGISTER_RULES } from '../../registry/vocabulary-registers.js';
import { SERVICE_RULES } from '../../registry/vocabulary-services.js';

const pointer = { type: 'string', pattern: '^(/[^/]*)*$' };
const pointerList = { type: 'array', items: pointer, minItems: 1 };

export const DECLARED: Record<string, { title: string; params: object }> = {};

/** Selects rows of a list: row pointer → value (a row matches when every named field equals it). */
const rowFilter = { type: 'object', propertyNames: pointer, additionalProperties: {} };
const rowSelection = { rows: pointer, where: rowFilter, whereNot: rowFilter };
const countBound = { type: 'integer', minimum: 0 };
const fraction = { part: pointer, whole: pointer, numerator: { type: 'number', exclusiveMinimum: 0 }, denominator: { type: 'number', exclusiveMinimum: 0 } };
// Rules that report their own failures (engine/runtime/rule-checks.ts): one per bad row, whose
// field is the row's pointer and whose message starts 「第 N 行：」, or with the actual value filled
// into the message ({actual}, {count}, {reason}, or a row field such as {name}).
Object.assign(DECLARED, {
  rowsCountBetween: {
    title: '列表（如成员）的行数在给定范围内，可只数部分行',
    params: { type: 'object', required: ['rows'], properties: { ...rowSelection, min: countBound, max: countBound }, additionalProperties: false },
  },
  rowsCountOdd: {
    title: '列表（如成员）的行数为奇数，可只数部分行',
    params: { type: 'object', required: ['rows'], properties: rowSelection, additionalProperties: false },
  },
  rowsValueCount: {
    title: '列表中某字段等于某值的行数在给定范围内（如恰好一名主任）',
    params: {
      type: 'object', required: ['rows', 'field', 'value'],
      properties: { ...rowSelection, field: pointer, value: {}, min: countBound, max: countBound }, additionalProperties: false,
    },
  },
  rowsMatchRegister: {
    title: '每行与名录中某条目相符（如成员是该物业区域登记的业主）',
    params: {
      type: 'object', required: ['rows', 'register', 'match'],
      properties: {
        ...rowSelection,
        register: { type: 'string', minLength: 1 },
        /** Pointer into the case data to the parent entry id (e.g. the area): only its children count. */
        parent: pointer,
        /** Entry data field → row pointer; every one must be equal (trimmed, case-insensitive). */
        match: { type: 'object', minProperties: 1, additionalProperties: pointer },
        /** Row pointer the error is reported on (default: the first of match). */
        report: pointer,
      },
      additionalProperties: false,
    },
  },
  ratioAtLeast: {
    title: '两字段之比不低于给定分数（如参与表决人数不少于三分之二）',
    params: { type: 'object', required: ['part', 'whole', 'numerator', 'denominator'], properties: fraction, additionalProperties: false },
  },
  ratioMoreThan: {
    title: '两字段之比超过给定分数（如同意人数过半数）',
    params: { type: 'object', required: ['part', 'whole', 'numerator', 'denominator'], properties: fraction, additionalProperties: false },
  },
  daysBetweenAtMost: {
    title: '两日期相隔不超过给定天数（无结束日期时到今天为止）',
    params: {
      type: 'object', required: ['start', 'days'],
      properties: { start: pointer, end: pointer, days: countBound }, additionalProperties: false,
    },
  },
  yearsBetweenAtMost: {
    title: '两日期相隔不超过给定年数（如任期不超过五年）',
    params: { type: 'object', required: ['start', 'end', 'years'], properties: { start: pointer, end: pointer, years: countBound }, additionalProperties: false },
  },
  codeValid: {
    title: '代码校验位正确（统一社会信用代码、组织机构代码、身份证号码）',
    params: {
      type: 'object', required: ['value', 'format'],
      properties: {
        value: pointer,
        format: { enum: ['uscc', 'orgcode', 'idcard'] },
        /** Accept a credit code whose only fault is the check character (pilot-era codes). */
        allowPilot: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  },
} satisfies typeof DECLARED);

// Row, date-distance and reference rules (engine/runtime/rules-rows.ts, rules-dates.ts,
// rules-refs.ts). Row rules report each bad row at its cell (/houses/3/room, 「第 4 行：…」); the
// key pointers of a row rule are relative to the row.
const rowKey = { rows: pointer, key: pointerList, column: pointer };
const dayCount = { type: 'integer', minimum: 0 };
Object.assign(DECLARED, {
  rowsUnique: {
    title: '列表各行按关键列不重复（如楼栋、单元、房号）；消息可写 {first}（重复的首行）',
    params: { type: 'object', required: ['rows', 'key'], properties: rowKey, additionalProperties: false },
  },
  rowsNotRegistered: {
    title: '列表各行的关键列尚未在名录中登记（可限同一上级条目，如同一物业区域）',
    params: {
      type: 'object', required: ['rows', 'key', 'register'],
      properties: { ...rowKey, register: { type: 'string', minLength: 1 }, parent: pointer }, additionalProperties: false,
    },
  },
  rowsAtMost: {
    title: '列表每行中某列不超过另一列（如套内面积不超过建筑面积）',
    params: { type: 'object', required: ['rows', 'value', 'limit'], properties: { rows: pointer, value: pointer, limit: pointer }, additionalProperties: false },
  },
  rowSumAtMost: {
    title: '列表某列之和（可加上名录中已登记的）不超过表单字段或所引用名录条目的字段；消息可写 {sum}、{total}',
    params: {
      type: 'object', required: ['rows', 'column'], oneOf: [{ required: ['total'] }, { required: ['entry'] }],
      properties: {
        rows: pointer,
        column: pointer,
        total: pointer,
        entry: {
          type: 'object', required: ['register', 'id', 'field'], additionalProperties: false,
          properties: { register: { type: 'string', minLength: 1 }, id: pointer, field: pointer },
        },
        addRegistered: {
          type: 'object', required: ['register', 'parent'], additionalProperties: false,
          properties: { register: { type: 'string', minLength: 1 }, parent: pointer },
        },
      },
      additionalProperties: false,
    },
  },
  daysBetweenAtLeast: {
    title: '两日期至少相隔给定天数（无结束日期时到今天为止）；消息可写 {actual}',
    params: { type: 'object', required: ['start', 'days'], properties: { start: pointer, end: pointer, days: dayCount }, additionalProperties: false },
  },
  requiredAfterDays: {
    title: '自某日期起超过给定天数后，某字段必填（如逾期说明）',
    params: { type: 'object', required: ['since', 'days', 'required'], properties: { since: pointer, days: dayCount, required: pointer }, additionalProperties: false },
  },
  equalsRegisterField: {
    title: '表单字段与所引用名录条目的字段一致（如项目名称、开发建设单位）',
    params: {
      type: 'object', required: ['register', 'id', 'field', 'value'],
      properties: { register: { type: 'string', minLength: 1 }, id: pointer, field: pointer, value: pointer }, additionalProperties: false,
    },
  },
} satisfies typeof DECLARED);

// Registers kept as cases: identity, certificate dates, uniqueness among cases, the entry a case keeps.
Object.assign(DECLARED, REGISTER_RULES);

// Public services: form definitions held in data, answers checked against them, summaries of scores.
Object.assign(DECLARED, SERVICE_RULES);
