// The tables, described once. The Sequelize models (./models.ts) take their attributes from here, so
// a new database gets these columns from migration 0001's sync; the prepared statements of the hot
// paths name their columns through `columnsOf` / `insertInto`; and one row decoder (./rows.ts) turns
// what either driver returns into the same JS values by the kind given here. Changing a table is a
// change here plus a numbered migration (./migrations) for databases that already exist;
// test/db-schema.test.ts checks a migrated database against this file on SQLite and PostgreSQL.
//
// Keys are the models' attribute names (camelCase); the database column is the snake_case form
// (the models are `underscored`). Every table but two also has createdAt (and most updatedAt).

import { QUERY_INDEXES } from './query-indexes.js';

export { QUERY_INDEXES };

/**
 * What a column holds, as the engine reads it (./rows.ts):
 * integer → number; text → string (VARCHAR(length), TEXT without one); json → parsed value;
 * date → Date; boolean → boolean; blob → Buffer.
 */
export type ColumnKind = 'integer' | 'text' | 'json' | 'date' | 'boolean' | 'blob';

export interface Column {
  kind: ColumnKind;
  /** VARCHAR(length) for text; none: TEXT. */
  length?: number;
  primaryKey?: true;
  autoIncrement?: true;
  notNull?: true;
  unique?: true;
  default?: unknown;
}

export interface Table {
  columns: Readonly<Record<string, Column>>;
  /** Which of createdAt / updatedAt the table has (both when not said). */
  timestamps?: 'created' | 'none';
  indexes?: ReadonlyArray<{ fields: readonly string[]; unique?: true; name?: string }>;
}

const id: Column = { kind: 'integer', primaryKey: true, autoIncrement: true };
const text = (length: number, more: Omit<Column, 'kind' | 'length'> = {}): Column => ({ kind: 'text', length, ...more });
const required = (kind: ColumnKind, more: Omit<Column, 'kind' | 'notNull'> = {}): Column => ({ kind, notNull: true, ...more });
const integer: Column = { kind: 'integer' };
const date: Column = { kind: 'date' };
const json: Column = { kind: 'json' };

const queryIndexes = (table: string) => QUERY_INDEXES.filter((i) => i.table === table).map(({ name, fields }) => ({ name, fields }));

export const SCHEMA = {
  districts: {
    columns: {
      code: text(12, { primaryKey: true }),
      name: text(64, { notNull: true }),
      parentCode: text(12),
      level: text(16, { notNull: true }),
    },
  },

  orgs: {
    columns: {
      id,
      kind: text(32, { notNull: true }),
      code: text(32, { notNull: true, unique: true }),
      name: text(200, { notNull: true }),
      district: text(12),
      local: { kind: 'boolean' },
      data: required('json', { default: {} }),
      warnings: required('json', { default: [] }),
    },
  },

  users: {
    columns: {
      id,
      username: text(64, { notNull: true, unique: true }),
      passwordHash: text(256, { notNull: true }),
      role: text(32, { notNull: true }),
      orgId: integer,
      district: text(12),
      street: text(12),
      displayName: text(100, { notNull: true }),
      active: required('boolean', { default: true }),
      failedLogins: required('integer', { default: 0 }),
      lockedUntil: date,
    },
  },

  sessions: {
    columns: {
      id: text(64, { primaryKey: true }), // sha256 of the cookie token: a leaked table grants nothing
      userId: required('integer'),
      expiresAt: required('date'),
    },
    indexes: [{ fields: ['user_id'] }],
  },

  rate_limits: {
    columns: {
      key: text(200, { primaryKey: true }),
      windowStart: required('date'),
      count: required('integer'),
    },
    timestamps: 'none',
  },

  types: {
    columns: {
      id: text(64, { primaryKey: true }),
      currentVersion: required('integer'),
    },
  },

  type_versions: {
    columns: {
      id,
      typeId: text(64, { notNull: true }),
      version: required('integer'),
      definition: required('json'),
      source: text(200),
      publishedBy: integer,
    },
    indexes: [{ unique: true, fields: ['type_id', 'version'] }],
  },

  cases: {
    columns: {
      id,
      number: text(40, { notNull: true, unique: true }),
      typeId: text(64, { notNull: true }),
      typeVersion: required('integer'),
      title: text(300),
      state: text(200, { notNull: true }),
      status: text(16, { notNull: true }), // draft | active | closed
      data: required('json', { default: {} }),
      snapshot: required('json'),
      flags: required('json', { default: [] }),
      orgId: integer,
      createdBy: integer,
      district: text(12),
      street: text(12),
      areaId: integer,
      search: text(1000), // text of settings.searchFields
      tags: { kind: 'text' }, // |name:value| per settings.filters
      accessCodeHash: text(64), // cases started by the anonymous public: sha256 of their 查询码
      version: required('integer', { default: 1 }),
      submittedAt: date,
      closedAt: date,
    },
    indexes: [
      { fields: ['org_id', 'type_id', 'updated_at'] },
      { fields: ['district', 'status'] },
      { fields: ['type_id', 'state'] },
      ...queryIndexes('cases'),
    ],
  },

  tasks: {
    columns: {
      id,
      caseId: required('integer'),
      state: text(200, { notNull: true }),
      name: text(100, { notNull: true }),
      title: text(200),
      role: text(32, { notNull: true }),
      scope: text(16, { notNull: true }), // district | org | any
      district: text(12),
      orgId: integer,
      events: required('json'),
      assigneeId: integer,
      status: text(16, { notNull: true }), // open | done | cancelled
      dueAt: date,
      completedAt: date,
      completedBy: integer,
      completedEvent: text(64),
      typeId: text(64), // the case's type, copied so the inbox can filter by type on its index
    },
    indexes: [
      { fields: ['case_id', 'status'] },
      { fields: ['assignee_id', 'status'] },
      ...queryIndexes('tasks'),
    ],
  },

  case_events: {
    columns: {
      id,
      caseId: required('integer'),
      seq: required('integer'),
      actorId: integer,
      actorName: text(100),
      event: text(100, { notNull: true }),
      payload: json,
      fromState: text(200),
      toState: text(200),
      taskId: integer,
    },
    timestamps: 'created',
    indexes: [{ unique: true, fields: ['case_id', 'seq'] }],
  },

  timers: {
    columns: {
      id,
      caseId: required('integer'),
      sendId: text(200, { notNull: true }),
      eventType: text(200, { notNull: true }),
      dueAt: required('date'),
      status: text(16, { notNull: true }), // pending | fired | cancelled | dead (gave up, engine/runtime/timers.ts)
      firedAt: date,
      // Failed attempts to fire, the last failure, and when to try again (migration 0002).
      attempts: required('integer', { default: 0 }),
      lastError: text(1000),
      nextAttemptAt: date,
    },
    indexes: [{ fields: ['status', 'due_at'] }, { fields: ['case_id', 'status'] }],
  },

  files: {
    columns: {
      id: text(36, { primaryKey: true }),
      sha256: text(64, { notNull: true }),
      name: text(255, { notNull: true }),
      size: required('integer'),
      mime: text(100, { notNull: true }),
      uploadedBy: integer,
    },
    timestamps: 'created',
    indexes: [{ fields: ['sha256'] }],
  },

  blobs: {
    columns: {
      sha256: text(64, { primaryKey: true }),
      size: required('integer'),
      content: required('blob'),
    },
    timestamps: 'created',
  },

  case_files: {
    columns: {
      caseId: { kind: 'integer', primaryKey: true },
      fileId: text(36, { primaryKey: true }),
    },
    timestamps: 'created',
    indexes: [{ fields: ['file_id'] }],
  },

  sequences: {
    columns: {
      name: text(64, { primaryKey: true }),
      value: required('integer'),
    },
    timestamps: 'none',
  },

  register_entries: {
    columns: {
      id,
      register: text(64, { notNull: true }),
      key: text(300, { notNull: true }),
      title: text(300),
      parentId: integer,
      orgId: integer,
      district: text(12),
      street: text(12),
      data: required('json'),
      caseId: integer,
      status: text(16, { notNull: true, default: 'active' }),
    },
    indexes: [
      { fields: ['register', 'key'] },
      { fields: ['register', 'parent_id'] },
      { fields: ['register', 'org_id'] },
    ],
  },

  // An administrator's unpublished work on a type: one draft bundle per type, published as a new version.
  type_drafts: {
    columns: {
      typeId: text(64, { primaryKey: true }),
      bundle: required('json'),
      updatedBy: integer,
    },
  },

  audit_log: {
    columns: {
      id,
      actorId: integer,
      action: text(100, { notNull: true }),
      target: text(200),
      detail: json,
    },
    timestamps: 'created',
  },

  // 异议 lodged by anyone during a case's public period (公示), for the reviewer to weigh.
  objections: {
    columns: {
      id,
      caseId: required('integer'),
      name: text(50, { notNull: true }),
      contact: text(50, { notNull: true }),
      content: required('text'),
      ip: text(64),
    },
    timestamps: 'created',
    indexes: [{ fields: ['case_id'] }],
  },

  // An Excel import running (or run) on some server: progress and outcome, readable by any server.
  import_jobs: {
    columns: {
      id: text(36, { primaryKey: true }),
      typeId: text(64, { notNull: true }),
      path: text(200, { notNull: true }),
      caseId: integer,
      userId: required('integer'),
      status: text(16, { notNull: true }), // running | done | failed
      fileName: text(255),
      fileSize: integer,
      rowsRead: required('integer', { default: 0 }),
      totalRows: integer,
      errorCount: required('integer', { default: 0 }),
      errors: json,
      result: json,
      message: text(500),
      finishedAt: date,
    },
    indexes: [{ fields: ['user_id', 'created_at'] }],
  },

  // A file uploaded without a session during 机构注册, bound to that registration attempt by the
  // hash of its ticket until the registration claims it (engine/files/registration-uploads.ts).
  registration_uploads: {
    columns: {
      fileId: text(36, { primaryKey: true }),
      ticketHash: text(64, { notNull: true }),
    },
    timestamps: 'created',
    indexes: [{ fields: ['ticket_hash'] }, { fields: ['created_at'] }],
  },
} as const satisfies Record<string, Table>;

export type TableName = keyof typeof SCHEMA;
type Timestamps<T extends TableName> = (typeof SCHEMA)[T] extends { timestamps: 'none' } ? never
  : (typeof SCHEMA)[T] extends { timestamps: 'created' } ? 'createdAt' : 'createdAt' | 'updatedAt';
/** A column of the table by its attribute name (camelCase), timestamps included. */
export type ColumnName<T extends TableName> = Extract<keyof (typeof SCHEMA)[T]['columns'], string> | Timestamps<T>;

/** A table's columns, createdAt / updatedAt included, by attribute name. */
export function tableColumns(table: TableName): Readonly<Record<string, Column>> {
  let columns = withTimestamps.get(table);
  if (!columns) {
    const t: Table = SCHEMA[table];
    const stamps: Record<string, Column> = t.timestamps === 'none' ? {}
      : t.timestamps === 'created' ? { createdAt: required('date') } : { createdAt: required('date'), updatedAt: required('date') };
    withTimestamps.set(table, (columns = { ...t.columns, ...stamps }));
  }
  return columns;
}
const withTimestamps = new Map<TableName, Readonly<Record<string, Column>>>();

/** An attribute name as its column (the models' `underscored`). */
export const snakeCase = (attribute: string) => attribute.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The column of a table's attribute, checked: names that reach SQL text must be the table's own. */
export function columnOf(table: TableName, attribute: string): string {
  const key = `${table}.${attribute}`;
  let column = checked.get(key);
  if (column === undefined) {
    if (!Object.hasOwn(tableColumns(table), attribute)) throw new Error(`${table} has no column ${attribute}`);
    checked.set(key, (column = snakeCase(attribute)));
  }
  return column;
}
const checked = new Map<string, string>();

/**
 * `"a", "b", …` (or `x."a", x."b", …` with a table alias): the columns of the named attributes,
 * quoted (`key` and `register` are words of SQL).
 */
export const columnList = <T extends TableName>(table: T, attributes: readonly ColumnName<T>[], alias?: string): string =>
  attributes.map((a) => `${alias ? `${alias}.` : ''}"${columnOf(table, a)}"`).join(', ');

/** `INSERT INTO table ("a", "b", …) VALUES (?, ?, …)` for the named attributes, in their order. */
export const insertInto = <T extends TableName>(table: T, attributes: readonly ColumnName<T>[]): string =>
  `INSERT INTO ${table} (${columnList(table, attributes)}) VALUES (${attributes.map(() => '?').join(', ')})`;
