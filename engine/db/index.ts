// Public surface of the persistence layer.
import { createDb, type Db } from './connection.js';
import { defineModels, type Models } from './models.js';

export type { Db, Dialect } from './connection.js';
export type { Models, AnyModel } from './models.js';
export { createMutex } from './connection.js';

export interface Database extends Db {
  models: Models;
}

/** Opens the database and creates missing tables; never drops or rewrites existing data. */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  const db = createDb(databaseUrl);
  const models = defineModels(db.sequelize);
  // Two servers starting at once on one PostgreSQL may race on CREATE TABLE: retry once or twice.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.sequelize.sync();
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  return { ...db, models };
}
