// Steps shared by the committee, enterprise and good-behaviour filing tests, in the users' words:
// upload 要件, 保存并提交, find the task by its business number, complete it, wait for a timer.
import { expect } from 'vitest';
import { tinyPdf, type Client, type Res } from './app.js';

export const LOCAL_COMPANY = '91440604MA51C3XK4K';
export const NONLOCAL_COMPANY = '91310115MA1H8Q3LXQ';
export const COMMITTEE = 'MC0001X74';
/** 锦绣花园, the registered area of the demo installation (the first register entry). */
export const AREA_ID = 1;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- form data is read ad hoc

/** Uploads one small PDF per name and answers their file ids. */
export async function uploadFiles(c: Client, ...names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const res = await c.upload(name, tinyPdf(name));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

/** Creates a draft of a type; answers the case view. */
export async function createDraft(c: Client, type: string, data: Data): Promise<Data> {
  const created = await c.post('/api/cases', { type, data });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** 保存并提交 (SUBMIT) a case with its data. */
export async function submit(c: Client, caseView: Data, data?: Data): Promise<Res> {
  return c.post(`/api/cases/${caseView.id}/events`, { event: 'SUBMIT', version: caseView.version, ...(data ? { data } : {}) });
}

/** A new case, saved and submitted in one go; answers the submitted view (status checked). */
export async function fileNew(c: Client, type: string, data: Data): Promise<Data> {
  const draft = await createDraft(c, type, data);
  const res = await submit(c, draft);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The one open task of a case in the caller's inbox, found by its business number. */
export async function taskOf(c: Client, number: string): Promise<Data> {
  const inbox = await c.get(`/api/tasks?q=${encodeURIComponent(number)}`);
  expect(inbox.status).toBe(200);
  expect(inbox.body.items, `task of ${number}`).toHaveLength(1);
  return inbox.body.items[0];
}

/** Completes the caller's task on a case with an event and its decision form. */
export async function decide(c: Client, number: string, event: string, decision: Data = {}): Promise<Res> {
  const task = await taskOf(c, number);
  return c.post(`/api/tasks/${task.id}/complete`, { event, data: decision });
}

/** decide(), expecting success; answers the case view after it. */
export async function decideOk(c: Client, number: string, event: string, decision: Data = {}): Promise<Data> {
  const res = await decide(c, number, event, decision);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Polls until check() holds (timers fire on the server's own poller). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The field error of a refused form, found by field and message. */
export function detailOf(res: Res, field: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('FORM_INVALID');
  const details = res.body.error.details as Array<{ field: string; message: string }>;
  const found = details.find((d) => d.field === field && (!message || message.test(d.message)));
  expect(found, `no ${field} ${message ?? ''} in ${JSON.stringify(details)}`).toBeTruthy();
  return found!;
}

/** Applies overrides by JSON pointer (undefined deletes), on a copy. */
export function withChanges(data: Data, changes: Record<string, unknown>): Data {
  const out = structuredClone(data);
  for (const [pointer, value] of Object.entries(changes)) {
    const keys = pointer.split('/').slice(1);
    let cur = out;
    for (const k of keys.slice(0, -1)) cur = cur[k] ??= {};
    const last = keys[keys.length - 1];
    if (value === undefined) {
      if (Array.isArray(cur)) cur.splice(Number(last), 1);
      else delete cur[last];
    } else cur[last] = value;
  }
  return out;
}
