// One database and one definitions root shared by servers started one after another, so a test can
// stop the server in the middle of a case and go on with a new one (a restart).
import fs from 'node:fs';
import { expect } from 'vitest';
import { startApp, type RunningApp } from '../../engine/app.js';
import { offsetClock } from '../../engine/clock.js';
import { Client, DEMO_PASSWORD, freshDatabaseUrl } from '../helpers/app.js';
import { makeFixtureRoot } from '../helpers/fixture-root.js';

export const DEVELOPER = '91440604MA4UJ5RW2R';
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Restartable {
  app: RunningApp;
  login(username: string): Promise<Client>;
  /**
   * Stops the server and starts a new one whose clock runs `downForMs` ahead of the system clock,
   * as if it had started that much later (a period running out while no server runs): the timers
   * due by then fire, and nobody sleeps through the period.
   */
  restart(timerPollMs?: number, downForMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** fixtures: further test/fixtures folders whose types the servers load beside the statecharts'. */
export async function restartable(timerPollMs = 100, ...fixtures: string[]): Promise<Restartable> {
  const root = makeFixtureRoot('statecharts', ...fixtures);
  const db = await freshDatabaseUrl();
  const start = (poll: number, aheadMs = 0) => {
    const clock = offsetClock();
    clock.advance(aheadMs);
    return startApp({ port: 0, host: '127.0.0.1', databaseUrl: db.url, rootDir: root, logLevel: 'silent', timerPollMs: poll }, {}, { clock });
  };
  const h: Restartable = {
    app: await start(timerPollMs),
    async login(username) {
      const c = new Client(h.app.url);
      expect((await c.post('/api/auth/login', { username, password: DEMO_PASSWORD })).status).toBe(200);
      return c;
    },
    async restart(poll = timerPollMs, downForMs = 0) {
      await h.app.stop();
      h.app = await start(poll, downForMs);
    },
    async close() {
      await h.app.stop();
      await db.drop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return h;
}

/** Creates and submits a case of a fixture type as the developer; returns its id. */
export async function submitCase(h: Restartable, type: string, data: Record<string, unknown>): Promise<number> {
  const dev = await h.login(DEVELOPER);
  const created = await dev.post('/api/cases', { type, data });
  expect(created.status).toBe(201);
  const submitted = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
  expect(submitted.status).toBe(200);
  return created.body.id as number;
}

/** Sends an event as `who` (the task offering it is found by the server); returns the case view. */
export async function send(h: Restartable, who: string, caseId: number, event: string) {
  const c = await h.login(who);
  const { version } = (await c.get(`/api/cases/${caseId}`)).body;
  const res = await c.post(`/api/cases/${caseId}/events`, { event, version });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export const openTaskNames = (view: { tasks: Array<{ status: string; name: string }> }) =>
  view.tasks.filter((t) => t.status === 'open').map((t) => t.name).sort();
