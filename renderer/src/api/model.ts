// Shapes of the API's answers, as the renderer reads them. Definitions (settings, workflow,
// schemas) are the engine's own type definitions; nothing of the engine's runtime is imported.
import type { Breakdown, JsonSchema, TypeSettings, WorkflowConfig } from '../../../engine/registry/types';
import type { OrgView, SessionUser } from '../../../engine/auth/types';

export type { JsonSchema, TypeSettings, WorkflowConfig, StateMeta, TaskDef, TaskEventDef } from '../../../engine/registry/types';
export type { SessionUser } from '../../../engine/auth/types';
/** The caller's organisation, as GET /api/me answers it. */
export type Org = OrgView;

export type Json = Record<string, unknown>;
export type Delays = NonNullable<TypeSettings['delays']>;
/** Dates arrive as ISO strings (PostgreSQL) or 'YYYY-MM-DD HH:mm:ss.SSS +00:00' (SQLite). */
export type DateString = string;

export interface Me {
  user: SessionUser;
  org: Org | null;
}

export interface District {
  code: string;
  name: string;
  parentCode: string | null;
  level: 'city' | 'district' | 'street' | string;
}

export interface TypeSummary {
  id: string;
  version: number;
  title: string;
  description: string;
  menu: string | null;
  /** The left menu's label (the manual's wording), the title when the type sets none. */
  menuTitle: string;
  order: number;
  canStart: boolean;
  listColumns: Array<{ field: string; title: string }>;
  /** Row links to another type's list filtered by a field of the row (a facility's 维修记录). */
  listLinks: Array<{ title: string; type: string; filter: string; field: string }>;
}

export interface TypeDetail extends TypeSummary {
  schema: JsonSchema;
  uiSchema: Json;
  workflow: WorkflowConfig;
  settings: TypeSettings;
  examples?: unknown[];
  prints: string[];
  decisionForms?: Record<string, JsonSchema>;
  /** Values a new form opens with, from the caller's organisation (settings.prefill). */
  prefill?: Json;
}

export interface RegistrationType {
  id: string;
  orgType: string;
  title: string;
  /** Name of the agreement to accept (机构注册协议, 业主注册协议). */
  agreement: string;
  schema: JsonSchema;
  uiSchema: Json;
}

export interface Paged<T> {
  /** With totalCapped: at least this many (large lists stop counting past the cap). */
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  items: T[];
}

export interface CaseListItem {
  id: number;
  number: string;
  typeId: string;
  typeVersion: number;
  typeTitle: string;
  title: string | null;
  state: string;
  stateTitle: string;
  status: 'draft' | 'active' | 'closed' | string;
  district: string | null;
  version: number;
  flags: unknown[];
  createdAt: DateString;
  updatedAt: DateString;
  submittedAt: DateString | null;
  closedAt: DateString | null;
  /** Values of the type's list columns (settings.listColumns): pointer → value; only in lists. */
  columns?: Record<string, unknown>;
}

export interface CaseTask {
  id: number;
  caseId: number;
  state: string;
  name: string;
  title: string | null;
  role: string;
  scope: string;
  district: string | null;
  orgId: number | null;
  events: Record<string, { title: string; form?: string; validate?: boolean }>;
  assigneeId: number | null;
  status: 'open' | 'done' | 'cancelled' | string;
  dueAt: DateString | null;
  completedAt: DateString | null;
  completedBy: number | null;
  completedEvent: string | null;
  overdue: boolean;
}

export interface CaseAction {
  taskId: number;
  event: string;
  title: string;
  form: string | null;
  validate: boolean;
  formSchema: JsonSchema | null;
  claimedBy: number | null;
}

export interface HistoryEntry {
  id: number;
  seq: number;
  actorId: number | null;
  actorName: string | null;
  event: string;
  payload: Json | null;
  fromState: string | null;
  toState: string | null;
  taskId: number | null;
  createdAt: DateString;
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  createdAt: DateString;
}

export interface ReturnNotice {
  opinion?: string;
  items?: string[];
  [k: string]: unknown;
}

export interface CaseView extends CaseListItem {
  data: Json;
  street?: string | null;
  orgId: number | null;
  org: Pick<Org, 'id' | 'name' | 'code' | 'kind' | 'warnings'> | null;
  editable: boolean;
  /** The prints that can be made in the case's current state. */
  prints: Array<{ name: string; title: string }>;
  tasks: CaseTask[];
  actions: CaseAction[];
  history: HistoryEntry[];
  attachments: Attachment[];
  notice: ReturnNotice | null;
  path: string[];
}

export interface InboxItem extends Omit<CaseTask, 'overdue'> {
  case: {
    id: number;
    number: string;
    typeId: string;
    typeVersion: number;
    title: string | null;
    state: string;
    version: number;
    district: string | null;
    orgId: number | null;
    flags: unknown[];
    submittedAt: DateString | null;
    /** Values of the type's list columns: pointer → value. */
    columns?: Record<string, unknown>;
  };
  typeTitle: string;
  overdue: boolean;
}

export interface PublicField {
  name: string;
  title: string;
  schema: JsonSchema;
}

export interface PublicRegister {
  name: string;
  title: string;
  fields: PublicField[];
}

export interface PublicEntry {
  id: number;
  title: string | null;
  district: string | null;
  districtName: string | null;
  street: string | null;
  streetName: string | null;
  parentId: number | null;
  registeredAt: DateString;
  data: Json;
  [k: string]: unknown;
}

export interface CaseStats {
  generatedAt: string;
  scope: { role: string; district: string | null; districtName: string | null };
  totals: { total: number; draft: number; active: number; closed: number; openTasks: number; overdueTasks: number };
  byType: Array<{ type: string; title: string; total: number; draft: number; active: number; closed: number; states: Array<{ state: string; title: string; count: number }> }>;
  tasks: Array<{ type: string; typeTitle: string; task: string; open: number; overdue: number }>;
  overdue: Array<{ taskId: number; task: string; dueAt: DateString; assigneeName: string | null; caseId: number; number: string; caseTitle: string | null; type: string; typeTitle: string }>;
  trend: Array<{ month: string; submitted: number; closed: number }>;
  /** Per company / area figures the definitions declare (`dashboard`): count and averaged scores per group. */
  breakdowns: StatsBreakdown[];
}

export type StatsBreakdown = Breakdown;
