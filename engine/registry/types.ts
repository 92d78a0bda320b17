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
}

export interface TypeSettings {
  title: string;
  description?: string;
  menu?: string;
  order?: number;
  numberPrefix: string;
  starters: string[];
  titleField?: string;
  scope?: { district?: string; street?: string; entry?: { register: string; id: string } };
  listColumns?: Array<{ field: string; title: string }>;
  rules?: RuleDef[];
  delays?: Record<string, string | number>;
  prints?: Record<string, { title: string }>;
  registration?: {
    orgType: string;
    role: string;
    codeField: string;
    codeFormat: 'uscc' | 'orgcode';
    nameField: string;
    districtField?: string;
    localField?: string;
  };
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

export interface DefinitionProblem {
  file: string;
  path: string;
  message: string;
}
