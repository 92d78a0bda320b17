// The fixed vocabulary a definition may name: roles, task scopes, guards, actions (effects) and
// rules. Definitions reference these by name with JSON params. Guards and actions are entries of
// engine/vocabulary (title, params and code in one file each); here they are listed for the
// console. Each entry is named for what it does, never for a business.

import { REGISTER_RULES } from './vocabulary-registers.js';
import { SERVICE_RULES } from './vocabulary-services.js';
import { GUARD_ENTRIES } from '../vocabulary/guards/index.js';
import { OPERATORS, SCOPE_ROOTS } from '../expression/index.js';
import { ACTION_ENTRIES } from '../vocabulary/actions/index.js';

export const ROLES = {
  admin: '系统管理员',
  clerk: '受理窗口',
  reviewer: '审核人员',
  developer: '开发建设单位',
  company: '物业服务企业',
  committee: '业主委员会',
  owner: '业主',
  /** Pseudo-role: the organisation that started the case. */
  applicant: '申请单位',
} as const;
export type Role = keyof typeof ROLES;

export const SCOPES = {
  district: '案件所属区县',
  street: '案件所属街道',
  org: '申请单位本单位',
  any: '不限',
} as const;

const pointer = { type: 'string', pattern: '^(/[^/]*)*$' };
const pointerList = { type: 'array', items: pointer, minItems: 1 };

const titled = (entries: Record<string, { title: string; params: unknown }>) =>
  Object.fromEntries(Object.entries(entries).map(([name, e]) => [name, { title: e.title, params: e.params as object }]));

/** Guards (engine/vocabulary/guards): predicates over the case data, the decision, the flags, the state. */
export const GUARDS: Record<string, { title: string; params: object }> = titled(GUARD_ENTRIES);

/** Actions (engine/vocabulary/actions): run inside the transition's transaction. */
export const ACTIONS: Record<string, { title: string; params: object }> = titled(ACTION_ENTRIES);

/** Rules: cross-field checks run when an event asks for validation (e.g. SUBMIT). */
export const RULES: Record<string, { title: string; params: object }> = {
  sumAtMost: {
    title: '若干字段之和不超过另一字段',
    params: { type: 'object', required: ['parts', 'total'], properties: { parts: pointerList, total: pointer }, additionalProperties: false },
  },
  dateOrder: {
    title: '开始日期不晚于结束日期',
    params: { type: 'object', required: ['start', 'end'], properties: { start: pointer, end: pointer }, additionalProperties: false },
  },
  notFuture: {
    title: '日期不晚于今天',
    params: { type: 'object', required: ['date'], properties: { date: pointer }, additionalProperties: false },
  },
  prefixOf: {
    title: '字段以另一字段开头（如街道编码属于区县）',
    params: { type: 'object', required: ['value', 'prefix'], properties: { value: pointer, prefix: pointer }, additionalProperties: false },
  },
  uniqueInRegister: {
    title: '在名录中唯一',
    params: {
      type: 'object', required: ['register', 'key'],
      properties: { register: { type: 'string' }, key: pointerList }, additionalProperties: false,
    },
  },
  existsInRegister: {
    title: '引用的名录条目存在且有效（可限本单位、限上级条目、限条目数据）',
    params: {
      type: 'object', required: ['register'], anyOf: [{ required: ['id'] }, { required: ['parent'] }],
      properties: {
        register: { type: 'string' },
        /** Pointer to the entry id; without it, any entry matching the other filters will do. */
        id: pointer,
        ownOrg: { type: 'boolean' },
        /** Pointer to the parent entry id (e.g. the chosen area: a contract under it). */
        parent: pointer,
        /** Entry data pointer → required value (e.g. { "/contractType": "前期" }). */
        dataEquals: { type: 'object', propertyNames: pointer, additionalProperties: {} },
        /** Entry data pointer → form pointer whose value it must equal (trimmed, case-insensitive). */
        match: { type: 'object', propertyNames: pointer, additionalProperties: pointer },
      },
      additionalProperties: false,
    },
  },
};

/** Selects rows of a list: row pointer → value (a row matches when every named field equals it). */
const rowFilter = { type: 'object', propertyNames: pointer, additionalProperties: {} };
const rowSelection = { rows: pointer, where: rowFilter, whereNot: rowFilter };
const countBound = { type: 'integer', minimum: 0 };
const fraction = { part: pointer, whole: pointer, numerator: { type: 'number', exclusiveMinimum: 0 }, denominator: { type: 'number', exclusiveMinimum: 0 } };
// Rules that report their own failures (engine/runtime/rule-checks.ts): one per bad row, whose
// field is the row's pointer and whose message starts 「第 N 行：」, or with the actual value filled
// into the message ({actual}, {count}, {reason}, or a row field such as {name}).
Object.assign(RULES, {
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
} satisfies typeof RULES);

// Row, date-distance and reference rules (engine/runtime/rules-rows.ts, rules-dates.ts,
// rules-refs.ts). Row rules report each bad row at its cell (/houses/3/room, 「第 4 行：…」); the
// key pointers of a row rule are relative to the row.
const rowKey = { rows: pointer, key: pointerList, column: pointer };
const dayCount = { type: 'integer', minimum: 0 };
Object.assign(RULES, {
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
} satisfies typeof RULES);

// Registers kept as cases: identity, certificate dates, uniqueness among cases, the entry a case keeps.
Object.assign(RULES, REGISTER_RULES);

// Public services: form definitions held in data, answers checked against them, summaries of scores.
Object.assign(RULES, SERVICE_RULES);

/** Vocabulary as data, for the admin console and the docs. */
export function vocabulary(decisionForms: string[], registers: string[]) {
  // expression: what the expr guard's language offers (operations, variable roots), for the condition builder.
  const expression = { operators: OPERATORS, roots: SCOPE_ROOTS };
  return { roles: ROLES, scopes: SCOPES, guards: GUARDS, actions: ACTIONS, rules: RULES, decisionForms, registers, expression };
}
