// Settings are checked when the server starts: a wrong value stops it with a message naming the
// environment variable, the value given and what is expected, instead of running with NaN or a
// hot loop.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, ROOT_DIR, SETTINGS } from '../engine/config.js';

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`settings ${JSON.stringify(env)} were accepted`);
};

describe('settings', () => {
  it('loads the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000, host: '0.0.0.0', rootDir: ROOT_DIR, demoPassword: 'Beian@2026', timerPollMs: 1000,
      timerMaxAttempts: 8, timerRetryMs: 30_000, txTimeoutMs: 20_000, dbQueryTimeoutMs: 15_000, sessionHours: 12,
      uploadLimitBytes: 20 * 1024 * 1024, bodyLimitBytes: 2 * 1024 * 1024, loginMaxFailures: 5, loginLockMinutes: 15,
      seed: true, logLevel: 'info', trustProxy: false, chromiumPath: '/usr/bin/chromium', printPages: 4,
      printTimeoutMs: 30_000, importLimitBytes: 50 * 1024 * 1024, importSyncBytes: 1024 * 1024,
    });
    expect(config.databaseUrl).toBe(`sqlite:${path.join(ROOT_DIR, 'data', 'beian.sqlite')}`);
  });

  it('reads every variable by its documented name; an empty one means the default', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '127.0.0.1', DATABASE_URL: 'postgres://beian@db:5432/beian', BEIAN_TIMER_POLL_MS: '250',
      BEIAN_SESSION_HOURS: '0.5', BEIAN_SEED: '0', LOG_LEVEL: 'warn', BEIAN_TX_TIMEOUT_MS: '5000',
      BEIAN_DB_QUERY_TIMEOUT_MS: '3000', BEIAN_DEMO_PASSWORD: '',
    });
    expect(config).toMatchObject({
      port: 8080, host: '127.0.0.1', databaseUrl: 'postgres://beian@db:5432/beian', timerPollMs: 250,
      sessionHours: 0.5, seed: false, logLevel: 'warn', txTimeoutMs: 5000, dbQueryTimeoutMs: 3000, demoPassword: 'Beian@2026',
    });
    expect(loadConfig({ BEIAN_ROOT: '/srv/beian' }).databaseUrl).toBe('sqlite:/srv/beian/data/beian.sqlite');
    expect(new Set(Object.values(SETTINGS).map((s) => s.env)).size).toBe(Object.keys(SETTINGS).length);
  });

  it('refuses a port that is not a number, naming the variable and the value', () => {
    expect(refusal({ PORT: 'abc' })).toContain('PORT must be an integer 0–65535, got "abc"');
    expect(refusal({ PORT: '70000' })).toContain('PORT must be an integer 0–65535, got 70000');
    expect(refusal({ PORT: '80.5' })).toContain('PORT must be an integer');
  });

  it('refuses a timer poll of 0 (a hot loop) and negative limits', () => {
    expect(refusal({ BEIAN_TIMER_POLL_MS: '0' })).toContain('BEIAN_TIMER_POLL_MS must be an integer 10–3600000, got 0');
    expect(refusal({ BEIAN_UPLOAD_LIMIT: '-1' })).toContain('BEIAN_UPLOAD_LIMIT must be an integer ≥ 1, got -1');
    expect(refusal({ BEIAN_IMPORT_SYNC_LIMIT: '-1' })).toContain('BEIAN_IMPORT_SYNC_LIMIT must be an integer ≥ 0, got -1');
    expect(refusal({ BEIAN_LOGIN_MAX_FAILURES: '0' })).toContain('BEIAN_LOGIN_MAX_FAILURES');
    expect(refusal({ BEIAN_SESSION_HOURS: '-2' })).toContain('BEIAN_SESSION_HOURS must be a number > 0');
    expect(refusal({ BEIAN_TX_TIMEOUT_MS: 'soon' })).toContain('BEIAN_TX_TIMEOUT_MS must be an integer 1–3600000, got "soon"');
  });

  it('refuses an unknown log level, database scheme or switch value', () => {
    expect(refusal({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL must be one of');
    expect(refusal({ DATABASE_URL: 'mysql://db/beian' })).toContain('DATABASE_URL must be a postgres:// URL');
    expect(refusal({ BEIAN_SEED: 'maybe' })).toContain('BEIAN_SEED must be 0 or 1, got "maybe"');
  });

  it('names every wrong variable at once', () => {
    const message = refusal({ PORT: 'abc', BEIAN_PRINT_PAGES: '0' });
    expect(message).toContain('PORT');
    expect(message).toContain('BEIAN_PRINT_PAGES must be an integer 1–64, got 0');
  });

  it('checks values given by code as well, naming the setting', () => {
    expect(() => loadConfig({}, { timerPollMs: 0 })).toThrow(/timerPollMs \(BEIAN_TIMER_POLL_MS\) must be an integer/);
  });

  it('npm start with PORT=abc exits non-zero with that message', () => {
    const run = spawnSync('npm', ['start'], {
      cwd: ROOT_DIR, encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, PORT: 'abc', DATABASE_URL: 'sqlite::memory:', BEIAN_SEED: '0' },
    });
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    expect(run.stderr).toContain('PORT must be an integer 0–65535, got "abc"');
  }, 60_000);
});

describe('the README', () => {
  it('lists every setting in its table', () => {
    const readme = readFileSync(path.join(ROOT_DIR, 'README.md'), 'utf8');
    const rows = new Set([...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
    expect([...rows].sort()).toEqual(Object.values(SETTINGS).map((s) => s.env).sort());
  });
});
