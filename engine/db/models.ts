// The tables. Definitions, cases, tasks, the event log, timers, accounts, files and registers all
// live in the database (never in one process's memory) so any number of servers can share it.
import {
  DataTypes, Model, type AggregateOptions, type BulkCreateOptions, type CountOptions, type CreateOptions, type DestroyOptions,
  type FindAndCountOptions, type FindOptions, type Sequelize, type UpdateOptions, type UpsertOptions,
} from 'sequelize';
import { parseColumn } from './raw.js';

// Rows are always read as plain objects ({ raw: true }); the columns are the ones defined below.
// `any` because the row shape is per table and the callers name the columns they read.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

/** The part of Sequelize's model API the engine uses, typed for plain rows. */
export interface AnyModel {
  findAll(options?: FindOptions<Row>): Promise<Row[]>;
  findOne(options?: FindOptions<Row>): Promise<Row | null>;
  findByPk(pk: unknown, options?: Omit<FindOptions<Row>, 'where'>): Promise<Row | null>;
  findAndCountAll(options?: FindAndCountOptions<Row>): Promise<{ rows: Row[]; count: number }>;
  count(options?: CountOptions<Row>): Promise<number>;
  create(values: Row, options?: CreateOptions<Row>): Promise<Model<Row, Row>>;
  bulkCreate(values: Row[], options?: BulkCreateOptions<Row>): Promise<Model<Row, Row>[]>;
  update(values: Row, options: UpdateOptions<Row>): Promise<[number]>;
  destroy(options?: DestroyOptions<Row>): Promise<number>;
  upsert(values: Row, options?: UpsertOptions<Row>): Promise<unknown>;
  max(field: string, options?: AggregateOptions<unknown, Row>): Promise<unknown>;
  belongsTo(target: AnyModel, options: { foreignKey: string; as: string; constraints: boolean }): unknown;
  readonly tableName: string;
}

export interface Models {
  District: AnyModel;
  Org: AnyModel;
  User: AnyModel;
  Session: AnyModel;
  RateLimit: AnyModel;
  TypeDef: AnyModel;
  TypeVersion: AnyModel;
  Case: AnyModel;
  Task: AnyModel;
  CaseEvent: AnyModel;
  Timer: AnyModel;
  File: AnyModel;
  Blob: AnyModel;
  CaseFile: AnyModel;
  Sequence: AnyModel;
  RegisterEntry: AnyModel;
  AuditLog: AnyModel;
  TypeDraft: AnyModel;
  Objection: AnyModel;
  ImportJob: AnyModel;
  RegistrationUpload: AnyModel;
}

/**
 * Indexes the inbox and the case lists are ordered and scoped by (engine/runtime/tasks.ts, views.ts,
 * access.ts): each branch of the visibility / inbox scope walks one of them in page order and stops
 * after the page. Declared on the models (sync creates them with new tables) and created with
 * CREATE INDEX IF NOT EXISTS by openDatabase for databases that predate them.
 */
export const QUERY_INDEXES: ReadonlyArray<{ table: string; name: string; fields: string[] }> = [
  // inbox branches: role + district scope, and applicant / org scope by organisation; due_at, id = the inbox order
  { table: 'tasks', name: 'tasks_inbox_district', fields: ['status', 'role', 'scope', 'district', 'due_at', 'id'] },
  { table: 'tasks', name: 'tasks_inbox_org', fields: ['status', 'role', 'org_id', 'due_at', 'id'] },
  // the same branches filtered by the case's type (?type=): still an index range in inbox order;
  // the state last, so ?type=&state= tests it in the index, not in each task's row (migration 0003)
  { table: 'tasks', name: 'tasks_inbox_district_type', fields: ['status', 'role', 'scope', 'district', 'type_id', 'due_at', 'id', 'state'] },
  { table: 'tasks', name: 'tasks_inbox_org_type', fields: ['status', 'role', 'org_id', 'type_id', 'due_at', 'id', 'state'] },
  // "has or had a task on the case" (case visibility): assignee_id is served by tasks (assignee_id, status)
  { table: 'tasks', name: 'tasks_completed_by', fields: ['completed_by', 'case_id'] },
  { table: 'tasks', name: 'tasks_org_id_role', fields: ['org_id', 'role', 'case_id'] },
  // case lists, newest first: the department's district, the applicant's organisation, everything (admin)
  { table: 'cases', name: 'cases_district_updated', fields: ['district', 'updated_at', 'id'] },
  { table: 'cases', name: 'cases_org_id_updated', fields: ['org_id', 'updated_at', 'id'] },
  { table: 'cases', name: 'cases_updated', fields: ['updated_at', 'id'] },
];

const { STRING, INTEGER, BOOLEAN, DATE, JSON: JSONT, BLOB, TEXT } = DataTypes;
const id = { type: INTEGER, primaryKey: true, autoIncrement: true };

export function defineModels(sequelize: Sequelize): Models {
  const d = (name: string, attrs: Row, options: Row = {}) =>
    sequelize.define(name, attrs as never, { tableName: name, underscored: true, ...options }) as unknown as AnyModel;

  const District = d('districts', {
    code: { type: STRING(12), primaryKey: true },
    name: { type: STRING(64), allowNull: false },
    parentCode: { type: STRING(12) },
    level: { type: STRING(16), allowNull: false },
  });

  const Org = d('orgs', {
    id,
    kind: { type: STRING(32), allowNull: false },
    code: { type: STRING(32), allowNull: false, unique: true },
    name: { type: STRING(200), allowNull: false },
    district: { type: STRING(12) },
    local: { type: BOOLEAN },
    data: { type: JSONT, allowNull: false, defaultValue: {} },
    warnings: { type: JSONT, allowNull: false, defaultValue: [] },
  });

  const User = d('users', {
    id,
    username: { type: STRING(64), allowNull: false, unique: true },
    passwordHash: { type: STRING(256), allowNull: false },
    role: { type: STRING(32), allowNull: false },
    orgId: { type: INTEGER },
    district: { type: STRING(12) },
    street: { type: STRING(12) },
    displayName: { type: STRING(100), allowNull: false },
    active: { type: BOOLEAN, allowNull: false, defaultValue: true },
    failedLogins: { type: INTEGER, allowNull: false, defaultValue: 0 },
    lockedUntil: { type: DATE },
  });

  const Session = d('sessions', {
    id: { type: STRING(64), primaryKey: true }, // sha256 of the cookie token: a leaked table grants nothing
    userId: { type: INTEGER, allowNull: false },
    expiresAt: { type: DATE, allowNull: false },
  }, { indexes: [{ fields: ['user_id'] }] });

  const RateLimit = d('rate_limits', {
    key: { type: STRING(200), primaryKey: true },
    windowStart: { type: DATE, allowNull: false },
    count: { type: INTEGER, allowNull: false },
  }, { timestamps: false });

  const TypeDef = d('types', {
    id: { type: STRING(64), primaryKey: true },
    currentVersion: { type: INTEGER, allowNull: false },
  });

  const TypeVersion = d('type_versions', {
    id,
    typeId: { type: STRING(64), allowNull: false },
    version: { type: INTEGER, allowNull: false },
    definition: { type: JSONT, allowNull: false },
    source: { type: STRING(200) },
    publishedBy: { type: INTEGER },
  }, { indexes: [{ unique: true, fields: ['type_id', 'version'] }] });

  const Case = d('cases', {
    id,
    number: { type: STRING(40), allowNull: false, unique: true },
    typeId: { type: STRING(64), allowNull: false },
    typeVersion: { type: INTEGER, allowNull: false },
    title: { type: STRING(300) },
    state: { type: STRING(200), allowNull: false },
    status: { type: STRING(16), allowNull: false }, // draft | active | closed
    data: { type: JSONT, allowNull: false, defaultValue: {} },
    snapshot: { type: JSONT, allowNull: false },
    flags: { type: JSONT, allowNull: false, defaultValue: [] },
    orgId: { type: INTEGER },
    createdBy: { type: INTEGER },
    district: { type: STRING(12) },
    street: { type: STRING(12) },
    areaId: { type: INTEGER },
    search: { type: STRING(1000) }, // text of settings.searchFields
    tags: { type: TEXT }, // |name:value| per settings.filters
    accessCodeHash: { type: STRING(64) }, // cases started by the anonymous public: sha256 of their 查询码
    version: { type: INTEGER, allowNull: false, defaultValue: 1 },
    submittedAt: { type: DATE },
    closedAt: { type: DATE },
  }, {
    indexes: [
      { fields: ['org_id', 'type_id', 'updated_at'] },
      { fields: ['district', 'status'] },
      { fields: ['type_id', 'state'] },
      ...QUERY_INDEXES.filter((i) => i.table === 'cases').map(({ name, fields }) => ({ name, fields })),
    ],
  });

  const Task = d('tasks', {
    id,
    caseId: { type: INTEGER, allowNull: false },
    state: { type: STRING(200), allowNull: false },
    name: { type: STRING(100), allowNull: false },
    title: { type: STRING(200) },
    role: { type: STRING(32), allowNull: false },
    scope: { type: STRING(16), allowNull: false }, // district | org | any
    district: { type: STRING(12) },
    orgId: { type: INTEGER },
    events: { type: JSONT, allowNull: false },
    assigneeId: { type: INTEGER },
    status: { type: STRING(16), allowNull: false }, // open | done | cancelled
    dueAt: { type: DATE },
    completedAt: { type: DATE },
    completedBy: { type: INTEGER },
    completedEvent: { type: STRING(64) },
    typeId: { type: STRING(64) }, // the case's type, copied so the inbox can filter by type on its index
  }, {
    indexes: [
      { fields: ['case_id', 'status'] },
      { fields: ['assignee_id', 'status'] },
      ...QUERY_INDEXES.filter((i) => i.table === 'tasks').map(({ name, fields }) => ({ name, fields })),
    ],
  });

  const CaseEvent = d('case_events', {
    id,
    caseId: { type: INTEGER, allowNull: false },
    seq: { type: INTEGER, allowNull: false },
    actorId: { type: INTEGER },
    actorName: { type: STRING(100) },
    event: { type: STRING(100), allowNull: false },
    payload: { type: JSONT },
    fromState: { type: STRING(200) },
    toState: { type: STRING(200) },
    taskId: { type: INTEGER },
  }, { updatedAt: false, indexes: [{ unique: true, fields: ['case_id', 'seq'] }] });

  const Timer = d('timers', {
    id,
    caseId: { type: INTEGER, allowNull: false },
    sendId: { type: STRING(200), allowNull: false },
    eventType: { type: STRING(200), allowNull: false },
    dueAt: { type: DATE, allowNull: false },
    status: { type: STRING(16), allowNull: false }, // pending | fired | cancelled | dead (gave up, engine/runtime/timers.ts)
    firedAt: { type: DATE },
    // Failed attempts to fire, the last failure, and when to try again (migration 0002).
    attempts: { type: INTEGER, allowNull: false, defaultValue: 0 },
    lastError: { type: STRING(1000) },
    nextAttemptAt: { type: DATE },
  }, { indexes: [{ fields: ['status', 'due_at'] }, { fields: ['case_id', 'status'] }] });

  const File = d('files', {
    id: { type: STRING(36), primaryKey: true },
    sha256: { type: STRING(64), allowNull: false },
    name: { type: STRING(255), allowNull: false },
    size: { type: INTEGER, allowNull: false },
    mime: { type: STRING(100), allowNull: false },
    uploadedBy: { type: INTEGER },
  }, { updatedAt: false, indexes: [{ fields: ['sha256'] }] });

  const Blob = d('blobs', {
    sha256: { type: STRING(64), primaryKey: true },
    size: { type: INTEGER, allowNull: false },
    content: { type: BLOB('long'), allowNull: false },
  }, { updatedAt: false });

  const CaseFile = d('case_files', {
    caseId: { type: INTEGER, primaryKey: true },
    fileId: { type: STRING(36), primaryKey: true },
  }, { updatedAt: false, indexes: [{ fields: ['file_id'] }] });

  const Sequence = d('sequences', {
    name: { type: STRING(64), primaryKey: true },
    value: { type: INTEGER, allowNull: false },
  }, { timestamps: false });

  const RegisterEntry = d('register_entries', {
    id,
    register: { type: STRING(64), allowNull: false },
    key: { type: STRING(300), allowNull: false },
    title: { type: STRING(300) },
    parentId: { type: INTEGER },
    orgId: { type: INTEGER },
    district: { type: STRING(12) },
    street: { type: STRING(12) },
    data: { type: JSONT, allowNull: false },
    caseId: { type: INTEGER },
    status: { type: STRING(16), allowNull: false, defaultValue: 'active' },
  }, {
    indexes: [
      { fields: ['register', 'key'] },
      { fields: ['register', 'parent_id'] },
      { fields: ['register', 'org_id'] },
    ],
  });

  // An administrator's unpublished work on a type: one draft bundle per type, published as a new version.
  const TypeDraft = d('type_drafts', {
    typeId: { type: STRING(64), primaryKey: true },
    bundle: { type: JSONT, allowNull: false },
    updatedBy: { type: INTEGER },
  });

  const AuditLog = d('audit_log', {
    id,
    actorId: { type: INTEGER },
    action: { type: STRING(100), allowNull: false },
    target: { type: STRING(200) },
    detail: { type: JSONT },
  }, { updatedAt: false });

  // 异议 lodged by anyone during a case's public period (公示), for the reviewer to weigh.
  const Objection = d('objections', {
    id,
    caseId: { type: INTEGER, allowNull: false },
    name: { type: STRING(50), allowNull: false },
    contact: { type: STRING(50), allowNull: false },
    content: { type: TEXT, allowNull: false },
    ip: { type: STRING(64) },
  }, { updatedAt: false, indexes: [{ fields: ['case_id'] }] });

  // An Excel import running (or run) on some server: progress and outcome, readable by any server.
  const ImportJob = d('import_jobs', {
    id: { type: STRING(36), primaryKey: true },
    typeId: { type: STRING(64), allowNull: false },
    path: { type: STRING(200), allowNull: false },
    caseId: { type: INTEGER },
    userId: { type: INTEGER, allowNull: false },
    status: { type: STRING(16), allowNull: false }, // running | done | failed
    fileName: { type: STRING(255) },
    fileSize: { type: INTEGER },
    rowsRead: { type: INTEGER, allowNull: false, defaultValue: 0 },
    totalRows: { type: INTEGER },
    errorCount: { type: INTEGER, allowNull: false, defaultValue: 0 },
    errors: { type: JSONT },
    result: { type: JSONT },
    message: { type: STRING(500) },
    finishedAt: { type: DATE },
  }, { indexes: [{ fields: ['user_id', 'created_at'] }] });

  // A file uploaded without a session during 机构注册, bound to that registration attempt by the
  // hash of its ticket until the registration claims it (engine/files/registration-uploads.ts).
  const RegistrationUpload = d('registration_uploads', {
    fileId: { type: STRING(36), primaryKey: true },
    ticketHash: { type: STRING(64), allowNull: false },
  }, { updatedAt: false, indexes: [{ fields: ['ticket_hash'] }, { fields: ['created_at'] }] });

  // Joins used by the inbox; no database-level constraints (rows are never deleted).
  Task.belongsTo(Case, { foreignKey: 'caseId', as: 'case', constraints: false });

  // Every model defined above, including ones added later: no list to keep in step.
  if (sequelize.getDialect() === 'sqlite') {
    for (const m of Object.values(sequelize.models)) parseJsonOnRawReads(m as unknown as AnyModel);
  }

  return {
    District, Org, User, Session, RateLimit, TypeDef, TypeVersion, Case, Task, CaseEvent, Timer,
    File, Blob, CaseFile, Sequence, RegisterEntry, AuditLog, TypeDraft, Objection, ImportJob, RegistrationUpload,
  };
}

// SQLite keeps JSON columns as text and Sequelize does not parse them on raw reads; PostgreSQL
// returns them parsed. Parse here (parseColumn, shared with the prepared statements of raw.ts) so
// every caller sees the same plain objects on both.

const isPlain = (v: unknown): v is Row => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

function parseRow(row: unknown): unknown {
  if (!isPlain(row)) return row; // model instances parse their JSON through their getters
  const r = row as Row;
  for (const [k, v] of Object.entries(r)) {
    const parsed = parseColumn(k, v);
    if (parsed !== v) r[k] = parsed;
    else if (isPlain(v)) parseRow(v);
  }
  return r;
}

function parseJsonOnRawReads(model: AnyModel) {
  const m = model as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['findAll', 'findOne', 'findByPk', 'findAndCountAll'] as const) {
    const original = m[name].bind(model);
    m[name] = async (...args: unknown[]) => {
      const result = await original(...args);
      if (Array.isArray(result)) result.forEach(parseRow);
      else if (result && typeof result === 'object' && 'rows' in result) (result as { rows: unknown[] }).rows.forEach(parseRow);
      else parseRow(result);
      return result;
    };
  }
}
