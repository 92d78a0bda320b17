// The fixed vocabulary a definition may name: roles, task scopes, guards, actions (effects) and
// rules. Definitions reference these by name with JSON params; the code behind them lives in the
// runtime. Each entry is named for what it does, never for a business.

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
    title: '引用的名录条目存在且有效',
    params: {
      type: 'object', required: ['register', 'id'],
      properties: { register: { type: 'string' }, id: pointer, ownOrg: { type: 'boolean' } }, additionalProperties: false,
    },
  },
};

/** Vocabulary as data, for the admin console and the docs. */
export function vocabulary(decisionForms: string[], registers: string[]) {
  return { roles: ROLES, scopes: SCOPES, guards: GUARDS, actions: ACTIONS, rules: RULES, decisionForms, registers };
}
