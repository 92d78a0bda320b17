// Driving a case through its workflow the way people would, for tests that need a case in some
// state of any type: a case is created from the form's first example (attachments uploaded for
// real), then each event on the shortest path is sent by whoever the open task names — the
// applicant, or the demo clerk/reviewer of the case's district — with the decision form's example.
// A timed transition (`after`, e.g. the end of a 公示期) is crossed by letting its period end: the
// case's pending timer is made due now and the server's own timer poller fires it.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT_DIR } from '../../engine/config.js';
import type { Client, TestApp } from './app.js';
import { tinyPdf } from './app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

interface SeedUser { username: string; role: string; district?: string }
const seedUsers = (): SeedUser[] => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'seed', 'accounts.json'), 'utf8')).users;

/** Replaces every attachment id in the example (format: attachment) with a freshly uploaded file. */
export async function withUploads(c: Client, schema: Json, data: unknown): Promise<unknown> {
  const walk = async (s: Json | undefined, v: unknown): Promise<unknown> => {
    if (!s) return v;
    if (Array.isArray(v)) return Promise.all(v.map((x) => walk(s.items, x)));
    if (v && typeof v === 'object') {
      const out: Json = {};
      for (const [k, x] of Object.entries(v)) out[k] = await walk(s.properties?.[k], x);
      return out;
    }
    if (s.format === 'attachment' && typeof v === 'string') {
      const res = await c.upload('材料.pdf', tinyPdf('material'));
      expect(res.status).toBe(201);
      return res.body.id;
    }
    return v;
  };
  return walk(schema, data);
}

type Transitions = Record<string, Array<{ event: string; target: string }>>;

/** Marks a timed transition in a path: `after:<delay>`. */
const AFTER = 'after:';

/** Top-level transitions of a workflow: state → [{event, target}] (timers as `after:<delay>`, after the events). */
export function transitions(workflow: Json): Transitions {
  const out: Transitions = {};
  for (const [name, node] of Object.entries<Json>(workflow.states ?? {})) {
    out[name] = [];
    const on = Object.entries<unknown>(node.on ?? {});
    const after = Object.entries<unknown>(node.after ?? {}).map(([delay, t]): [string, unknown] => [`${AFTER}${delay}`, t]);
    for (const [event, t] of [...on, ...after]) {
      const list = Array.isArray(t) ? t : [t];
      for (const x of list) {
        const target = typeof x === 'string' ? x : (x as Json)?.target;
        if (typeof target === 'string') out[name].push({ event, target: target.replace(/^\./, '') });
      }
    }
  }
  return out;
}

/** Events from `from` to the nearest state in `targets` (breadth first), or undefined. */
export function pathTo(workflow: Json, from: string, targets: string[]): string[] | undefined {
  const t = transitions(workflow);
  const queue: Array<{ state: string; events: string[] }> = [{ state: from, events: [] }];
  const seen = new Set([from]);
  while (queue.length) {
    const { state, events } = queue.shift()!;
    if (targets.includes(state)) return events;
    for (const { event, target } of t[state] ?? []) {
      if (!seen.has(target)) { seen.add(target); queue.push({ state: target, events: [...events, event] }); }
    }
  }
  return undefined;
}

/** Lets the case's pending timer come due now and waits until the server has fired it. */
async function elapse(app: TestApp, applicant: Client, caseId: number): Promise<Json> {
  const before = (await applicant.get(`/api/cases/${caseId}`)).body;
  const { Timer } = app.engine.db.models;
  const [count] = await Timer.update({ dueAt: new Date(Date.now() - 1000) }, { where: { caseId, status: 'pending' } });
  expect(count, `no pending timer in ${before.state}`).toBeGreaterThan(0);
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const view = (await applicant.get(`/api/cases/${caseId}`)).body;
    if (view.state !== before.state) return view;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the timer of case ${caseId} did not fire in ${before.state}`);
}

/** Sends `event` on the case as the person its open task names (a timer's: lets it fire). */
export async function act(app: TestApp, applicant: Client, caseId: number, event: string): Promise<Json> {
  if (event.startsWith(AFTER)) return elapse(app, applicant, caseId);
  const view = (await applicant.get(`/api/cases/${caseId}`)).body;
  const task = view.tasks.find((t: Json) => t.status === 'open' && t.events[event]);
  expect(task, `no open task offers ${event} in ${view.state}`).toBeTruthy();
  if (task.role === 'applicant') {
    const res = await applicant.post(`/api/cases/${caseId}/events`, { event, version: view.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }
  const user = seedUsers().find((u) => u.role === task.role && (task.scope !== 'district' || u.district === view.district));
  expect(user, `no demo ${task.role} for district ${view.district}`).toBeTruthy();
  const staff = await app.login(user!.username);
  const form = (await staff.get(`/api/cases/${caseId}`)).body.actions.find((a: Json) => a.event === event)?.formSchema;
  const res = await staff.post(`/api/tasks/${task.id}/complete`, { event, data: form?.examples?.[0] ?? {} });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Drives the case to the nearest of `targets`; false when none can be reached from where it is. */
export async function driveTo(app: TestApp, applicant: Client, caseId: number, workflow: Json, targets: string[]): Promise<boolean> {
  const state = (await applicant.get(`/api/cases/${caseId}`)).body.state as string;
  const events = pathTo(workflow, state, targets);
  if (!events) return false;
  for (const e of events) await act(app, applicant, caseId, e);
  return true;
}
