// Login attempts are counted before the password is checked, not after. Checking a counter, then
// verifying (scrypt, ~50 ms), then counting lets any number of simultaneous guesses pass the check
// before the first one is counted; so each attempt first reserves its place in both counters (the
// client address's and the account's) in one database transaction, and a success gives its place
// back. The counters are rows (rate_limits, users.failed_logins), so the limits hold across servers:
// on PostgreSQL concurrent reservations queue on the row locks, on SQLite on the one write transaction.
import { Op, literal, type Transaction } from 'sequelize';
import type { Engine } from '../context.js';
import { AppError } from '../errors.js';
import { hitRateLimitIn } from './rate-limit.js';

// Failed logins allowed per client address: slows down guessing across many accounts.
const IP_MAX_FAILURES = 30;
const IP_WINDOW_MS = 10 * 60_000;

const ipKey = (ip: string) => `login-ip:${ip}`;
const asRow = (m: unknown) => m as Record<string, unknown> | null;
const minutesLeft = (until: Date, now: number) => Math.max(1, Math.ceil((until.getTime() - now) / 60_000));

export interface Reservation {
  ip: string;
  userId: number | null;
  /** This attempt was the one that reached loginMaxFailures and locked the account. */
  locked: boolean;
}

/**
 * Takes one attempt from the address's budget and, for a known account, one from the account's:
 * refused (429 RATE_LIMITED / LOGIN_LOCKED, nothing counted) when either is spent. The attempt
 * that reaches loginMaxFailures locks the account at once, so attempts reserved after it are
 * refused even while it is still being verified.
 */
export async function reserveAttempt(engine: Engine, ip: string, userId: number | null): Promise<Reservation> {
  return engine.db.tx(async (t) => {
    const hit = await hitRateLimitIn(engine, t, ipKey(ip), IP_MAX_FAILURES, IP_WINDOW_MS);
    if (!hit.allowed) throw new AppError('RATE_LIMITED');
    const locked = userId === null ? false : await countAccountAttempt(engine, t, userId);
    return { ip, userId, locked };
  });
}

async function countAccountAttempt(engine: Engine, t: Transaction, userId: number): Promise<boolean> {
  const { User } = engine.db.models;
  const { loginMaxFailures, loginLockMinutes } = engine.config;
  const u = asRow(await User.findByPk(userId, { transaction: t, lock: t.LOCK.UPDATE, raw: true }));
  if (!u) return false;
  const until = u.lockedUntil ? new Date(u.lockedUntil as string) : null;
  const now = engine.clock.now();
  // Locked: refused even with the right password, so guessing cannot go on during the lock.
  // Throwing rolls the address's hit back too: a refused attempt was never evaluated.
  if (until && until.getTime() > now) throw new AppError('LOGIN_LOCKED', { minutes: minutesLeft(until, now) });
  const failures = Number(u.failedLogins) + 1;
  const lock = failures >= loginMaxFailures;
  await User.update({
    // The counter starts over with the lock, so after it expires the user has full attempts again.
    failedLogins: lock ? 0 : failures,
    lockedUntil: lock ? new Date(now + loginLockMinutes * 60_000) : null,
  }, { where: { id: userId }, transaction: t });
  return lock;
}

/**
 * The password was right: the address gets its attempt back and the account's consecutive
 * failures start over. A lock is lifted only when this attempt set it; a lock set by another
 * attempt reserved meanwhile stays (someone else is guessing).
 */
export async function releaseAttempt(engine: Engine, r: Reservation): Promise<void> {
  const { RateLimit, User } = engine.db.models;
  await engine.db.tx(async (t) => {
    await RateLimit.update({ count: literal('count - 1') }, { where: { key: ipKey(r.ip), count: { [Op.gt]: 0 } }, transaction: t });
    if (r.userId === null) return;
    await User.update(r.locked ? { failedLogins: 0, lockedUntil: null } : { failedLogins: 0 }, { where: { id: r.userId }, transaction: t });
  });
}
