// The fixed vocabulary a definition may name: roles, task scopes, guards, actions (effects) and
// rules. Definitions reference these by name with JSON params; the code behind them lives in the
// runtime. Each entry is named for what it does, never for a business.

import { REGISTER_ACTIONS, REGISTER_RULES } from './vocabulary-registers.js';
import { SERVICE_ACTIONS, SERVICE_RULES } from './vocabulary-services.js';

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

/** Guards: pure predicates over the case data and the event's decision data. */
export const GUARDS: Record<string, { title: string; params: object }> = {
  dataEquals: {
    title: '表单字段等于某值',
    params: { type: 'object', required: ['path', 'value'], properties: { path: pointer, value: {} }, additionalProperties: false },
  },
  dataPresent: {
    title: '表单字段已填写',
    params: { type: 'object', required: ['path'], properties: { path: pointer }, additionalProperties: false },
  },
  decisionEquals: {
    title: '办理意见中的字段等于某值',
    params: { type: 'object', required: ['path', 'value'], properties: { path: pointer, value: {} }, additionalProperties: false },
  },
  hasFlag: {
    title: '业务单带有某标记',
    params: { type: 'object', required: ['code'], properties: { code: { type: 'string' } }, additionalProperties: false },
  },
};

/** Actions: effects that run inside the transition's transaction. */
export const ACTIONS: Record<string, { title: string; params: object }> = {
  registerEntry: {
    title: '登记到名录（如物业区域、房屋、设施）',
    params: {
      type: 'object',
      required: ['register'],
      properties: {
        register: { type: 'string', minLength: 1 },
        /** Pointer to an array in the data: one entry per row. Absent: one entry for the whole case. */
        each: pointer,
        key: pointerList,
        title: pointer,
        district: pointer,
        street: pointer,
        /** Pointer to the id of a parent register entry (e.g. the area a house belongs to). */
        parent: pointer,
        /** Extra fields copied into every entry: target name → pointer into the case data. */
        include: { type: 'object', additionalProperties: pointer },
        /** active entries with the same key are superseded (re-filing) instead of refused. */
        supersede: { type: 'boolean' },
        /** Fixed fields written into every entry (e.g. the kind of a credit record). */
        constants: { type: 'object' },
        /** The entry is valid from a date for whole years: writes validFrom and validUntil. */
        validity: {
          type: 'object', required: ['from', 'years'],
          properties: { from: pointer, years: { type: 'integer', minimum: 1 } }, additionalProperties: false,
        },
        /** The entry's organisation: the org id at this pointer (e.g. the company a complaint is about) instead of the case's. */
        orgFrom: pointer,
        /** Fields copied from the entry's organisation: entry field → pointer into { kind, code, name, district, local, data }. */
        orgFields: { type: 'object', additionalProperties: pointer },
      },
      additionalProperties: false,
    },
  },
  setFlag: {
    title: '为业务单设置标记（如逾期）',
    params: {
      type: 'object', required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } }, additionalProperties: false,
    },
  },
  clearFlag: {
    title: '清除业务单标记',
    params: { type: 'object', required: ['code'], properties: { code: { type: 'string' } }, additionalProperties: false },
  },
  setData: {
    title: '写入表单字段（固定值，或取自办理意见中的字段）',
    params: {
      type: 'object', required: ['path'],
      properties: { path: pointer, value: {}, fromDecision: pointer, now: { type: 'boolean' } },
      additionalProperties: false,
    },
  },
  startCase: {
    title: '发起另一业务（如巡检异常转报修），可按明细行逐条发起',
    params: {
      type: 'object', required: ['type'],
      properties: {
        type: { type: 'string', minLength: 1 },
        /** Pointer to rows: one new case per row (that matches `where`). */
        each: pointer,
        where: { type: 'object', required: ['path', 'equals'], properties: { path: pointer, equals: {} }, additionalProperties: false },
        /** New case field → pointer into this case's data. */
        data: { type: 'object', additionalProperties: pointer },
        /** New case field → pointer into the row. */
        rowData: { type: 'object', additionalProperties: pointer },
        /** The new case's organisation: this case's (default) or the org id at a pointer. */
        orgFrom: pointer,
        /** New case fields that receive this case's id, business number and organisation id (e.g. the plan of a record). */
        link: {
          type: 'object', additionalProperties: false,
          properties: { id: { type: 'string', minLength: 1 }, number: { type: 'string', minLength: 1 }, org: { type: 'string', minLength: 1 } },
        },
        /** Fixed fields written into every new case (e.g. a repair's urgency). */
        constants: { type: 'object' },
        /** An event sent to each new case at once (e.g. its 保存), as the system, without validation. */
        event: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' },
      },
      additionalProperties: false,
    },
  },
};

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
Object.assign(ACTIONS, REGISTER_ACTIONS);

// Public services: form definitions held in data, answers checked against them, summaries of scores.
Object.assign(RULES, SERVICE_RULES);
Object.assign(ACTIONS, SERVICE_ACTIONS);

/** Vocabulary as data, for the admin console and the docs. */
export function vocabulary(decisionForms: string[], registers: string[]) {
  return { roles: ROLES, scopes: SCOPES, guards: GUARDS, actions: ACTIONS, rules: RULES, decisionForms, registers };
}
