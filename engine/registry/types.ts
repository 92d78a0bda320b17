// The shape of a type definition (a bundle): form, workflow, settings and prints. Shared with the
// renderer as plain type definitions.

export type JsonSchema = Record<string, unknown> & { examples?: unknown[]; title?: string };

export interface TaskEventDef {
  title: string;
  /** Name of a decision form (forms/decisions/<name>.schema.json). */
  form?: string;
  /** Validate the whole case form and the type's rules before the transition. */
  validate?: boolean;
}

export interface TaskDef {
  name: string;
  title: string;
  role: string;
  scope: 'district' | 'street' | 'org' | 'any';
  /** ISO 8601 duration (P5D, PT2H) or the name of a delay in settings.delays. */
  due?: string;
  events: Record<string, TaskEventDef>;
  /** Pointer to an organisation id in the data: the org a scope "org" task belongs to. */
  orgField?: string;
  /** Pointer to an array of usernames in the data: one task per person (e.g. the inspectors). */
  assignees?: string;
  /** "all": a countersign — the event moves the case only when every such task is completed. */
  completion?: 'any' | 'all';
  /** Pointer to an array in the data where each completion's decision is appended. */
  collectInto?: string;
}

export interface StateMeta {
  title?: string;
  editable?: boolean;
  outcome?: string;
  tasks?: TaskDef[];
  /** Shown on the public portal while the case is in this state (e.g. 公示). */
  public?: boolean;
}

export interface WorkflowConfig {
  id?: string;
  initial: string;
  states: Record<string, unknown>;
  [k: string]: unknown;
}

export interface RuleDef {
  rule: string;
  field: string;
  params: Record<string, unknown>;
  message: string;
  severity?: 'error' | 'warning';
  /** The rule applies only while the field at `path` equals `value` (e.g. only to 前期 contracts). */
  when?: { path: string; value: unknown };
}

/**
 * A dashboard breakdown of a type's cases or a register's entries: one chart per `groupBy` field
 * (承办企业, 小区), with the count per group and the average of each measure. A pointer reads
 * through lists ("/ratings/score": every collected rating); an object gives its numbers.
 */
export interface DashboardSetting {
  /** Name of the figures when not the type's (register's) title, e.g. 满意度调查 for its answers. */
  title?: string;
  groupBy: Array<{ field: string; title: string }>;
  measures?: Array<{ field: string; title: string }>;
}

/** What a DashboardSetting yields for the dashboard (GET /api/stats/cases): one per groupBy. */
export interface Breakdown {
  key: string;
  source: 'type' | 'register';
  id: string;
  title: string;
  /** What the rows are grouped by (承办企业, 小区). */
  group: string;
  /** Titles of the averaged figures; rows[i].values follows this order (null: nothing to average). */
  measures: string[];
  rows: Array<{ label: string; count: number; values: Array<number | null> }>;
}

export interface TypeSettings {
  title: string;
  /** Anyone may start a case without an account (e.g. a complaint), with a contact and a rate limit. */
  publicStart?: { contactField: string; maxPerHour?: number };
  description?: string;
  menu?: string;
  /** Label of the type's entry in the left menu; the title when absent. */
  menuTitle?: string;
  order?: number;
  numberPrefix: string;
  starters: string[];
  titleField?: string;
  scope?: { district?: string; street?: string; entry?: { register: string; id: string } };
  listColumns?: Array<{ field: string; title: string }>;
  rules?: RuleDef[];
  delays?: Record<string, string | number | { fromData: string; unit: 'day' | 'hour' | 'minute' | 'second'; default?: string | number }>;
  /** Print titles, and optionally the states in which each may be printed. */
  prints?: Record<string, { title: string; states?: string[] }>;
  /** Excel import settings per list pointer ("/houses", or "/" for the whole form). */
  imports?: Record<string, { key?: string[]; title?: string; event?: string; slots?: Record<string, number> }>;
  registration?: {
    orgType: string;
    role: string;
    codeField: string;
    codeFormat: 'uscc' | 'orgcode' | 'idcard';
    nameField: string;
    districtField?: string;
    localField?: string;
    /** Name of the agreement the registrant accepts; 机构注册协议 when absent. */
    agreement?: string;
    /** The registrant must match a register entry (e.g. an owner and the registered house). */
    matchEntry?: { register: string; parent: string; key: string[]; fields: Record<string, string>; message: string };
  };
  /** Form fields the server sets from the applicant organisation (form pointer → organisation pointer), overriding input. */
  fillFromOrg?: Record<string, string>;
  /** Links in each list row to another type's list filtered by a field of the row (a facility's 维修记录). */
  listLinks?: Array<{ title: string; type: string; filter: string; field: string }>;
  /** List filters: name → pointer into the data (tags `name:value`, GET /api/cases?filter=name:value). */
  filters?: Record<string, string>;
  /** Pointers whose text the list's keyword search looks into besides number and title. */
  searchFields?: string[];
  /** Form fields the server reads from a register entry (form pointer → entry by id or newest under a parent, pointer into it). */
  fillFromRegister?: Record<string, { register: string; id?: string; parent?: string; value: string }>;
  /** Suggested values from the applicant organisation (form pointer → organisation pointer), editable. */
  prefill?: {
    org?: Record<string, string>;
    /** Open a new case with the data of the filing behind the organisation's current entry in this register (a re-filing). */
    ownEntry?: { register: string };
  };
  /** Fields the server computes (pointer → { ratio: [part, whole] }), e.g. shares of a vote. */
  derived?: Record<string, { ratio: [string, string] }>;
  /** What the portal shows of a case while it is in a public state (公示). */
  publicFields?: Array<{ field: string; title: string }>;
  /** Decision form (forms/decisions/) an 异议 during 公示 must satisfy; default "objection". */
  objectionForm?: string;
  /** false: a public state is for reading only (e.g. 小区动态), no 异议 are taken. */
  objections?: boolean;
  /** Figures for the department dashboard: counts per group, averaged scores (see DashboardSetting). */
  dashboard?: DashboardSetting;
  [k: string]: unknown;
}

export interface TypeBundle {
  id: string;
  schema: JsonSchema;
  uiSchema: object;
  workflow: WorkflowConfig;
  settings: TypeSettings;
  prints: Record<string, string>;
}

export interface TypeVersionDef extends TypeBundle {
  version: number;
}

/** A repair the console can offer for a workflow problem (see renderer/src/admin/fixes.ts). */
export type WorkflowFix =
  | { kind: 'addTask'; state: string; event: string }
  | { kind: 'addTitles' }
  | { kind: 'renameEvent'; from: string; to: string };

export interface DefinitionProblem {
  file: string;
  path: string;
  message: string;
  fix?: WorkflowFix;
}

/**
 * A role as data (roles/<id>.json): who its users are and what they see. Who may start a type stays
 * in the type's settings (starters); who may register online, in the registration types' settings.
 */
export interface RoleDef {
  /** The file name: the role id users and tasks carry (clerk, company …). */
  id: string;
  /** Chinese name (受理窗口, 物业服务企业). */
  title: string;
  /** Short title of the portal's login and registration tabs (物业公司), for roles that register. */
  tabTitle?: string;
  /** department: works cases in an inbox; organisation / person: applies; admin: runs the platform. */
  kind: 'department' | 'organisation' | 'person' | 'admin';
  /** Cases and register entries it sees: all; the user's district (submitted cases); its organisation's. */
  scope: 'all' | 'district' | 'org';
  /** Where its users land after logging in. */
  home: string;
  /** Order in lists of roles (menus, the console's role pickers). */
  order?: number;
  /** Types listed in GET /api/types: all it may start or see (default), or only those it may start. */
  types?: 'all' | 'startable';
}

/** The roles of the installation by id. */
export type Roles = Readonly<Record<string, RoleDef>>;
