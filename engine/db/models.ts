// The models of the tables of ./schema.ts. Definitions, cases, tasks, the event log, timers, accounts, files and registers all
// live in the database (never in one process's memory) so any number of servers can share it.
import {
  DataTypes, Model, type DataType, type ModelAttributes, type AggregateOptions, type BulkCreateOptions, type CountOptions, type CreateOptions, type DestroyOptions,
  type FindAndCountOptions, type FindOptions, type Sequelize, type UpdateOptions, type UpsertOptions,
} from 'sequelize';
import { decodeAttributes } from './rows.js';
import { SCHEMA, type Column, type Table, type TableName } from './schema.js';

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

/** A model for each table, by its name in MODEL_TABLES. */
export type Models = { [M in keyof typeof MODEL_TABLES]: AnyModel };

// Indexes the inbox and the case lists are ordered by: described with the tables (./schema.ts).
export { QUERY_INDEXES } from './schema.js';

/** The model of each table of ./schema.ts. */
const MODEL_TABLES = {
  District: 'districts', Org: 'orgs', User: 'users', Session: 'sessions', RateLimit: 'rate_limits', TypeDef: 'types',
  TypeVersion: 'type_versions', Case: 'cases', Task: 'tasks', CaseEvent: 'case_events', Timer: 'timers', File: 'files',
  Blob: 'blobs', CaseFile: 'case_files', Sequence: 'sequences', RegisterEntry: 'register_entries', AuditLog: 'audit_log',
  TypeDraft: 'type_drafts', Objection: 'objections', ImportJob: 'import_jobs', RegistrationUpload: 'registration_uploads',
} as const satisfies Record<string, TableName>;

const dataType = (c: Column): DataType => {
  switch (c.kind) {
    case 'integer': return DataTypes.INTEGER;
    case 'text': return c.length ? DataTypes.STRING(c.length) : DataTypes.TEXT;
    case 'json': return DataTypes.JSON;
    case 'date': return DataTypes.DATE;
    case 'boolean': return DataTypes.BOOLEAN;
    case 'blob': return DataTypes.BLOB('long');
  }
};

/** A table's attributes as Sequelize takes them (createdAt / updatedAt come from the options). */
function attributes(table: TableName): ModelAttributes {
  const out: ModelAttributes = {};
  for (const [name, c] of Object.entries<Column>(SCHEMA[table].columns)) {
    out[name] = {
      type: dataType(c),
      ...(c.primaryKey && { primaryKey: true }),
      ...(c.autoIncrement && { autoIncrement: true }),
      ...(c.notNull && { allowNull: false }),
      ...(c.unique && { unique: true }),
      ...(c.default !== undefined && { defaultValue: c.default }),
    };
  }
  return out;
}

export function defineModels(sequelize: Sequelize): Models {
  const models = {} as Record<keyof Models, AnyModel>;
  for (const [model, table] of Object.entries(MODEL_TABLES) as Array<[keyof Models, TableName]>) {
    const t: Table = SCHEMA[table];
    models[model] = sequelize.define(table, attributes(table), {
      tableName: table,
      underscored: true,
      ...(t.timestamps === 'none' && { timestamps: false }),
      ...(t.timestamps === 'created' && { updatedAt: false }),
      ...(t.indexes && { indexes: t.indexes.map((i) => ({ ...i, fields: [...i.fields] })) }),
    }) as unknown as AnyModel;
  }
  const { Task, Case } = models;

  // Joins used by the inbox; no database-level constraints (rows are never deleted).
  Task.belongsTo(Case, { foreignKey: 'caseId', as: 'case', constraints: false });

  // Every model defined above, including ones added later: no list to keep in step.
  if (sequelize.getDialect() === 'sqlite') {
    for (const m of Object.values(sequelize.models)) decodeRawReads(m as unknown as AnyModel);
  }

  return models;
}

// SQLite keeps JSON columns as text, dates as text and booleans as 0 / 1, and Sequelize does not
// convert them on raw reads; PostgreSQL's driver does. Decode here (./rows.ts, shared with the
// prepared statements of ./raw.ts) so every caller sees the same values on both.
function decodeRawReads(model: AnyModel) {
  const m = model as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['findAll', 'findOne', 'findByPk', 'findAndCountAll'] as const) {
    const original = m[name].bind(model);
    m[name] = async (...args: unknown[]) => {
      const result = await original(...args);
      if (Array.isArray(result)) result.forEach(decodeAttributes);
      else if (result && typeof result === 'object' && 'rows' in result) (result as { rows: unknown[] }).rows.forEach(decodeAttributes);
      else decodeAttributes(result);
      return result;
    };
  }
}
