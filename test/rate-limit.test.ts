import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadConfig } from '../engine/config.js';
import { openDatabase } from '../engine/db/index.js';
import type { Engine } from '../engine/context.js';
import { AppError } from '../engine/errors.js';
import { offsetClock } from '../engine/clock.js';
import { enforceRateLimit, hashPassword, hitRateLimit, login, loadSessionUser, rateLimitCount } from '../engine/auth/index.js';

const PASSWORD = 'Beian@2026';
// Runs on SQLite in memory, or on the PostgreSQL of DATABASE_URL (npm run test:pg), which other
// test files share: every name and key here carries this run's suffix.
const RUN = Math.random().toString(36).slice(2, 8);
const u = (name: string) => `${name}-${RUN}`;
const ip = (name: string) => `${name}-${RUN}`;
const k = (name: string) => `test:${RUN}:${name}`;
const CODE = `APPL${RUN.toUpperCase()}`;
let engine: Engine;
const clock = offsetClock();

beforeAll(async () => {
  const config = loadConfig({}, { databaseUrl: process.env.DATABASE_URL || 'sqlite::memory:', loginMaxFailures: 3, loginLockMinutes: 15 });
  const db = await openDatabase(config.databaseUrl);
  // Only config and db are used by the code under test; the registry and ajv are not needed.
  engine = { config, db, registry: {} as never, ajv: {} as never, status: { pdf: 'unknown' }, onCommitted: [], clock, log: {} as never };
  const passwordHash = await hashPassword(PASSWORD);
  for (const username of [u('clerk1'), u('reviewer1'), u('reviewer2'), u('burst'), CODE]) {
    await db.models.User.create({ username, passwordHash, role: 'clerk', displayName: username, district: '440604' });
  }
});

afterAll(async () => {
  await engine.db.close();
});

/** The error code a promise rejects with, or 'ok'. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return `${err.status} ${err.code}`;
  }
}

const userRow = async (username: string) =>
  (await engine.db.models.User.findOne({ where: { username }, raw: true })) as unknown as Record<string, unknown>;

describe('通用频率限制（存于数据库）', () => {
  it('allows max hits per window and refuses the next', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(engine, k('a'), 3, 60_000));
    expect(results.map((r) => [r.allowed, r.count, r.remaining])).toEqual([[true, 1, 2], [true, 2, 1], [true, 3, 0], [false, 4, 0]]);
    expect(await rateLimitCount(engine, k('a'), 60_000)).toBe(4);
  });

  it('starts over once the window has passed', async () => {
    // A minute's window, moved past on the engine's clock: no sleeping, and a loaded machine's
    // slow second hit still falls inside the window.
    await hitRateLimit(engine, k('b'), 1, 60_000);
    expect((await hitRateLimit(engine, k('b'), 1, 60_000)).allowed).toBe(false);
    clock.advance(60_001);
    expect(await rateLimitCount(engine, k('b'), 60_000)).toBe(0);
    expect(await hitRateLimit(engine, k('b'), 1, 60_000)).toMatchObject({ allowed: true, count: 1 });
  });

  it('counts every one of many simultaneous hits exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(engine, k('c'), 100, 60_000)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('keeps keys apart and answers 429 RATE_LIMITED through enforceRateLimit', async () => {
    await enforceRateLimit(engine, k('d'), 1, 60_000);
    expect(await outcome(enforceRateLimit(engine, k('d'), 1, 60_000))).toBe('429 RATE_LIMITED');
    expect(await outcome(enforceRateLimit(engine, k('e'), 1, 60_000))).toBe('ok');
  });
});

describe('登录与失败锁定', () => {
  it('logs in with the right password and opens a session', async () => {
    const { user, token } = await login(engine, u('clerk1'), PASSWORD, ip('10.0.0.1'));
    expect(user).toMatchObject({ username: u('clerk1'), role: 'clerk', district: '440604' });
    expect(await loadSessionUser(engine, token)).toMatchObject({ username: u('clerk1') });
  });

  it('applicants may type their credit code in lower case', async () => {
    expect((await login(engine, ` ${CODE.toLowerCase()} `, PASSWORD, ip('10.0.0.1'))).user.username).toBe(CODE);
  });

  it('answers an unknown user and a wrong password alike', async () => {
    const unknown = await login(engine, u('nobody'), PASSWORD, ip('10.0.0.2')).catch((e: AppError) => e.toJSON());
    const wrong = await login(engine, u('clerk1'), 'Wrong@2026', ip('10.0.0.2')).catch((e: AppError) => e.toJSON());
    expect(unknown).toEqual(wrong);
    expect(wrong).toEqual({ error: { code: 'LOGIN_FAILED', message: '用户名或密码错误', details: undefined } });
    // A success resets the consecutive-failure count.
    expect((await userRow(u('clerk1'))).failedLogins).toBe(1);
    await login(engine, u('clerk1'), PASSWORD, ip('10.0.0.2'));
    expect((await userRow(u('clerk1'))).failedLogins).toBe(0);
  });

  it('locks the account after loginMaxFailures failures, even against the right password', async () => {
    for (let i = 0; i < 3; i++) expect(await outcome(login(engine, u('reviewer1'), 'Wrong@2026', ip('10.0.0.3')))).toBe('401 LOGIN_FAILED');
    const locked = await login(engine, u('reviewer1'), PASSWORD, ip('10.0.0.3')).catch((e: AppError) => e);
    expect(locked).toBeInstanceOf(AppError);
    expect((locked as AppError).code).toBe('LOGIN_LOCKED');
    expect((locked as AppError).message).toBe('登录失败次数过多，请 15 分钟后再试');
    // Another account is not affected.
    expect(await outcome(login(engine, u('reviewer2'), PASSWORD, ip('10.0.0.3')))).toBe('ok');

    // When the lock has run out the right password works again and the counter is clear.
    await engine.db.models.User.update({ lockedUntil: new Date(Date.now() - 1000) }, { where: { username: u('reviewer1') } });
    expect(await outcome(login(engine, u('reviewer1'), PASSWORD, ip('10.0.0.3')))).toBe('ok');
    expect(await userRow(u('reviewer1'))).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('refuses an address after 30 failed attempts in 10 minutes, but not other addresses', async () => {
    for (let i = 0; i < 30; i++) {
      expect(await outcome(login(engine, u(`guess${i}`), 'Wrong@2026', ip('10.9.9.9')))).toBe('401 LOGIN_FAILED');
    }
    expect(await outcome(login(engine, u('clerk1'), PASSWORD, ip('10.9.9.9')))).toBe('429 RATE_LIMITED');
    expect(await outcome(login(engine, u('clerk1'), PASSWORD, ip('10.9.9.10')))).toBe('ok');
  }, 30_000);

  it('a burst of 40 simultaneous wrong passwords is evaluated only loginMaxFailures times, and the right one after it is refused', async () => {
    const burst = await Promise.all(Array.from({ length: 40 }, () => outcome(login(engine, u('burst'), 'Wrong@2026', ip('10.0.1.1')))));
    const tally = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});
    // loginMaxFailures is 3 here: three guesses are checked, the other 37 refused before scrypt.
    expect(tally(burst)).toEqual({ '401 LOGIN_FAILED': 3, '429 LOGIN_LOCKED': 37 });
    expect(await outcome(login(engine, u('burst'), PASSWORD, ip('10.0.1.1')))).toBe('429 LOGIN_LOCKED');
    // Refused attempts were never evaluated, so they do not count against the address either.
    expect(await rateLimitCount(engine, `login-ip:${ip('10.0.1.1')}`, 600_000)).toBe(3);
  }, 60_000);

  it('60 simultaneous failures from one address: 30 are evaluated, the rest refused', async () => {
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => outcome(login(engine, u(`spray${i}`), 'Wrong@2026', ip('10.0.2.2')))));
    expect(burst.filter((o) => o === '401 LOGIN_FAILED')).toHaveLength(30);
    expect(burst.filter((o) => o === '429 RATE_LIMITED')).toHaveLength(30);
  }, 60_000);

  it('a successful login gives its attempt back to the address', async () => {
    for (let i = 0; i < 29; i++) await login(engine, u(`miss${i}`), 'Wrong@2026', ip('10.0.3.3')).catch(() => undefined);
    // 29 failures: each success in between leaves the address one attempt short of the limit.
    for (let i = 0; i < 3; i++) expect(await outcome(login(engine, u('clerk1'), PASSWORD, ip('10.0.3.3')))).toBe('ok');
    expect(await rateLimitCount(engine, `login-ip:${ip('10.0.3.3')}`, 600_000)).toBe(29);
    expect(await outcome(login(engine, u('nobody'), 'Wrong@2026', ip('10.0.3.3')))).toBe('401 LOGIN_FAILED');
    expect(await outcome(login(engine, u('clerk1'), PASSWORD, ip('10.0.3.3')))).toBe('429 RATE_LIMITED');
  }, 60_000);
});
