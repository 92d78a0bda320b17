// Building 物业区域备案 cases over HTTP for tests that need a filing to work on: valid data from the
// form's own example, three uploaded PDFs as attachments, and a unique project name each time so
// approvals never collide in the areas register.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import areaSchema from '../../forms/area-filing.schema.json';
import { example, tinyPdf, type Client } from './app.js';

/** Seed organisations (seed/accounts.json), both in 禅城区 (440604). */
export const DEVELOPER = '91440604MA4UJ5RW2R';
export const COMPANY = '91440604MA51C3XK4K';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is read ad hoc

export const uniqueName = (prefix = '测试小区') => `${prefix}${randomBytes(4).toString('hex')}`;

/** Uploads the three required attachments (规划许可, 竣工验收, 平面图) and returns their file ids. */
export async function uploadThree(c: Client): Promise<string[]> {
  const ids: string[] = [];
  for (const name of ['规划许可.pdf', '竣工验收.pdf', '平面图.pdf']) {
    const res = await c.upload(name, tinyPdf(name));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

/** Complete, valid area-filing data with fresh attachments; overrides replace top-level fields. */
export async function areaData(c: Client, overrides: Data = {}): Promise<Data> {
  const [a, b, d] = await uploadThree(c);
  return {
    ...example(areaSchema), projectName: uniqueName(),
    attachments: { planningPermit: [a], completionAcceptance: [b], sitePlan: [d] }, ...overrides,
  };
}

/** A saved draft with complete data (not yet submitted): the case view. */
export async function draftArea(c: Client, overrides: Data = {}): Promise<Data> {
  const created = await c.post('/api/cases', { type: 'area-filing', data: await areaData(c, overrides) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** 保存并提交: a draft with complete data, submitted; the case view, now waiting for the clerk. */
export async function fileArea(c: Client, overrides: Data = {}): Promise<Data> {
  const draft = await draftArea(c, overrides);
  const submitted = await c.post(`/api/cases/${draft.id}/events`, { event: 'SUBMIT', version: draft.version });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  expect(submitted.body.state).toBe('submitted');
  return submitted.body;
}

/** The open task of a case in this user's inbox, found by business number; undefined when not there. */
export async function findTask(c: Client, number: string): Promise<Data | undefined> {
  const inbox = await c.get(`/api/tasks?q=${encodeURIComponent(number)}`);
  expect(inbox.status).toBe(200);
  return inbox.body.items.find((t: Data) => t.case.number === number);
}

/** Like findTask, but the task must be there. */
export async function taskOf(c: Client, number: string): Promise<Data> {
  const task = await findTask(c, number);
  expect(task, `no task for ${number} in this inbox`).toBeTruthy();
  return task!;
}

/** A submitted area filing accepted by the district clerk: the case view, waiting for the reviewer. */
export async function acceptedArea(applicant: Client, clerk: Client, overrides: Data = {}): Promise<Data> {
  const filed = await fileArea(applicant, overrides);
  const task = await taskOf(clerk, filed.number);
  const accepted = await clerk.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '材料齐全，予以受理。' } });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  expect(accepted.body.state).toBe('accepted');
  return accepted.body;
}
