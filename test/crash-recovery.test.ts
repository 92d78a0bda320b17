// Crash recovery: the server is killed with SIGKILL while clients are filing and approving and
// while timers wait. After a restart on the same database every answered transition is there,
// nothing is half-applied (case, tasks, event log and timers agree), business numbers are unique,
// and the timers that were waiting fire exactly once. The restart is a server in this process whose
// clock runs past the notices' period (2 s): their timers are due when it starts, without sleeping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT_DIR } from '../engine/config.js';
import { startApp } from '../engine/app.js';
import { offsetClock } from '../engine/clock.js';
import { openDatabase, type Database } from '../engine/db/index.js';
import { Client, DEMO_PASSWORD, freshDatabaseUrl, tinyPdf, example } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import areaSchema from '../forms/area-filing.schema.json';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let root: string;
let db: { url: string; drop(): Promise<void> };

interface Ack { caseId: number; event: string; state: string }

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'engine/main.ts')], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.url, BEIAN_ROOT: root, BEIAN_TIMER_POLL_MS: '100', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // A loaded machine (other test files run in parallel) can take a while to start tsx and the engine.
  for (let i = 0; i < 900; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch { /* not up yet */ }
    await sleep(100);
  }
  throw new Error('server did not start');
}

async function login(base: string, username: string) {
  const c = new Client(base);
  const r = await c.post('/api/auth/login', { username, password: DEMO_PASSWORD });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return c;
}

/** One client's work: notices that wait on a timer, and area filings taken to approval. */
async function worker(base: string, n: number, acks: Ack[], stop: { now: boolean }) {
  const ack = (caseId: number, event: string, r: { status: number; body: { state: string } }) => {
    if (r.status === 200 || r.status === 201) acks.push({ caseId, event, state: r.body.state });
  };
  try {
    const dev = await login(base, '91440604MA4UJ5RW2R');
    const clerk = await login(base, 'clerk1');
    const reviewer = await login(base, 'reviewer1');
    for (let i = 0; !stop.now; i++) {
      const notice = await dev.post('/api/cases', { type: 'timed-notice', data: { title: `通知 ${n}-${i}` } });
      ack(notice.body.id, 'CREATE', notice);
      ack(notice.body.id, 'SUBMIT', await dev.post(`/api/cases/${notice.body.id}/events`, { event: 'SUBMIT', version: notice.body.version }));
      const files = [];
      for (let f = 0; f < 3; f++) files.push((await dev.upload(`材料${f}.pdf`, tinyPdf(`${n}-${i}-${f}`))).body.id);
      const data = { ...example(areaSchema), projectName: `崩溃测试 ${n}-${i}`, attachments: { planningPermit: [files[0]], completionAcceptance: [files[1]], sitePlan: [files[2]] } };
      const area = await dev.post('/api/cases', { type: 'area-filing', data });
      ack(area.body.id, 'CREATE', area);
      const sub = await dev.post(`/api/cases/${area.body.id}/events`, { event: 'SUBMIT', version: area.body.version });
      ack(area.body.id, 'SUBMIT', sub);
      const t1 = (await clerk.get(`/api/tasks?q=${area.body.number}`)).body.items[0];
      ack(area.body.id, 'ACCEPT', await clerk.post(`/api/tasks/${t1.id}/complete`, { event: 'ACCEPT', data: {} }));
      const t2 = (await reviewer.get(`/api/tasks?q=${area.body.number}`)).body.items[0];
      ack(area.body.id, 'APPROVE', await reviewer.post(`/api/tasks/${t2.id}/complete`, { event: 'APPROVE', data: {} }));
    }
  } catch {
    // the server was killed under us: unanswered requests are expected to fail
  }
}

async function checkConsistency(database: Database, acks: Ack[]) {
  const { Case, CaseEvent, Task, Timer } = database.models;
  const cases = await Case.findAll({ raw: true });
  const byId = new Map(cases.map((c) => [c.id as number, c]));
  expect(new Set(cases.map((c) => c.number)).size).toBe(cases.length);
  for (const a of acks) {
    const c = byId.get(a.caseId);
    expect(c, `answered case ${a.caseId} exists`).toBeTruthy();
    const log = await CaseEvent.findAll({ where: { caseId: a.caseId }, raw: true });
    expect(log.some((e) => e.event === a.event && e.toState === a.state), `answered ${a.event} of case ${a.caseId} is logged`).toBe(true);
  }
  for (const c of cases) {
    const log = (await CaseEvent.findAll({ where: { caseId: c.id }, order: [['seq', 'ASC']], raw: true }));
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log[log.length - 1].toState, `case ${c.id} state matches its log`).toBe(c.state);
    const open = await Task.findAll({ where: { caseId: c.id, status: 'open' }, raw: true });
    for (const t of open) expect(String(c.state).split(',')).toContain(t.state);
    if (c.status !== 'closed') expect(open.length, `case ${c.id} in ${c.state} has its tasks`).toBeGreaterThan(0);
    const pending = await Timer.count({ where: { caseId: c.id, status: 'pending' } });
    expect(pending).toBe(c.state === 'waiting' ? 1 : 0);
  }
}

beforeAll(async () => {
  root = makeFixtureRoot('timed-notice');
  db = await freshDatabaseUrl();
});
afterAll(async () => {
  await db?.drop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('crash recovery', () => {
  it('SIGKILL while filing and while timers wait loses nothing that was answered', { timeout: 180_000 }, async () => {
    const acks: Ack[] = [];
    for (const extraMs of [0, 170]) {
      const port = await freePort();
      const child = await startServer(port);
      const stop = { now: false };
      const before = acks.length;
      const workers = Array.from({ length: 6 }, (_, n) => worker(`http://127.0.0.1:${port}`, n, acks, stop));
      const exited = new Promise((r) => child.once('exit', r));
      // Kill mid-flight once work is flowing (a loaded machine starts slowly), at a varied moment.
      for (let i = 0; i < 600 && acks.length - before < 12; i++) await sleep(100);
      await sleep(extraMs);
      child.kill('SIGKILL');
      stop.now = true;
      await Promise.all(workers);
      await exited;
    }
    expect(acks.filter((a) => a.event === 'SUBMIT').length).toBeGreaterThan(5);

    const database = await openDatabase(db.url);
    try {
      await checkConsistency(database, acks);
    } finally {
      await database.close();
    }

    // Restart, the notices' period over: every notice still waiting expires exactly once.
    const clock = offsetClock();
    clock.advance(2600);
    const app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl: db.url, rootDir: root, logLevel: 'silent', timerPollMs: 100 }, {}, { clock });
    try {
      const database2 = await openDatabase(db.url);
      try {
        for (let i = 0; i < 100 && (await database2.models.Case.count({ where: { state: 'waiting' } })) > 0; i++) await sleep(200);
        expect(await database2.models.Case.count({ where: { state: 'waiting' } })).toBe(0);
        const expired = await database2.models.Case.findAll({ where: { state: 'expired' }, raw: true });
        expect(expired.length).toBeGreaterThan(0);
        for (const c of expired) {
          const fired = await database2.models.CaseEvent.count({ where: { caseId: c.id, event: 'xstate.after.wait.timed-notice.waiting' } });
          expect(fired).toBe(1);
        }
        await checkConsistency(database2, acks);
      } finally {
        await database2.close();
      }
    } finally {
      await app.stop();
    }
  });
});
