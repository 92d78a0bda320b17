// Prepared statements on the transaction's own connection, for the hot paths (a transition, the
// case page, the session lookup). Sequelize costs 0.3–0.9 ms of CPU per statement (model and query
// generation, option cloning, a formatted stack per query, and on SQLite a `PRAGMA table_info`
// before every SELECT); a prepared statement costs a few µs. SQL is written once with `?`
// placeholders; on SQLite it becomes a cached `sqlite3.Statement` of the connection, on PostgreSQL
// a named statement of the client (`$1`, `$2`, … ). Rows come back with the same shapes and values
// the models give ({ raw: true }), decoded by ./rows.ts: camelCase keys, JSON columns parsed, dates
// as Date, booleans as booleans, on both databases.
import { createHash } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { Dialect } from './types.js';
import { decodeColumns } from './rows.js';

export type RawRow = Record<string, unknown>;

export interface Raw {
  all(sql: string, params?: unknown[]): Promise<RawRow[]>;
  get(sql: string, params?: unknown[]): Promise<RawRow | undefined>;
  /** Number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

/** A value as the column stores it: JSON text for objects, the models' date text on SQLite. */
export function sqlValue(dialect: Dialect, v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return dialect === 'sqlite' ? sqliteDate(v) : v;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'boolean') return dialect === 'sqlite' ? (v ? 1 : 0) : v;
  return v;
}

/**
 * SQL with Sequelize-style named replacements (`:name`; arrays expand to a list) as `?` SQL and its
 * values, for the prepared-statement API. `::type` casts are left alone.
 */
export function named(dialect: Dialect, sql: string, params: Record<string, unknown>): [string, unknown[]] {
  const values: unknown[] = [];
  const text = sql.replace(/(?<![:\w]):([a-zA-Z_]\w*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for :${name}`);
    const v = params[name];
    if (Array.isArray(v)) {
      values.push(...v.map((x) => sqlValue(dialect, x)));
      return v.map(() => '?').join(', ');
    }
    values.push(sqlValue(dialect, v));
    return '?';
  });
  return [text, values];
}

/** How Sequelize's sqlite dialect writes a DATE ('2026-11-27 07:37:09.123 +00:00'). */
export const sqliteDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', ' +00:00');

type SqliteStatement = {
  all(params: unknown[], cb: (err: Error | null, rows: RawRow[]) => void): void;
  run(params: unknown[], cb: (this: { changes: number }, err: Error | null) => void): void;
  finalize(cb?: () => void): void;
};
type SqliteConn = { prepare(sql: string, cb: (err: Error | null) => void): SqliteStatement };
type PgClient = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: RawRow[]; rowCount: number | null }> };

const pgText = new Map<string, { name: string; text: string }>();
function pgStatement(sql: string) {
  let s = pgText.get(sql);
  if (!s) {
    let i = 0;
    s = { name: `b_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text: sql.replace(/\?/g, () => `$${++i}`) };
    pgText.set(sql, s);
  }
  return s;
}

/** Statements prepared per SQLite connection; finalized before the connection closes. */
export class SqliteStatements {
  private byConn = new Map<SqliteConn, Map<string, Promise<SqliteStatement>>>();

  prepared(conn: SqliteConn, sql: string): Promise<SqliteStatement> {
    let cache = this.byConn.get(conn);
    if (!cache) this.byConn.set(conn, (cache = new Map()));
    let st = cache.get(sql);
    if (!st) {
      st = new Promise((resolve, reject) => {
        const s = conn.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
      });
      st.catch(() => cache!.delete(sql));
      cache.set(sql, st);
    }
    return st;
  }

  async finalizeAll(): Promise<void> {
    const all = [...this.byConn.values()].flatMap((m) => [...m.values()]);
    this.byConn.clear();
    await Promise.all(all.map((p) => p.then((s) => new Promise<void>((r) => s.finalize(() => r())), () => undefined)));
  }
}

export function sqliteRaw(statements: SqliteStatements, conn: SqliteConn): Raw {
  const all = async (sql: string, params: unknown[] = []) => {
    const st = await statements.prepared(conn, sql);
    const rows = await new Promise<RawRow[]>((resolve, reject) => st.all(params, (err, r) => (err ? reject(err) : resolve(r))));
    return rows.map(decodeColumns);
  };
  return {
    all,
    get: async (sql, params) => (await all(sql, params))[0],
    run: async (sql, params = []) => {
      const st = await statements.prepared(conn, sql);
      return new Promise<number>((resolve, reject) => st.run(params, function (err) { if (err) reject(err); else resolve(this.changes); }));
    },
  };
}

// Errors after which a pg client must not go back to the pool (as Sequelize's own query path does).
const CONNECTION_LOST = /ECONNRESET|EPIPE|ECONNREFUSED|Connection terminated|Query read timeout|connection error|not queryable|terminating connection/;

export function pgRaw(client: PgClient): Raw {
  const query = async (sql: string, params: unknown[] = []) => {
    try {
      return await client.query({ ...pgStatement(sql), values: params });
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (CONNECTION_LOST.test(`${e.code ?? ''} ${e.message ?? ''}`)) (client as { _invalid?: boolean })._invalid = true;
      throw err;
    }
  };
  const all = async (sql: string, params?: unknown[]) => (await query(sql, params)).rows.map(decodeColumns);
  return {
    all,
    get: async (sql, params) => (await all(sql, params))[0],
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
  };
}

/** The connection a Sequelize transaction holds (sqlite3.Database or pg.Client). */
/** The connection of an open transaction; one that has ended is refused, as Sequelize refuses it. */
export const txConnection = (t: Transaction) => {
  const open = t as unknown as { connection: unknown; finished?: string };
  if (open.finished) throw new Error(`this transaction has ended (${open.finished}); its connection can no longer be used`);
  return open.connection;
};
