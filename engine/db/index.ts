// Public surface of the persistence layer.
import { QueryTypes } from 'sequelize';
import { createDb, type Db } from './connection.js';
import { defineModels, QUERY_INDEXES, type Models } from './models.js';

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
  // Before sync: sync creates the models' missing indexes, some of which use added columns.
  await ensureColumns(db);
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
  await ensureQueryIndexes(db);
  return { ...db, models };
}

/**
 * Columns added after the first release, on databases created before them (sync creates new tables
 * only): added and filled in, before sync adds the indexes that use them. Idempotent; two servers starting at once may both try, so a failed
 * ADD COLUMN is retried after re-checking.
 */
async function ensureColumns(db: Db): Promise<void> {
  const added: Array<{ table: string; column: string; type: string; fill: string }> = [
    { table: 'tasks', column: 'type_id', type: 'VARCHAR(64)', fill: 'UPDATE tasks SET type_id = (SELECT c.type_id FROM cases c WHERE c.id = tasks.case_id) WHERE type_id IS NULL' },
  ];
  for (const a of added) {
    for (let attempt = 1; ; attempt++) {
      const cols = db.dialect === 'sqlite'
        ? (await db.sequelize.query(`PRAGMA table_info(${a.table})`, { type: QueryTypes.SELECT }) as Array<{ name: string }>).map((c) => c.name)
        : (await db.sequelize.query('SELECT column_name AS name FROM information_schema.columns WHERE table_name = :t AND table_schema = current_schema()',
          { replacements: { t: a.table }, type: QueryTypes.SELECT }) as Array<{ name: string }>).map((c) => c.name);
      if (cols.length === 0 || cols.includes(a.column)) break; // a new database: sync creates the table
      try {
        await db.sequelize.query(`ALTER TABLE ${a.table} ADD COLUMN ${a.column} ${a.type}`);
        await db.sequelize.query(a.fill);
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
}

/**
 * The inbox / case-list indexes on databases created before they were declared (sync creates them
 * with new tables). Idempotent; plain CREATE INDEX IF NOT EXISTS on SQLite and PostgreSQL. On
 * PostgreSQL also a pattern index so `number LIKE 'PREFIX%'` can use an index whatever the collation.
 */
async function ensureQueryIndexes(db: Db): Promise<void> {
  const statements = QUERY_INDEXES.map(({ table, name, fields }) => `CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${fields.join(', ')})`);
  // Named by the case-list query on SQLite (INDEXED BY, engine/runtime/access.ts): must exist.
  statements.push('CREATE INDEX IF NOT EXISTS tasks_assignee_id_status ON tasks (assignee_id, status)');
  if (db.dialect === 'postgres') statements.push('CREATE INDEX IF NOT EXISTS cases_number_pattern ON cases (number varchar_pattern_ops)');
  // Superseded by tasks_inbox_district (its leading columns): only slowed every task write.
  statements.push('DROP INDEX IF EXISTS tasks_status_role_district');
  for (const sql of statements) {
    for (let attempt = 1; ; attempt++) {
      try {
        await db.sequelize.query(sql);
        break;
      } catch (err) {
        // Two servers starting at once on one PostgreSQL may race on the same index: retry.
        if (attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
}
