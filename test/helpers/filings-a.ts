// Shared steps of the filing tests 房屋信息补充, 物业服务合同备案 and 物业承接查验备案: upload the
// 要件, fill a form from its example, 保存并提交, find a task by business number, take a case
// through the window (受理) and review (审核通过), register a fresh area, dates relative to today.
import { expect } from 'vitest';
import { example, tinyPdf, type Client, type Res, type TestApp } from './app.js';
import areaSchema from '../../forms/area-filing.schema.json';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- form data is read ad hoc in tests

export const DEVELOPER = '91440604MA4UJ5RW2R'; // 佛山市锦绣房地产开发有限公司
export const COMPANY = '91440604MA51C3XK4K'; // 佛山市安居物业服务有限公司（本地）
export const OTHER_COMPANY = '91310115MA1H8Q3LXQ'; // 上海中环物业管理有限公司（外地）
export const COMMITTEE = 'MC0001X74'; // 锦绣花园业主委员会
/** The demo area 锦绣花园: the first register entry of a fresh seeded database. */
export const SEEDED_AREA = 1;

/** An ISO date n days before today (negative: after), as the rules read "today". */
export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A GB 11643 ID number for 17 digits, with its check character. */
export function idNumber(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[[...first17].reduce((a, c, i) => a + Number(c) * w[i], 0) % 11];
}

/** The example of a form with every attachment list replaced by freshly uploaded files. */
export async function exampleWithFiles(c: Client, schema: { examples?: unknown[] }, overrides: Data = {}): Promise<Data> {
  const data = example(schema);
  const attachments: Data = {};
  for (const name of Object.keys(data.attachments ?? {})) {
    const res = await c.upload(`${name}.pdf`, tinyPdf(name));
    expect(res.status).toBe(201);
    attachments[name] = [res.body.id];
  }
  return { ...data, attachments, ...overrides };
}

/** A complete draft of `type`, its example with freshly uploaded attachments, not yet submitted. */
export async function exampleDraft(c: Client, type: string): Promise<Data> {
  const schema = (await c.get(`/api/types/${type}`)).body.schema;
  const created = await c.post('/api/cases', { type, data: await exampleWithFiles(c, schema) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** 新建 a draft with the data and 保存并提交 it; the submit answer is returned as is. */
export async function createAndSubmit(c: Client, type: string, data: Data): Promise<{ created: Data; submitted: Res }> {
  const created = await c.post('/api/cases', { type, data });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await c.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
  return { created: created.body, submitted };
}

/** A draft saved with only a title, then 保存并提交 with the whole data: refused as a whole or not. */
export async function submitAll(c: Client, type: string, data: Data): Promise<{ created: Data; submitted: Res }> {
  const created = await c.post('/api/cases', { type, data: {} });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await c.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', data, version: created.body.version });
  return { created: created.body, submitted };
}

/** The one error detail on a field (a FORM_INVALID answer), failing with all details when absent. */
export function detailOn(res: Res, field: string): { field: string; message: string; row?: number; column?: string } {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('FORM_INVALID');
  const found = res.body.error.details.find((d: { field: string }) => d.field === field);
  expect(found, JSON.stringify(res.body.error.details)).toBeTruthy();
  return found;
}

export async function taskOf(c: Client, number: string) {
  const inbox = await c.get(`/api/tasks?q=${encodeURIComponent(number)}`);
  expect(inbox.status).toBe(200);
  expect(inbox.body.items).toHaveLength(1);
  return inbox.body.items[0];
}

/** The district's window clerk completes its task with an event and a decision. */
export async function clerkDoes(app: TestApp, number: string, event: string, decision: Data = {}, clerk = 'clerk1'): Promise<Res> {
  const c = await app.login(clerk);
  const task = await taskOf(c, number);
  return c.post(`/api/tasks/${task.id}/complete`, { event, data: decision });
}

/** The district's reviewer completes its task with an event and a decision. */
export async function reviewerDoes(app: TestApp, number: string, event: string, decision: Data = {}, reviewer = 'reviewer1'): Promise<Res> {
  const c = await app.login(reviewer);
  const task = await taskOf(c, number);
  return c.post(`/api/tasks/${task.id}/complete`, { event, data: decision });
}

/** 受理 then 审核通过: the case ends approved. */
export async function acceptAndApprove(app: TestApp, number: string): Promise<Res> {
  const accepted = await clerkDoes(app, number, 'ACCEPT', { opinion: '材料齐全，予以受理。' });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  const approved = await reviewerDoes(app, number, 'APPROVE', { opinion: '同意。' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect(approved.body.state).toBe('approved');
  return approved;
}

/** The developer files an area (物业区域备案) and it is approved: its register entry id. */
export async function registeredArea(app: TestApp, projectName: string): Promise<number> {
  const dev = await app.login(DEVELOPER);
  const data = await exampleWithFiles(dev, areaSchema, { projectName });
  const { created, submitted } = await createAndSubmit(dev, 'area-filing', data);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  await acceptAndApprove(app, created.number);
  const areas = await dev.get(`/api/registers/areas?q=${encodeURIComponent(projectName)}`);
  expect(areas.body.items).toHaveLength(1);
  return areas.body.items[0].id;
}

/**
 * Given the committee's filing (业委会备案) is registered for the area: written straight into the
 * committees register, as committee-filing's approval does, so these tests do not depend on that
 * business's form.
 */
export async function givenCommitteeFiled(app: TestApp, areaId: number, code = COMMITTEE): Promise<void> {
  const { Org, RegisterEntry } = app.engine.db.models;
  const org = await Org.findOne({ where: { code }, raw: true });
  const area = await RegisterEntry.findByPk(areaId, { raw: true });
  await RegisterEntry.create({
    register: 'committees', key: String(areaId), title: org!.name, parentId: areaId, orgId: org!.id,
    district: area!.district, street: area!.street, status: 'active',
    data: { committeeName: org!.name, committeeCode: code, sourceNumber: '测试前提' },
  });
}
