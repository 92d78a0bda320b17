// Two servers, one PostgreSQL — the setup for more than one machine: two server processes on one
// fresh database serve the same cases and sessions (a case started through A is read and driven
// through B); the same task completed from both at once is done exactly once (one 200, one 409); a
// timer due while both poll fires exactly once; and when A is killed, B goes on serving every case
// and fires every timer, those set through A included.
// On SQLite two processes on one file is not the supported multi-server setup (one server per file,
// writes serialized in-process), so the whole file runs on PostgreSQL only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { openDatabase, type Database } from '../engine/db/index.js';
import { Client, DEMO_PASSWORD, freshDatabaseUrl, isPostgres, type Res } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { spawnServer, type ServerProcess } from './helpers/server-process.js';
import { checkConsistency } from './helpers/consistency.js';
import { DEVELOPER } from './helpers/filings.js';

const PG_ONLY = 'PostgreSQL only: two processes on one SQLite file is not a supported setup';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let root: string;
let db: { url: string; drop(): Promise<void> } | undefined;
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
let database: Database | undefined;

beforeAll(async () => {
  if (!isPostgres()) return;
  root = makeFixtureRoot('timed-notice', 'slow-notice', 'load-filing');
  db = await freshDatabaseUrl();
  // A first (it creates the tables and seeds), then B on the same database; both poll timers often.
  a = await spawnServer({ databaseUrl: db.url, root, env: { BEIAN_TIMER_POLL_MS: '50' } });
  b = await spawnServer({ databaseUrl: db.url, root, env: { BEIAN_TIMER_POLL_MS: '50' } });
  database = await openDatabase(db.url);
}, 180_000);
afterAll(async () => {
  await a?.kill();
  await b?.kill();
  await database?.close();
  await db?.drop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** The same session on another server: sessions live in the database. */
function on(server: ServerProcess, c: Client): Client {
  const other = new Client(server.url);
  other.cookie = c.cookie;
  return other;
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await sleep(100);
  }
}

function expectOk(res: Res, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Json;
}

async function taskFor(c: Client, caseId: number, event: string): Promise<Json> {
  const view = expectOk(await c.get(`/api/cases/${caseId}`));
  const task = view.tasks.find((t: Json) => t.status === 'open' && t.events?.[event]);
  expect(task, `case ${caseId} has an open task offering ${event}`).toBeTruthy();
  return task;
}

async function submitNotice(c: Client, title: string, type = 'timed-notice'): Promise<Json> {
  const created = expectOk(await c.post('/api/cases', { type, data: { title } }), 201);
  const submitted = expectOk(await c.post(`/api/cases/${created.id}/events`, { event: 'SUBMIT', version: created.version }));
  expect(submitted.state).toBe('waiting');
  return submitted;
}

async function timerEvents(caseId: number) {
  const log = await database!.models.CaseEvent.findAll({ where: { caseId }, raw: true });
  return log.filter((e) => String(e.event).startsWith('xstate.after'));
}

describe('two servers on one PostgreSQL', () => {
  it.skipIf(!isPostgres())(`serve the same cases and sessions: a case started through A is read and driven through B (${PG_ONLY})`, async () => {
    const devA = await a!.login(DEVELOPER);
    const devB = on(b!, devA);
    const clerkB = await b!.login('clerk1');
    const reviewerA = await a!.login('reviewer1');

    const created = expectOk(await devA.post('/api/cases', { type: 'load-filing', data: { title: '甲建乙办', district: '440604' } }), 201);
    const readB = expectOk(await devB.get(`/api/cases/${created.id}`));
    expect(readB).toMatchObject({ id: created.id, number: created.number, state: 'draft', version: created.version });
    const saved = expectOk(await devB.patch(`/api/cases/${created.id}`, { data: { title: '甲建乙办', district: '440604', remarks: '在乙修改' }, version: created.version }));
    const submitted = expectOk(await devA.post(`/api/cases/${created.id}/events`, { event: 'SUBMIT', version: saved.version }));
    expect(submitted.state).toBe('submitted');

    const accept = await taskFor(clerkB, created.id, 'ACCEPT');
    expect(expectOk(await clerkB.post(`/api/tasks/${accept.id}/complete`, { event: 'ACCEPT', data: { opinion: '乙受理。' } })).state).toBe('accepted');
    const review = await taskFor(reviewerA, created.id, 'APPROVE');
    expect(expectOk(await reviewerA.post(`/api/tasks/${review.id}/complete`, { event: 'APPROVE', data: { opinion: '甲审核。' } })).state).toBe('publicity');

    // The publicity timer fires on whichever server polls first, once.
    const done = await waitFor(() => devB.get(`/api/cases/${created.id}`), (r) => r.body.state === 'approved');
    expect(done.body.state).toBe('approved');
    expect(done.body.data.remarks).toBe('在乙修改');
    expect(done.body.history.map((h: Json) => h.event)).toEqual(['CREATE', 'SUBMIT', 'ACCEPT', 'APPROVE', expect.stringMatching(/^xstate\.after/)]);
    expect(expectOk(await devA.get(`/api/cases/${created.id}`)).version).toBe(done.body.version);
  });

  it.skipIf(!isPostgres())(`the same task completed from A and B at the same moment: exactly one 200 and one 409 (${PG_ONLY})`, async () => {
    const dev = await a!.login(DEVELOPER);
    const clerkA = await a!.login('clerk1');
    const clerkB = await b!.login('clerk1b');
    for (let round = 0; round < 8; round++) {
      const created = expectOk(await dev.post('/api/cases', { type: 'load-filing', data: { title: `抢办 ${round}`, district: '440604' } }), 201);
      expectOk(await dev.post(`/api/cases/${created.id}/events`, { event: 'SUBMIT', version: created.version }));
      const task = await taskFor(clerkA, created.id, 'ACCEPT');
      const results = await Promise.all([
        clerkA.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '甲受理。' } }),
        clerkB.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '乙受理。' } }),
      ]);
      expect(results.map((r) => r.status).sort(), `round ${round}: ${JSON.stringify(results.map((r) => r.body))}`).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(['TASK_CONFLICT', 'CASE_CONFLICT']).toContain(loser.body.error.code);
      expect(loser.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      const after = expectOk(await clerkB.get(`/api/cases/${created.id}`));
      expect(after).toMatchObject({ state: 'accepted', version: created.version + 2 });
      const accepts = after.history.filter((h: Json) => h.event === 'ACCEPT');
      expect(accepts).toHaveLength(1);
      expect(accepts[0].payload.opinion).toBe(results.find((r) => r.status === 200)!.body.history.at(-1).payload.opinion);
      expect(after.tasks.filter((t: Json) => t.name === 'accept').map((t: Json) => t.status)).toEqual(['done']);
    }
  });

  it.skipIf(!isPostgres())(`a timer due while both servers poll fires exactly once (${PG_ONLY})`, async () => {
    const devA = await a!.login(DEVELOPER);
    const devB = on(b!, devA);
    const notices: Json[] = [];
    for (let i = 0; i < 12; i++) notices.push(await submitNotice(i % 2 ? devA : devB, `双服务器公示 ${i}`));
    for (const n of notices) {
      const r = await waitFor(() => devA.get(`/api/cases/${n.id}`), (x) => x.body.state === 'expired');
      expect(r.body.state, `notice ${n.number} expired`).toBe('expired');
    }
    await sleep(500); // a late second firing would show up now
    for (const n of notices) {
      expect(await timerEvents(n.id), `notice ${n.number}: one firing`).toHaveLength(1);
      const timers = await database!.models.Timer.findAll({ where: { caseId: n.id }, raw: true });
      expect(timers.map((t) => t.status)).toEqual(['fired']);
    }
  });

  it.skipIf(!isPostgres())(`40 wrong passwords sent at once, half through A and half through B, are evaluated only loginMaxFailures times; the right one after them is refused (${PG_ONLY})`, async () => {
    const attempt = (server: ServerProcess, password: string) => new Client(server.url).post('/api/auth/login', { username: 'reviewer2', password });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(i % 2 ? b! : a!, 'Wrong@2026')));
    const failed = burst.filter((r) => r.status === 401);
    const locked = burst.filter((r) => r.status === 429);
    // The default loginMaxFailures is 5: the attempt counter lives in the database, so the two servers share it.
    expect(failed).toHaveLength(5);
    expect(locked).toHaveLength(35);
    for (const r of locked) expect((r.body as Json).error.code).toBe('LOGIN_LOCKED');
    const right = await attempt(a!, DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect((right.body as Json).error).toMatchObject({ code: 'LOGIN_LOCKED', message: expect.stringContaining('分钟后再试') });
  }, 60_000);

  it.skipIf(!isPostgres())(`killing A leaves B serving every case and firing every timer, those set through A too (${PG_ONLY})`, async () => {
    const devA = await a!.login(DEVELOPER);
    const clerkA = await a!.login('clerk1');
    const admin = await a!.login('admin');
    // Work started through A just before it dies: notices waiting on their (8 s) timers, a filing at the clerk.
    const notices = await Promise.all([0, 1, 2, 3].map((i) => submitNotice(devA, `甲设定的公示 ${i}`, 'slow-notice')));
    const filing = expectOk(await devA.post('/api/cases', { type: 'load-filing', data: { title: '甲提交乙受理', district: '440604' } }), 201);
    expectOk(await devA.post(`/api/cases/${filing.id}/events`, { event: 'SUBMIT', version: filing.version }));

    await a!.kill();
    expect((await fetch(`${a!.url}/api/health`).catch(() => null))?.ok ?? false).toBe(false);
    // Whatever is still pending now can only be fired by B.
    const pendingAtKill = (await database!.models.Timer.findAll({ where: { status: 'pending' }, raw: true })).map((t) => t.caseId);
    expect(pendingAtKill.filter((id) => notices.some((n) => n.id === id)).length, 'timers set through A outlive it').toBeGreaterThan(0);

    // Every case in the database, read through B with the sessions made on A.
    const adminB = on(b!, admin);
    const ids = (await database!.models.Case.findAll({ attributes: ['id', 'number', 'state'], raw: true }));
    expect(ids.length).toBeGreaterThan(10);
    for (const c of ids) {
      const res = await adminB.get(`/api/cases/${c.id}`);
      expect(res.status, `case ${c.number} through B`).toBe(200);
      expect(res.body.number).toBe(c.number);
    }
    // B fires the timers A set.
    const devB = on(b!, devA);
    for (const n of notices) {
      const r = await waitFor(() => devB.get(`/api/cases/${n.id}`), (x) => x.body.state === 'expired');
      expect(r.body.state, `notice ${n.number} set through A expired on B`).toBe('expired');
      expect(await timerEvents(n.id)).toHaveLength(1);
    }
    // And drives the filing A took in.
    const clerkB = on(b!, clerkA);
    const task = await taskFor(clerkB, filing.id, 'ACCEPT');
    expect(expectOk(await clerkB.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '乙受理。' } })).state).toBe('accepted');

    expect(await database!.models.Timer.count({ where: { status: 'pending' } })).toBe(0);
    await checkConsistency(database!);
  });
});
