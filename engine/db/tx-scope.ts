// What every write transaction gets on both databases, whatever runs it: a nested db.tx is refused
// at once (on SQLite it would queue behind its own outer transaction and never settle), and a
// transaction that has not settled within its time limit fails and is rolled back, so one hung
// write cannot hold the single SQLite writer (or a PostgreSQL row lock) forever.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from 'sequelize';
import type { DbLimits, TxOptions } from './types.js';

/** A developer's mistake: call the inner function with the outer transaction instead. */
export class TxNestedError extends Error {
  constructor() {
    super('db.tx was called inside another db.tx: pass the outer transaction down instead of opening a new one');
    this.name = 'TxNestedError';
  }
}

export class TxTimeoutError extends Error {
  constructor(ms: number) {
    super(`the write transaction did not finish within ${ms} ms and was rolled back`);
    this.name = 'TxTimeoutError';
  }
}

/** Open while a transaction's function runs; work it started that outlives it may open its own. */
const scope = new AsyncLocalStorage<{ open: boolean }>();

/** Refuses a tx opened from inside another (the check runs before it queues for the writer). */
export function refuseNested(): void {
  if (scope.getStore()?.open) throw new TxNestedError();
}

/** Runs one transaction's function inside its scope and its time limit (0: none). */
export async function runScoped<T>(fn: (t: Transaction) => Promise<T>, t: Transaction, timeoutMs: number): Promise<T> {
  const mine = { open: true };
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = scope.run(mine, () => fn(t));
    if (!timeoutMs) return await work;
    const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new TxTimeoutError(timeoutMs)), timeoutMs); });
    work.catch(() => undefined); // settles after the limit: its rejection is nobody's to handle
    return await Promise.race([work, limit]);
  } finally {
    mine.open = false;
    clearTimeout(timer);
  }
}

/** The limit a tx gets without options: the database's (config BEIAN_TX_TIMEOUT_MS), else 20 s (PostgreSQL's query_timeout is 15 s). */
export function txTimeout(options: TxOptions | undefined, limits: DbLimits = {}): number {
  return options?.timeoutMs ?? limits.txTimeoutMs ?? 20_000;
}
