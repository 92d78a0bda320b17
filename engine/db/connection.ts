// One Sequelize instance per server, on SQLite (default, a local file) or PostgreSQL.
//
// SQLite: Sequelize 6 opens a fresh connection per transaction and never runs afterConnect, so
// connections are prepared here (shareSqliteConnections); and more than a few concurrent sqlite
// transactions can stall libuv's thread pool in the busy handler, so write transactions are
// serialized per process on one shared connection and committed in groups (groupCommit).
// PostgreSQL: real row locks (SELECT … FOR UPDATE) and no process lock, so many servers can share it.
import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import sqlite3 from 'sqlite3';
import { pgRaw, sqliteRaw, SqliteStatements, txConnection, type Raw } from './raw.js';
import { refuseNested, runScoped, txTimeout } from './tx-scope.js';

import type { DbLimits, Dialect, TxOptions } from './types.js';

export type { DbLimits, Dialect, TxOptions } from './types.js';

/** Writes committed and COMMITs sent (SQLite's group commit: fewer commits than transactions). */
export interface WriterStats { transactions: number; commits: number }

export interface Db {
  sequelize: Sequelize;
  dialect: Dialect;
  /**
   * Runs fn in one write transaction; commits when it resolves, rolls back when it throws. A tx
   * inside another is refused (TxNestedError): it would wait for the outer one forever on SQLite.
   */
  tx<T>(fn: (t: Transaction) => Promise<T>, options?: TxOptions): Promise<T>;
  writerStats: WriterStats;
  /** Prepared statements on the connection of a transaction that tx opened (engine/db/raw.ts). */
  sql(t: Transaction): Raw;
  /** Prepared statements outside any transaction, for reads. */
  read: Raw;
  close(): Promise<void>;
}

export function openSequelize(databaseUrl: string, logging = false, limits: DbLimits = {}): { sequelize: Sequelize; dialect: Dialect } {
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    const sequelize = new Sequelize(databaseUrl, {
      dialect: 'postgres',
      logging,
      pool: { max: 10, min: 0, idle: 10_000, acquire: 10_000 },
      // A database host that hangs (no reset, no answer) must not hang requests forever: a query
      // waits at most query_timeout, then the connection is dropped and the request answers 503.
      // BEIAN_DB_QUERY_TIMEOUT_MS lets the outage test use a short one.
      dialectOptions: { connectionTimeoutMillis: 5_000, query_timeout: limits.queryTimeoutMs ?? 15_000 },
    });
    return { sequelize, dialect: 'postgres' };
  }
  const storage = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  if (storage !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(storage)), { recursive: true });
  const sequelize = new Sequelize({
    dialect: 'sqlite',
    storage,
    logging,
    transactionType: Transaction.TYPES.IMMEDIATE,
    retry: { max: 0 },
    pool: { max: 1, min: 0 },
  });
  shareSqliteConnections(sequelize, storage === ':memory:');
  return { sequelize, dialect: 'sqlite' };
}

type SqliteConnection = { run(sql: string, cb: (err: Error | null) => void): void; close(cb?: () => void): void };
type SqliteManager = {
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): unknown;
};

/**
 * Sequelize 6's sqlite dialect never runs `afterConnect` and opens a new connection per
 * transaction, so PRAGMAs set once are lost. Here every connection gets the PRAGMAs when it is
 * opened (WAL survives in the file; synchronous and busy_timeout are per connection; FULL because
 * an answered 200 must survive power loss too), and all transactions share one long-lived
 * connection: write transactions are serialized per process anyway (createDb's writeLock).
 */
function shareSqliteConnections(sequelize: Sequelize, inMemory: boolean) {
  const cm = sequelize.connectionManager as unknown as SqliteManager;
  const open = cm.getConnection.bind(cm);
  const release = cm.releaseConnection.bind(cm);
  const prepared = new WeakSet<SqliteConnection>();
  const prepare = async (conn: SqliteConnection) => {
    if (prepared.has(conn)) return conn;
    prepared.add(conn);
    const run = (sql: string) => new Promise<void>((resolve, reject) => conn.run(sql, (err) => (err ? reject(err) : resolve())));
    // busy_timeout first: switching a new file to WAL takes a lock, and a second server opening
    // the same new database at that moment must wait for it, not fail with SQLITE_BUSY.
    await run('PRAGMA busy_timeout = 5000');
    if (!inMemory) await run('PRAGMA journal_mode = WAL');
    await run('PRAGMA synchronous = FULL');
    await run('PRAGMA foreign_keys = ON');
    return conn;
  };
  let txConnection: Promise<SqliteConnection> | null = null;
  let txResolved: SqliteConnection | null = null;
  cm.getConnection = async (options = {}) => {
    if (inMemory || !options.uuid || options.uuid === 'default') return prepare(await open(options));
    txConnection ??= open({ ...options, uuid: 'beian-transactions' }).then(prepare).then((c) => (txResolved = c));
    return txConnection;
  };
  cm.releaseConnection = (connection, force) => (connection === txResolved && force !== true ? undefined : release(connection, force));
}

/** A FIFO async mutex: one holder at a time, in arrival order. */
export function createMutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return function run<T>(fn: () => Promise<T>): Promise<T> {
    const result = tail.then(fn, fn);
    tail = result.catch(() => undefined);
    return result;
  };
}

export function createDb(databaseUrl: string, logging = false, limits: DbLimits = {}): Db {
  const { sequelize, dialect } = openSequelize(databaseUrl, logging, limits);
  if (dialect === 'postgres') return postgresDb(sequelize, limits);
  const statements = new SqliteStatements();
  const storage = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  const readers = sqliteReaders(sequelize, storage, statements);
  return {
    sequelize,
    dialect,
    ...groupCommit(sequelize, statements, limits),
    sql: (t) => sqliteRaw(statements, txConnection(t) as never),
    read: readers.raw,
    close: async () => {
      await statements.finalizeAll();
      await readers.close();
      await sequelize.close();
    },
  };
}

function postgresDb(sequelize: Sequelize, limits: DbLimits): Db {
  const writerStats: WriterStats = { transactions: 0, commits: 0 };
  const cm = sequelize.connectionManager as unknown as PgManager;
  const withClient = async <T>(fn: (r: Raw) => Promise<T>): Promise<T> => {
    const client = await cm.getConnection({ type: 'read' });
    try {
      return await fn(pgRaw(client as never));
    } finally {
      cm.releaseConnection(client);
    }
  };
  return {
    sequelize,
    dialect: 'postgres',
    tx: async (fn, options) => {
      refuseNested();
      writerStats.transactions++;
      writerStats.commits++;
      return pgTransaction(sequelize, cm, (t) => runScoped(fn, t, txTimeout(options, limits)));
    },
    writerStats,
    sql: (t) => pgRaw(txConnection(t) as never),
    read: {
      all: (sql, params) => withClient((r) => r.all(sql, params)),
      get: (sql, params) => withClient((r) => r.get(sql, params)),
      run: (sql, params) => withClient((r) => r.run(sql, params)),
    },
    close: () => sequelize.close(),
  };
}

type PgConnection = { uuid?: string };
type PgManager = {
  getConnection(o: { type: string; uuid?: string }): Promise<PgConnection>;
  releaseConnection(c: unknown): void;
  destroyConnection(c: unknown): Promise<void>;
};

/**
 * A Sequelize Transaction for a connection whose BEGIN/COMMIT we send ourselves: models given
 * `{ transaction: t }` run on `t.connection`; `finish` marks it ended so Sequelize refuses late use.
 */
async function ownTransaction(sequelize: Sequelize, connect: (id: string) => Promise<unknown>) {
  const t = new Transaction(sequelize, {}) as Transaction & { id: string; connection: unknown; finished?: string };
  t.connection = await connect(t.id);
  return { t: t as Transaction, conn: t.connection, finish: (state: 'commit' | 'rollback') => { t.finished = state; } };
}

/**
 * A PostgreSQL transaction on a connection of Sequelize's pool, begun and ended with prepared
 * statements (Sequelize's own BEGIN/COMMIT cost more CPU than a transition's statements). The
 * Transaction object carries the connection, so models given `{ transaction: t }` run inside it.
 * A connection whose ROLLBACK fails is in an unknown state: it is destroyed, not returned.
 */
async function pgTransaction<T>(sequelize: Sequelize, cm: PgManager, fn: (t: Transaction) => Promise<T>): Promise<T> {
  const { t, conn, finish } = await ownTransaction(sequelize, (uuid) => cm.getConnection({ type: 'write', uuid }));
  const raw = pgRaw(conn as never);
  let broken = false;
  try {
    await raw.run('BEGIN');
    const result = await fn(t);
    await raw.run('COMMIT');
    finish('commit');
    return result;
  } catch (err) {
    await raw.run('ROLLBACK').catch(() => { broken = true; });
    finish('rollback');
    throw err;
  } finally {
    if (broken) await cm.destroyConnection(conn).catch(() => undefined);
    else cm.releaseConnection(conn);
  }
}

/**
 * Reads outside transactions on SQLite: two connections of their own (WAL readers never wait for
 * the writer), used in turn; an in-memory database has only Sequelize's own connection.
 */
function sqliteReaders(sequelize: Sequelize, storage: string, statements: SqliteStatements) {
  const opened: Array<Promise<sqlite3.Database>> = [];
  const open = () => new Promise<sqlite3.Database>((resolve, reject) => {
    const db = new sqlite3.Database(storage, sqlite3.OPEN_READWRITE, (err) => {
      if (err) return reject(err);
      db.exec('PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;', (e) => (e ? reject(e) : resolve(db)));
    });
  });
  let turn = 0;
  const conn = (): Promise<unknown> => {
    if (storage === ':memory:') {
      const cm = sequelize.connectionManager as unknown as { getConnection(o: { uuid: string }): Promise<unknown> };
      return cm.getConnection({ uuid: 'default' });
    }
    const i = turn++ % 2;
    opened[i] ??= open();
    return opened[i];
  };
  const via = async () => sqliteRaw(statements, (await conn()) as never);
  return {
    raw: {
      all: async (sql: string, params?: unknown[]) => (await via()).all(sql, params),
      get: async (sql: string, params?: unknown[]) => (await via()).get(sql, params),
      run: async (sql: string, params?: unknown[]) => (await via()).run(sql, params),
    } satisfies Raw,
    close: async () => {
      const dbs = await Promise.allSettled(opened);
      opened.length = 0;
      for (const r of dbs) if (r.status === 'fulfilled') await new Promise<void>((res) => r.value.close(() => res()));
    },
  };
}

interface Pending {
  fn: (t: Transaction) => Promise<unknown>;
  timeoutMs: number;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** Most transactions committed by one COMMIT (one fsync): enough to amortise it, small enough to keep latency. */
const GROUP_MAX = 32;

/**
 * SQLite write transactions, one at a time per process (see the header), with group commit: the
 * transactions that queued while one ran are run together in one BEGIN IMMEDIATE … COMMIT, each in
 * its own SAVEPOINT — a failing one is rolled back to its savepoint and rejected alone — and every
 * caller is answered only after the one COMMIT (one fsync for all of them) succeeded. A caller
 * therefore never sees success for a write that is not durable; if the COMMIT fails, all of them fail.
 * BEGIN, SAVEPOINT and COMMIT are prepared statements on the shared write connection. Each caller
 * gets a Transaction object of its own carrying that connection, so models given `{ transaction: t }`
 * and `db.sql(t)` run inside it, and it is marked finished when the caller's part ends: a function
 * that outlived its time limit cannot write into the transactions that follow.
 */
function groupCommit(sequelize: Sequelize, statements: SqliteStatements, limits: DbLimits): Pick<Db, 'tx' | 'writerStats'> {
  const cm = sequelize.connectionManager as unknown as { getConnection(o: { uuid: string }): Promise<unknown> };
  const writerStats: WriterStats = { transactions: 0, commits: 0 };
  const queue: Pending[] = [];
  let running = false;
  const runItem = async (conn: unknown, item: Pending) => {
    const { t, finish } = await ownTransaction(sequelize, async () => conn);
    try {
      const value = await runScoped(item.fn, t, item.timeoutMs);
      finish('commit');
      return value;
    } catch (err) {
      finish('rollback');
      throw err;
    }
  };
  const runBatch = async (batch: Pending[]) => {
    const conn = await cm.getConnection({ uuid: 'beian-transactions' });
    const raw = sqliteRaw(statements, conn as never);
    await raw.run('BEGIN IMMEDIATE');
    const outcomes: Array<{ ok: boolean; value: unknown }> = [];
    try {
      for (const item of batch) {
        if (batch.length > 1) await raw.run('SAVEPOINT beian_group');
        try {
          outcomes.push({ ok: true, value: await runItem(conn, item) });
          if (batch.length > 1) await raw.run('RELEASE beian_group');
        } catch (err) {
          if (batch.length === 1) throw err;
          await raw.run('ROLLBACK TO beian_group');
          await raw.run('RELEASE beian_group');
          outcomes.push({ ok: false, value: err });
        }
      }
      await raw.run('COMMIT');
      writerStats.commits++;
      writerStats.transactions += outcomes.filter((o) => o.ok).length;
    } catch (err) {
      await raw.run('ROLLBACK').catch(() => undefined);
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value) : item.reject(outcomes[i].value)));
  };
  const drain = async () => {
    running = true;
    while (queue.length) {
      const batch = queue.splice(0, GROUP_MAX);
      await runBatch(batch).catch((err) => { for (const item of batch) item.reject(err); });
    }
    running = false;
  };
  const tx = <T>(fn: (t: Transaction) => Promise<T>, options?: TxOptions): Promise<T> => new Promise<T>((resolve, reject) => {
    refuseNested();
    queue.push({ fn, timeoutMs: txTimeout(options, limits), resolve: resolve as (v: unknown) => void, reject });
    if (!running) void drain();
  });
  return { tx, writerStats };
}
