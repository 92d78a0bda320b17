// One Sequelize instance per server, on SQLite (default, a local file) or PostgreSQL.
//
// SQLite: Sequelize 6 opens a fresh connection per transaction and never runs afterConnect, so
// connections are prepared here (shareSqliteConnections); and more than a few concurrent sqlite
// transactions can stall libuv's thread pool in the busy handler, so write transactions are
// serialized per process (writeLock) on one shared connection.
// PostgreSQL: real row locks (SELECT … FOR UPDATE) and no process lock, so many servers can share it.
import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  sequelize: Sequelize;
  dialect: Dialect;
  /** Runs fn in one write transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openSequelize(databaseUrl: string, logging = false): { sequelize: Sequelize; dialect: Dialect } {
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    const sequelize = new Sequelize(databaseUrl, {
      dialect: 'postgres',
      logging,
      pool: { max: 10, min: 0, idle: 10_000, acquire: 10_000 },
      // A database host that hangs (no reset, no answer) must not hang requests forever: a query
      // waits at most query_timeout, then the connection is dropped and the request answers 503.
      // BEIAN_DB_QUERY_TIMEOUT_MS lets the outage test use a short one.
      dialectOptions: { connectionTimeoutMillis: 5_000, query_timeout: Number(process.env.BEIAN_DB_QUERY_TIMEOUT_MS) || 15_000 },
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
    if (!inMemory) await run('PRAGMA journal_mode = WAL');
    await run('PRAGMA synchronous = FULL');
    await run('PRAGMA busy_timeout = 5000');
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

export function createDb(databaseUrl: string, logging = false): Db {
  const { sequelize, dialect } = openSequelize(databaseUrl, logging);
  const writeLock = dialect === 'sqlite' ? createMutex() : <T>(fn: () => Promise<T>) => fn();
  return {
    sequelize,
    dialect,
    tx: (fn) => writeLock(() => sequelize.transaction((t) => fn(t))),
    close: () => sequelize.close(),
  };
}
