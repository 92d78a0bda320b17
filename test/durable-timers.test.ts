// Durable timers: a delayed transition is a database row written with the transition that entered
// the waiting state. It fires after a restart, is cancelled when the state is left first, and fires
// exactly once when two servers share the database. Time moves by the engine's clock (a period of
// 2 s ends when the clock is moved 3 s ahead), not by sleeping through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { startApp, type RunningApp } from '../engine/app.js';
import { offsetClock, systemClock, type Clock } from '../engine/clock.js';
import { Client, DEMO_PASSWORD, freshDatabaseUrl } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';

const DEVELOPER = '91440604MA4UJ5RW2R';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let root: string;
let db: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  root = makeFixtureRoot('timed-notice');
  db = await freshDatabaseUrl();
});
afterAll(async () => {
  await db?.drop();
  fs.rmSync(root, { recursive: true, force: true });
});

const start = (timerPollMs = 100, clock: Clock = systemClock) =>
  startApp({ port: 0, host: '127.0.0.1', databaseUrl: db.url, rootDir: root, logLevel: 'silent', timerPollMs }, {}, { clock });
/** A clock past the timed notice's 2 s period. */
const later = () => {
  const clock = offsetClock();
  clock.advance(3000);
  return clock;
};

async function loginAt(app: RunningApp) {
  const c = new Client(app.url);
  expect((await c.post('/api/auth/login', { username: DEVELOPER, password: DEMO_PASSWORD })).status).toBe(200);
  return c;
}

async function submitNotice(c: Client, title: string) {
  const created = await c.post('/api/cases', { type: 'timed-notice', data: { title } });
  expect(created.status).toBe(201);
  const submitted = await c.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
  expect(submitted.status).toBe(200);
  expect(submitted.body.state).toBe('waiting');
  return submitted.body;
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await sleep(100);
  }
}

describe('durable timers', () => {
  it('a timer set before a shutdown fires after the restart, once', async () => {
    let app = await start(60_000); // this server will not poll in time
    const c = await loginAt(app);
    const notice = await submitNotice(c, '重启后到期');
    const timers = await app.engine.db.models.Timer.findAll({ where: { caseId: notice.id }, raw: true });
    expect(timers).toHaveLength(1);
    expect(timers[0].status).toBe('pending');
    await app.stop();

    app = await start(100, later()); // the period ended while no server ran
    const c2 = await loginAt(app);
    const after = await waitFor(() => c2.get(`/api/cases/${notice.id}`), (r) => r.body.state === 'expired');
    expect(after.body.state).toBe('expired');
    expect(after.body.status).toBe('closed');
    expect(after.body.flags.map((f: { code: string }) => f.code)).toContain('expired');
    const timerEvents = after.body.history.filter((h: { event: string }) => h.event.startsWith('xstate.after'));
    expect(timerEvents).toHaveLength(1);
    expect(timerEvents[0].actorName).toContain('系统');
    expect(await app.timers.runDue()).toBe(0); // fired once: nothing left to fire
    expect((await app.engine.db.models.Timer.findAll({ where: { caseId: notice.id }, raw: true }))[0].status).toBe('fired');
    await app.stop();
  });

  it('leaving the waiting state first cancels the timer', async () => {
    const clock = offsetClock();
    const app = await start(60_000, clock); // polled by the test itself
    const c = await loginAt(app);
    const notice = await submitNotice(c, '撤回取消计时');
    const withdrawn = await c.post(`/api/cases/${notice.id}/events`, { event: 'WITHDRAW', version: notice.version });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.state).toBe('withdrawn');
    const timer = (await app.engine.db.models.Timer.findAll({ where: { caseId: notice.id }, raw: true }))[0];
    expect(timer.status).toBe('cancelled');
    clock.advance(3000); // the period would have ended
    expect(await app.timers.runDue()).toBe(0);
    const after = await c.get(`/api/cases/${notice.id}`);
    expect(after.body.state).toBe('withdrawn');
    expect(after.body.history.map((h: { event: string }) => h.event)).toEqual(['CREATE', 'SUBMIT', 'WITHDRAW']);
    await app.stop();
  });

  it('two servers on one database fire each timer exactly once', async () => {
    const a = await start(50, later());
    const b = await start(50, later());
    const ca = await loginAt(a);
    const cb = await loginAt(b);
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push((await submitNotice(i % 2 ? ca : cb, `双服务器 ${i}`)).id);
    for (const id of ids) {
      const r = await waitFor(() => ca.get(`/api/cases/${id}`), (x) => x.body.state === 'expired');
      expect(r.body.state).toBe('expired');
    }
    await sleep(300);
    for (const id of ids) {
      const log = await a.engine.db.models.CaseEvent.findAll({ where: { caseId: id }, raw: true });
      expect(log.filter((e) => String(e.event).startsWith('xstate.after'))).toHaveLength(1);
    }
    await a.stop();
    await b.stop();
  });
});
