// Poison timers: a timer whose transition keeps failing is retried with backoff and finally given
// up, so sixty of them do not stop a healthy timer; an administrator sees the dead ones (case,
// error, attempts) and retries one once its cause is fixed. Time moves by the engine's clock, not
// by sleeping.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../engine/app.js';
import { offsetClock } from '../engine/clock.js';
import { Client, DEMO_PASSWORD, freshDatabaseUrl } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';

const DEVELOPER = '91440604MA4UJ5RW2R';
// Ten minutes: the margins below (a minute or two) dwarf the real seconds a loaded machine takes.
const RETRY_MS = 600_000;
const clock = offsetClock();
let root: string;
let db: { url: string; drop(): Promise<void> };
let app: RunningApp;

beforeAll(async () => {
  root = makeFixtureRoot('timed-notice');
  db = await freshDatabaseUrl();
  // The background poll waits a minute: the test runs each poll itself (runDue).
  app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl: db.url, rootDir: root, logLevel: 'silent', timerPollMs: 60_000, timerRetryMs: RETRY_MS, timerMaxAttempts: 3 }, {}, { clock });
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
  fs.rmSync(root, { recursive: true, force: true });
});

async function login(username: string) {
  const c = new Client(app.url);
  expect((await c.post('/api/auth/login', { username, password: DEMO_PASSWORD })).status).toBe(200);
  return c;
}

async function waitingNotice(c: Client, title: string): Promise<number> {
  const created = await c.post('/api/cases', { type: 'timed-notice', data: { title } });
  expect(created.status).toBe(201);
  const submitted = await c.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
  expect(submitted.body.state).toBe('waiting');
  return created.body.id;
}

describe('poison timers', () => {
  it('sixty failing timers do not delay a healthy one; they back off, then die, and an administrator retries one', async () => {
    const developer = await login(DEVELOPER);
    const { Timer, Case } = app.engine.db.models;
    const healthy = await waitingNotice(developer, '正常公示');
    const poisoned = await waitingNotice(developer, '定义缺失的公示');
    // Its type version disappears (say, a bad manual edit): every attempt to fire its timer fails.
    await Case.update({ typeVersion: 99 }, { where: { id: poisoned } });
    const [poisonTimer] = await Timer.findAll({ where: { caseId: poisoned }, raw: true });
    const base = clock.now();
    await Timer.bulkCreate(Array.from({ length: 59 }, (_, i) => ({
      caseId: poisoned, sendId: `poison-${i}`, eventType: poisonTimer.eventType, status: 'pending', dueAt: new Date(base - 120_000 + i),
    })));
    await Timer.update({ dueAt: new Date(base - 130_000) }, { where: { id: poisonTimer.id } });
    // All sixty are older than the healthy one, which comes due now.
    await Timer.update({ dueAt: new Date(base - 1000) }, { where: { caseId: healthy } });

    expect(await app.timers.runDue()).toBe(0); // fifty poisoned ones taken, all fail
    expect(await app.timers.runDue()).toBe(1); // the rest are not retried yet: the healthy one fires
    expect((await developer.get(`/api/cases/${healthy}`)).body.state).toBe('expired');

    const failed = await Timer.findAll({ where: { caseId: poisoned }, raw: true });
    expect(failed).toHaveLength(60);
    for (const t of failed) {
      expect(t).toMatchObject({ status: 'pending', attempts: 1 });
      expect(t.lastError).toBeTruthy();
      expect(new Date(t.nextAttemptAt).getTime() - base).toBeGreaterThanOrEqual(RETRY_MS - 1000);
    }
    // Nothing is retried before its backoff ends; then again after 1×, and given up after 2× more.
    expect(await app.timers.runDue()).toBe(0);
    expect(await Timer.count({ where: { caseId: poisoned, attempts: 1 } })).toBe(60);
    clock.advance(RETRY_MS + 60_000);
    for (let i = 0; i < 2; i++) await app.timers.runDue();
    expect(await Timer.count({ where: { caseId: poisoned, attempts: 2, status: 'pending' } })).toBe(60);
    clock.advance(2 * RETRY_MS - 120_000); // real time passes as well: a margin either side
    expect(await app.timers.runDue()).toBe(0);
    expect(await Timer.count({ where: { caseId: poisoned, attempts: 2 } })).toBe(60);
    clock.advance(240_000);
    for (let i = 0; i < 2; i++) await app.timers.runDue();
    expect(await Timer.count({ where: { caseId: poisoned, status: 'dead', attempts: 3 } })).toBe(60);

    // Administrators see them, with the case, the error and the attempts; nobody else does.
    const admin = await login('admin');
    const list = await admin.get('/api/admin/timers');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(60);
    expect(list.body.items[0]).toMatchObject({ id: poisonTimer.id, caseId: poisoned, state: 'waiting', stateTitle: '公示中', attempts: 3, status: 'dead', typeTitle: '测试：定时公示' });
    expect(list.body.items[0].caseNumber).toMatch(/^CSGS-/);
    expect(list.body.items[0].lastError).toBeTruthy();
    expect((await developer.get('/api/admin/timers')).status).toBe(403);
    expect((await developer.post(`/api/admin/timers/${poisonTimer.id}/retry`, {})).status).toBe(403);

    // The cause fixed, one retry fires the transition; a timer that is not dead cannot be retried.
    await Case.update({ typeVersion: 1 }, { where: { id: poisoned } });
    const retried = await admin.post(`/api/admin/timers/${poisonTimer.id}/retry`, {});
    expect(retried.status).toBe(200);
    expect(await app.timers.runDue()).toBe(1);
    expect((await developer.get(`/api/cases/${poisoned}`)).body.state).toBe('expired');
    const again = await admin.post(`/api/admin/timers/${poisonTimer.id}/retry`, {});
    expect(again.status).toBe(404);
    expect(again.body.error.message).toContain('已停止重试的定时任务');
    expect((await admin.get('/api/admin/timers')).body.items).toHaveLength(59);
  });
});
