// Fresh databases for one benchmark run: SQLite files in a temporary directory (on the same disk as
// everything else, never tmpfs-only assumptions), or PostgreSQL databases created and dropped here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import sqlite3 from 'sqlite3';

export type Kind = 'sqlite' | 'postgres';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface FreshDb {
  kind: Kind;
  url: string;
  /** SQLite: the file path. */
  file?: string;
  drop(): Promise<void>;
}

const runId = randomBytes(4).toString('hex');
let sqliteDir: string | null = null;
const created: FreshDb[] = [];

export async function freshDatabase(kind: Kind, label: string, pgBase = DEFAULT_PG_URL): Promise<FreshDb> {
  let db: FreshDb;
  if (kind === 'sqlite') {
    sqliteDir ??= fs.mkdtempSync(path.join(os.tmpdir(), `beian-bench-${runId}-`));
    const file = path.join(sqliteDir, `${label}.sqlite`);
    db = {
      kind, file, url: `sqlite:${file}`,
      async drop() {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
      },
    };
  } else {
    const name = `beian_bench_${runId}_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
    await adminQuery(pgBase, `CREATE DATABASE ${name}`);
    const url = new URL(pgBase);
    url.pathname = `/${name}`;
    db = { kind, url: url.toString(), drop: () => adminQuery(pgBase, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  created.push(db);
  return db;
}

/** Drops everything created in this process (also on Ctrl-C). */
export async function dropAll() {
  for (const db of created.splice(0)) await db.drop().catch(() => undefined);
  if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
  sqliteDir = null;
}

async function adminQuery(base: string, sql: string) {
  const c = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function postgresReachable(base: string): Promise<boolean> {
  try {
    await adminQuery(base, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

export async function postgresVersion(base: string): Promise<string> {
  const c = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    const r = await c.query('SHOW server_version');
    return `PostgreSQL ${r.rows[0].server_version}`;
  } finally {
    await c.end();
  }
}

export function sqliteVersion(): Promise<string> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(':memory:');
    db.get('SELECT sqlite_version() AS v', (err, row: { v: string }) => {
      db.close();
      if (err) reject(err);
      else resolve(`SQLite ${row.v} (npm sqlite3 ${sqlite3.VERSION ?? ''})`.replace(' ()', ''));
    });
  });
}

// ---- a promise wrapper around one raw sqlite3 connection (the floors and the bpmn-engine store) ----

export interface RawSqlite {
  run(sql: string, params?: unknown[]): Promise<{ changes: number; lastID: number }>;
  get<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T | undefined>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** One connection with the engine's PRAGMAs: WAL, synchronous=FULL, busy_timeout, foreign keys. */
export async function openRawSqlite(file: string): Promise<RawSqlite> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  const raw: RawSqlite = {
    run: (sql, params = []) => new Promise((resolve, reject) => {
      db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      });
    }),
    get: (sql, params = []) => new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as never)))),
    exec: (sql) => new Promise((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve()))),
    close: () => new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve()))),
  };
  await raw.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  return raw;
}
