// Public surface of the persistence layer.
import { createDb, type Db, type DbLimits } from './connection.js';
import { defineModels, type Models } from './models.js';
import { migrate } from './migrate.js';
import { routeWritesThroughWriter } from './one-writer.js';

export type { Db, DbLimits, Dialect, TxOptions, WriterStats } from './connection.js';
export type { Models, AnyModel } from './models.js';
export { createMutex } from './connection.js';
export { migrate } from './migrate.js';
export { TxNestedError, TxTimeoutError } from './tx-scope.js';
export { SCHEMA, columnList, columnOf, insertInto, type ColumnKind, type ColumnName, type TableName } from './schema.js';

export interface Database extends Db {
  models: Models;
}

/** Opens the database and brings its schema up to date (./migrate.ts); never drops or rewrites data. */
export async function openDatabase(databaseUrl: string, limits: DbLimits = {}): Promise<Database> {
  const db = createDb(databaseUrl, false, limits);
  const models = defineModels(db.sequelize);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  routeWritesThroughWriter(db, models);
  return { ...db, models };
}
