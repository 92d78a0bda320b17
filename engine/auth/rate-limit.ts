// Fixed-window counters kept in the database (table rate_limits), so a limit holds across any
// number of servers behind a load balancer; one process's memory would let a client spread its
// attempts over the servers. Windows are measured by the engine's clock (engine/clock.ts).
import type { Transaction } from 'sequelize';
import type { Engine } from '../context.js';
import { AppError } from '../errors.js';

export interface RateLimitResult {
  /** false once this hit went over max within the window. */
  allowed: boolean;
  /** Hits in the current window, this one included. */
  count: number;
  remaining: number;
  resetAt: Date;
}

// Raw reads come back as plain rows; Sequelize's typings only know model instances.
const asRow = (m: unknown) => m as Record<string, unknown> | null;
const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/**
 * Counts one hit on key and tells whether it is still within max per windowMs. A window starts
 * at its first hit and the counter starts over once it has passed. Never throws for the limit
 * itself: callers decide what to answer (see enforceRateLimit).
 */
export async function hitRateLimit(engine: Engine, key: string, max: number, windowMs: number): Promise<RateLimitResult> {
  return engine.db.tx((t) => hitRateLimitIn(engine, t, key, max, windowMs));
}

/** hitRateLimit inside the caller's transaction (the login counts its address and account in one). */
export async function hitRateLimitIn(engine: Engine, t: Transaction, key: string, max: number, windowMs: number): Promise<RateLimitResult> {
  const { RateLimit } = engine.db.models;
  const now = new Date(engine.clock.now());
  // Make sure the row exists without racing another server's insert (ON CONFLICT DO NOTHING /
  // INSERT OR IGNORE), then lock it: on PostgreSQL concurrent hits on one key queue on the row
  // lock; on SQLite the IMMEDIATE transaction and the process write lock already serialize them.
  await RateLimit.bulkCreate([{ key, windowStart: now, count: 0 }], { ignoreDuplicates: true, transaction: t });
  const row = asRow(await RateLimit.findByPk(key, { transaction: t, lock: t.LOCK.UPDATE, raw: true }));
  let windowStart = toDate(row?.windowStart ?? now);
  let count = Number(row?.count ?? 0);
  if (now.getTime() - windowStart.getTime() >= windowMs) {
    windowStart = now;
    count = 0;
  }
  count += 1;
  await RateLimit.update({ windowStart, count }, { where: { key }, transaction: t });
  return { allowed: count <= max, count, remaining: Math.max(0, max - count), resetAt: new Date(windowStart.getTime() + windowMs) };
}

/** Hits in the current window of key, without counting one more (0 when the window is over). */
export async function rateLimitCount(engine: Engine, key: string, windowMs: number): Promise<number> {
  const row = asRow(await engine.db.models.RateLimit.findByPk(key, { raw: true }));
  if (!row) return 0;
  if (engine.clock.now() - toDate(row.windowStart).getTime() >= windowMs) return 0;
  return Number(row.count);
}

/** Counts one hit and answers 429 RATE_LIMITED when it goes over: for public endpoints. */
export async function enforceRateLimit(engine: Engine, key: string, max: number, windowMs: number): Promise<RateLimitResult> {
  const result = await hitRateLimit(engine, key, max, windowMs);
  if (!result.allowed) throw new AppError('RATE_LIMITED', {}, { retryAfterSeconds: Math.ceil((result.resetAt.getTime() - engine.clock.now()) / 1000) });
  return result;
}

/** Forgets a key, e.g. after a successful login. */
export async function clearRateLimit(engine: Engine, key: string): Promise<void> {
  await engine.db.models.RateLimit.destroy({ where: { key } });
}
