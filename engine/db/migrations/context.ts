// What a numbered migration is given: the database, the transaction every migration of one start
// runs in (DDL is transactional on SQLite and PostgreSQL, so a failed upgrade changes nothing), and
// the few schema questions migrations ask.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../connection.js';

export interface MigrationContext {
  db: Db;
  t: Transaction;
  /**
   * Runs one statement inside the migration's transaction. `long`: a statement that may outlast the
   * PostgreSQL query timeout made for requests (BEIAN_DB_QUERY_TIMEOUT_MS, 15 s) — an index built
   * over a table of a million rows — runs without it.
   */
  run(sql: string, options?: { long?: boolean }): Promise<void>;
  /** The columns of a table; empty when the table does not exist. */
  columns(table: string): Promise<string[]>;
  /**
   * Adds a column unless it exists. Migration 0001 creates missing tables from the models as they
   * are *now* (sync), so on a new database a later migration's column may already be there.
   */
  addColumn(table: string, column: string, type: string): Promise<boolean>;
}

export function migrationContext(db: Db, t: Transaction): MigrationContext {
  const run = async (sql: string, options?: { long?: boolean }) => {
    if (options?.long && db.dialect === 'postgres') {
      // node-postgres takes a per-query read timeout; a day stands for none (0 would mean the default).
      const client = (t as unknown as { connection: { query(q: { text: string; query_timeout: number }): Promise<unknown> } }).connection;
      await client.query({ text: sql, query_timeout: 86_400_000 });
      return;
    }
    await db.sequelize.query(sql, { transaction: t });
  };
  const columns = async (table: string) => {
    const rows = db.dialect === 'sqlite'
      ? await db.sequelize.query(`PRAGMA table_info(${table})`, { type: QueryTypes.SELECT, transaction: t })
      : await db.sequelize.query('SELECT column_name AS name FROM information_schema.columns WHERE table_name = :table AND table_schema = current_schema()',
        { replacements: { table }, type: QueryTypes.SELECT, transaction: t });
    return (rows as Array<{ name: string }>).map((c) => c.name);
  };
  return {
    db, t, run, columns,
    async addColumn(table, column, type) {
      if ((await columns(table)).includes(column)) return false;
      await run(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
      return true;
    },
  };
}

export interface Migration {
  /** `NNNN-what-it-does`: applied in this order, recorded by name, never renamed. */
  name: string;
  up(ctx: MigrationContext): Promise<void>;
}
