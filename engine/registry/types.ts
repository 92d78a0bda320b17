// The shape of a type definition (a bundle): form, workflow, settings and prints. Shared with the
// renderer as plain type definitions. The settings' types are generated from the meta-schema the
// linter applies (meta-schema.ts → type-settings.ts, `npm run gen:types`), not written here.
import type { AnyStateMachine } from 'xstate';
import type { DashboardSetting, TypeSettings } from './type-settings.js';

export type { DashboardSetting, RuleDef, TypeSettings } from './type-settings.js';

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

/** A register (registers/<id>.json): its title and what the public and the dashboard see. */
export interface RegisterDef {
  title: string;
  public?: boolean;
  publicFields?: string[];
  /** Fields masked in public views (ID numbers). */
  maskedFields?: string[];
  /** Figures of the entries for the department dashboard (e.g. survey answers by company). */
  dashboard?: DashboardSetting;
}

/** The type registry as the rest of the engine uses it (engine/registry/store.ts opens one). */
export interface Registry {
  current(typeId: string): TypeVersionDef | undefined;
  get(typeId: string, version: number): Promise<TypeVersionDef>;
  list(): TypeVersionDef[];
  machine(def: TypeVersionDef): AnyStateMachine;
  /** selfTest: also run the form self-test, as publish does (an import checks every version first). */
  lint(bundle: TypeBundle, opts?: { selfTest?: boolean }): DefinitionProblem[];
  publish(bundle: TypeBundle, opts: { userId?: number; source: string }): Promise<TypeVersionDef>;
  /**
   * Re-reads which version is current (another server may have published). With maxAgeMs, skips
   * the query when the last read is younger than that.
   */
  refresh(opts?: { maxAgeMs?: number }): Promise<void>;
  decisionForms: Record<string, object>;
  registers: Record<string, RegisterDef>;
  partials: Record<string, string>;
  /** The roles (roles/<id>.json): titles, kinds and what each sees. */
  roles: Roles;
}
