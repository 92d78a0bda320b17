// The database goes away for a few seconds. PostgreSQL itself is shared with the other test files,
// so it is not stopped: a TCP proxy between the server and PostgreSQL is cut instead (live
// connections reset, new ones refused), then restored. Meanwhile every request answers quickly with
// 503 DB_UNAVAILABLE and a Chinese message (no hang), a transition attempted during the outage is
// not in the database afterwards, and once the proxy is back the server recovers by itself: the
// same requests succeed and the timer poller fires what came due during the outage.
// A database that hangs instead (connections open, nothing answered) is given up on after the query
// timeout (BEIAN_DB_QUERY_TIMEOUT_MS, short here) and the connect timeout: 503 as well, never a hang.
// On SQLite there is no connection to lose; an unwritable file is not reproducible here (the tests
// run as root, which ignores file permissions), so the file runs on PostgreSQL only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { openDatabase, type Database } from '../engine/db/index.js';
import { freshDatabaseUrl, isPostgres, type Client, type Res } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { spawnServer, type ServerProcess } from './helpers/server-process.js';
import { TcpProxy } from './helpers/tcp-proxy.js';
import { checkConsistency, type Ack } from './helpers/consistency.js';
import { DEVELOPER } from './helpers/filings.js';

const PG_ONLY = 'PostgreSQL only: SQLite has no connection to lose, and root ignores an unwritable file';
/** How long a request may take to be refused while the database is gone (connections reset)… */
const ANSWER_WITHIN_MS = 6_000;
/** …and while it hangs: a transaction waits out the query timeout (3 s here) twice (its query, then
 * ROLLBACK), a new connection the 5 s connect timeout. */
const HUNG_ANSWER_WITHIN_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let root: string;
let db: { url: string; drop(): Promise<void> } | undefined;
let proxy: TcpProxy | undefined;
let server: ServerProcess | undefined;
let database: Database | undefined;
let dev: Client;
let clerk: Client;

beforeAll(async () => {
  if (!isPostgres()) return;
  root = makeFixtureRoot('timed-notice', 'load-filing');
  db = await freshDatabaseUrl();
  const direct = new URL(db.url);
  proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const proxied = new URL(db.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(await proxy.listen());
  // Output is kept in memory: during the outage the server rightly logs failing timer polls.
  // A short query timeout, so that a database that stops answering is given up on quickly here.
  server = await spawnServer({ databaseUrl: proxied.toString(), root, capture: true, env: { BEIAN_TIMER_POLL_MS: '200', BEIAN_DB_QUERY_TIMEOUT_MS: '3000' } });
  database = await openDatabase(db.url); // straight to PostgreSQL, for looking behind the server's back
  dev = await server.login(DEVELOPER);
  clerk = await server.login('clerk1');
}, 180_000);
afterAll(async () => {
  await server?.kill();
  await proxy?.close();
  await database?.close();
  await db?.drop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const ok = (res: Res, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Json;
};

async function timed(label: string, request: Promise<Res>) {
  const start = Date.now();
  const res = await request;
  return { label, res, ms: Date.now() - start };
}

function expectUnavailable({ label, res, ms }: { label: string; res: Res; ms: number }, within = ANSWER_WITHIN_MS) {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(503);
  expect(res.body.error.code, label).toBe('DB_UNAVAILABLE');
  expect(res.body.error.message, label).toMatch(/数据库暂时不可用/);
  expect(ms, `${label} answered in ${ms} ms`).toBeLessThan(within);
}

async function waitHealthy(ms = 30_000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    const res = await fetch(`${server!.url}/api/health`).catch(() => null);
    if (res?.ok) return Date.now() - start;
    await sleep(200);
  }
  throw new Error(`the server did not recover within ${ms} ms\n${server!.output().slice(-3000)}`);
}

async function submitted(title: string): Promise<Json> {
  const created = ok(await dev.post('/api/cases', { type: 'load-filing', data: { title, district: '440604' } }), 201);
  return ok(await dev.post(`/api/cases/${created.id}/events`, { event: 'SUBMIT', version: created.version }));
}

describe('database unavailable for a few seconds', () => {
  it.skipIf(!isPostgres())(`requests get a quick 503 DB_UNAVAILABLE, nothing is half-written, and the server recovers by itself (${PG_ONLY})`, async () => {
    const filing = await submitted('停库前提交');
    const task = filing.tasks.find((t: Json) => t.status === 'open' && t.events.ACCEPT);
    const noticeDraft = ok(await dev.post('/api/cases', { type: 'timed-notice', data: { title: '停库期间到期' } }), 201);
    const notice = ok(await dev.post(`/api/cases/${noticeDraft.id}/events`, { event: 'SUBMIT', version: noticeDraft.version }));
    expect(notice.state).toBe('waiting');
    const casesBefore = await database!.models.Case.count();

    await proxy!.cut();
    const outageStart = Date.now();
    const accept = () => clerk.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '停库期间受理。' } });
    const round = () => Promise.all([
      timed('health', dev.get('/api/health')),
      timed('read a case', dev.get(`/api/cases/${filing.id}`)),
      timed('complete a task', accept()),
      timed('create a case', dev.post('/api/cases', { type: 'load-filing', data: { title: '停库期间新建', district: '440604' } })),
      timed('log in', clerk.post('/api/auth/login', { username: 'clerk1b', password: 'Beian@2026' })),
      timed('public register', dev.get('/api/public/areas')),
      timed('inbox', clerk.get('/api/tasks')),
    ]);
    for (const r of await round()) expectUnavailable(r);
    // Still down a moment later (the pool has tried to reconnect meanwhile): still a quick 503.
    await sleep(1000);
    for (const r of await round()) expectUnavailable(r);
    // The notice's timer comes due while the database is gone.
    while (Date.now() - outageStart < 3000) await sleep(100);
    expect(server!.child.exitCode, 'the server is still running').toBeNull();

    await proxy!.restore();
    const recoveredIn = await waitHealthy();
    expect(recoveredIn).toBeLessThan(20_000);

    // Nothing attempted during the outage was written.
    const { Case, CaseEvent, Task } = database!.models;
    expect(await Case.count()).toBe(casesBefore);
    expect(await Case.count({ where: { title: '停库期间新建' } })).toBe(0);
    expect((await CaseEvent.findAll({ where: { caseId: filing.id }, raw: true })).map((e) => e.event)).toEqual(['CREATE', 'SUBMIT']);
    expect((await Task.findByPk(task.id, { raw: true }))!.status).toBe('open');

    // The same requests now succeed, and the poller fired the timer that came due.
    const accepted = ok(await accept());
    expect(accepted.state).toBe('accepted');
    expect(accepted.history.filter((h: Json) => h.event === 'ACCEPT')).toHaveLength(1);
    ok(await dev.post('/api/cases', { type: 'load-filing', data: { title: '恢复后新建', district: '440604' } }), 201);
    ok(await clerk.post('/api/auth/login', { username: 'clerk1b', password: 'Beian@2026' }));
    let expired: Json = {};
    for (let i = 0; i < 100 && expired.state !== 'expired'; i++, await sleep(100)) expired = ok(await dev.get(`/api/cases/${notice.id}`));
    expect(expired.state, 'the poller resumed').toBe('expired');
    expect(expired.history.filter((h: Json) => h.event.startsWith('xstate.after'))).toHaveLength(1);
    await checkConsistency(database!);
  });

  it.skipIf(!isPostgres())(`an outage in the middle of 30 concurrent transitions: what was answered is there, the rest is not half-applied (${PG_ONLY})`, async () => {
    const filings = await Promise.all(Array.from({ length: 30 }, (_, i) => submitted(`停库并发 ${i}`)));
    const acks: Ack[] = [];
    const results = filings.map(async (f) => {
      const task = f.tasks.find((t: Json) => t.status === 'open' && t.events.ACCEPT);
      const res = await clerk.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '受理。' } });
      if (res.status === 200) acks.push({ kind: 'event', caseId: f.id, event: 'ACCEPT', state: res.body.state });
      else expect(res.status, JSON.stringify(res.body)).toBe(503);
      return res.status;
    });
    await sleep(30); // some are committed, some in flight, some not yet started
    await proxy!.cut();
    const statuses = await Promise.all(results);
    expect(statuses.filter((s) => s === 503).length, 'some were cut off').toBeGreaterThan(0);
    await sleep(1500);
    await proxy!.restore();
    await waitHealthy();
    await checkConsistency(database!, acks);
    // Every filing is either accepted (once) or still waiting for the clerk, whose task is open.
    for (const f of filings) {
      const view = ok(await clerk.get(`/api/cases/${f.id}`));
      expect(['submitted', 'accepted']).toContain(view.state);
      expect(view.history.filter((h: Json) => h.event === 'ACCEPT')).toHaveLength(view.state === 'accepted' ? 1 : 0);
    }
    expect(server!.child.exitCode).toBeNull();
  });

  it.skipIf(!isPostgres())(`a database that stops answering (connections left open) gets 503 after the timeouts, not a hang, and the server recovers (${PG_ONLY})`, async () => {
    const filing = await submitted('停止响应前提交');
    const task = filing.tasks.find((t: Json) => t.status === 'open' && t.events.ACCEPT);
    const accept = () => clerk.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '停止响应期间受理。' } });
    // Warm the pool so that requests meet open-but-dead connections, not only new ones.
    await Promise.all(Array.from({ length: 6 }, () => dev.get('/api/cases')));

    proxy!.freeze();
    const answers = await Promise.all([
      timed('health', dev.get('/api/health')),
      timed('read a case', dev.get(`/api/cases/${filing.id}`)),
      timed('list cases', dev.get('/api/cases')),
      timed('complete a task', accept()),
      timed('inbox', clerk.get('/api/tasks')),
    ]);
    for (const r of answers) expectUnavailable(r, HUNG_ANSWER_WITHIN_MS);
    expect(server!.child.exitCode).toBeNull();

    await proxy!.restore();
    await waitHealthy();
    const log = await database!.models.CaseEvent.findAll({ where: { caseId: filing.id }, raw: true });
    expect(log.map((e) => e.event), 'the ACCEPT attempted while the database hung is not there').toEqual(['CREATE', 'SUBMIT']);
    expect(ok(await accept()).state).toBe('accepted');
    await checkConsistency(database!);
  });
});
