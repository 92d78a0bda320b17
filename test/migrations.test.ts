// Versioned migrations: a database written by the 2026-12 release (test/fixtures/release-2026-12,
// a case in every state of three types) is upgraded when a server opens it, and its cases go on:
// a submitted filing is accepted and approved, the pending 公示期 timer fires. Two servers
// starting at once on one new database migrate it once. Runs on SQLite and PostgreSQL.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { migrate, openDatabase, type Database } from '../engine/db/index.js';
import { MIGRATIONS } from '../engine/db/migrations/index.js';
import { startApp } from '../engine/app.js';
import { act } from './helpers/drive.js';
import { Client, DEMO_PASSWORD, freshDatabaseUrl, isPostgres, type TestApp } from './helpers/app.js';

const FIXTURE = path.join(ROOT_DIR, 'test', 'fixtures', 'release-2026-12');
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

/** A new database holding the release's dump. */
async function releaseDatabase(): Promise<string> {
  const fresh = await freshDatabaseUrl();
  cleanups.push(fresh.drop);
  if (isPostgres()) execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', path.join(FIXTURE, 'postgres.sql'), fresh.url], { stdio: 'pipe' });
  else execFileSync('sqlite3', [fresh.url.replace(/^sqlite:/, ''), `.read ${path.join(FIXTURE, 'sqlite.sql')}`], { stdio: 'pipe' });
  return fresh.url;
}

async function testApp(databaseUrl: string): Promise<TestApp> {
  const app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl, logLevel: 'silent', timerPollMs: 100 }, {});
  cleanups.push(() => app.stop());
  const client = () => new Client(app.url);
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const c = client();
    expect((await c.post('/api/auth/login', { username, password })).status).toBe(200);
    return c;
  };
  return { ...app, databaseUrl, client, login, close: () => app.stop() };
}

const names = (rows: Array<Record<string, unknown>>) => rows.map((r) => r.name);

describe('versioned migrations', () => {
  it('upgrades a database of the 2026-12 release, whose cases then go on', async () => {
    const url = await releaseDatabase();
    const app = await testApp(url);
    const { db } = app.engine;
    expect(names(await db.read.all('SELECT name FROM schema_migrations ORDER BY name'))).toEqual(MIGRATIONS.map((m) => m.name));
    const timer = await db.models.Timer.findOne({ where: { status: 'pending' }, raw: true });
    expect(timer).toMatchObject({ attempts: 0, lastError: null, nextAttemptAt: null });

    // Every case of the release is still there and readable, in the state it was left in.
    const cases = (await db.read.all('SELECT id, type_id, state, created_by FROM cases ORDER BY id')) as Array<{ id: number; typeId: string; state: string; createdBy: number }>;
    expect(cases).toHaveLength(19);
    const admin = await app.login('admin');
    for (const c of cases) {
      const view = await admin.get(`/api/cases/${c.id}`);
      expect(view.status).toBe(200);
      expect(view.body.state).toBe(c.state);
    }

    // A submitted area filing is accepted and approved by the district's staff.
    const applicantOf = async (typeId: string) => app.login(String((await db.read.get('SELECT username FROM users WHERE id = ?', [cases.find((c) => c.typeId === typeId)!.createdBy]))!.username));
    const applicant = await applicantOf('area-filing');
    const filing = cases.find((c) => c.typeId === 'area-filing' && c.state === 'submitted')!;
    await act(app, applicant, filing.id, 'ACCEPT');
    expect((await act(app, applicant, filing.id, 'APPROVE')).state).toBe('approved');

    // The 公示期 timer the release set fires once its period ends, and the case moves on to review.
    const gbApplicant = await applicantOf('good-behaviour');
    const inPublicity = cases.find((c) => c.typeId === 'good-behaviour' && c.state === 'publicity')!;
    expect((await act(app, gbApplicant, inPublicity.id, 'after:publicity')).state).toBe('review');

    // Migrating it again applies nothing.
    expect(await migrate(db)).toEqual([]);
  });

  it('two servers opening one new database at once migrate it once', async () => {
    const fresh = await freshDatabaseUrl();
    cleanups.push(fresh.drop);
    const opened: Database[] = await Promise.all([openDatabase(fresh.url), openDatabase(fresh.url)]);
    cleanups.push(async () => { for (const d of opened) await d.close(); });
    const rows = await opened[0].read.all('SELECT name, applied_at FROM schema_migrations ORDER BY name');
    expect(names(rows)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await opened[1].models.Timer.count()).toBe(0);
  });
});
