// Shared steps for the public services (投诉, 报修, 满意度调查, 检查考评): owners register with their
// registered house, the area's service contract and facilities are given, work is found in inboxes
// by business number, tasks are completed, and a type can be republished with short delays.
import { expect } from 'vitest';
import type { Client, Res, TestApp } from './app.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

/** 锦绣花园, the seeded registered area (register entry 1). */
export const AREA_ID = 1;
export const COMPANY = '91440604MA51C3XK4K'; // 佛山市安居物业服务有限公司 (本地)
export const OTHER_COMPANY = '91310115MA1H8Q3LXQ'; // 上海中环物业管理有限公司 (非本地)
export const DEVELOPER = '91440604MA4UJ5RW2R';
export const OWNER_PASSWORD = 'Owner@2026x';

/** Owners of seeded houses of 锦绣花园: house and registration data. */
export const OWNERS = {
  zhang: { building: '1栋', unit: '1单元', room: '101', name: '张伟', idNumber: '11010519491231002X', mobile: '13622223333' },
  li: { building: '1栋', unit: '1单元', room: '102', name: '李娜', idNumber: '440604198503120028', mobile: '13622224444' },
  wang: { building: '1栋', unit: '1单元', room: '201', name: '王芳', idNumber: '440604198203153020', mobile: '13622225555' },
} as const;
export type OwnerKey = keyof typeof OWNERS;

/** 业主注册 (once per test app) and login: the owner's client. */
export async function owner(app: TestApp, who: OwnerKey): Promise<Client> {
  const o = OWNERS[who];
  const res = await app.client().post('/api/auth/register', { orgType: 'owner', areaId: AREA_ID, ...o, password: OWNER_PASSWORD, agreementAccepted: true });
  if (res.status !== 201) expect(res.body.error?.code, JSON.stringify(res.body)).toBe('ACCOUNT_EXISTS');
  return app.login(o.idNumber, OWNER_PASSWORD);
}

export async function orgId(app: TestApp, code: string): Promise<number> {
  const org = await app.engine.db.models.Org.findOne({ where: { code }, raw: true });
  expect(org, code).toBeTruthy();
  return org!.id as number;
}

/**
 * Given the area's service contract is filed (物业服务合同备案): written straight into the contracts
 * register as contract-filing's approval does, so these tests do not depend on that business's form.
 */
export async function givenContract(app: TestApp, areaId = AREA_ID, code = COMPANY): Promise<void> {
  const { Org, RegisterEntry } = app.engine.db.models;
  const org = await Org.findOne({ where: { code }, raw: true });
  const area = await RegisterEntry.findByPk(areaId, { raw: true });
  await RegisterEntry.update({ status: 'superseded' }, { where: { register: 'contracts', parentId: areaId, status: 'active' } });
  await RegisterEntry.create({
    register: 'contracts', key: String(areaId), title: area!.title, parentId: areaId, orgId: org!.id,
    district: area!.district, street: area!.street, status: 'active',
    data: { projectName: area!.title, contractType: '前期', companyName: org!.name, companyCode: code, sourceNumber: '测试前提' },
  });
}

/** Given a facility of the area (as takeover-inspection's approval registers it): its entry id. */
export async function givenFacility(app: TestApp, name: string, areaId = AREA_ID, code = COMPANY): Promise<number> {
  const { Org, RegisterEntry } = app.engine.db.models;
  const org = await Org.findOne({ where: { code }, raw: true });
  const area = await RegisterEntry.findByPk(areaId, { raw: true });
  const row = await RegisterEntry.create({
    register: 'facilities', key: `${name}-${Date.now()}-${Math.random()}`, title: name, parentId: areaId, orgId: org!.id,
    district: area!.district, street: area!.street, status: 'active',
    data: { name, category: '电梯', code: `DT-${Math.floor(Math.random() * 1e6)}`, building: '1栋', sourceNumber: '测试前提' },
  });
  return row.get('id') as number;
}

/** The open task of a case in this user's inbox, by business number (undefined when not there). */
export async function findTask(c: Client, number: string): Promise<Data | undefined> {
  const inbox = await c.get(`/api/tasks?q=${encodeURIComponent(number)}&pageSize=100`);
  expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
  return inbox.body.items.find((t: Data) => t.case.number === number);
}

/** Completes the caller's open task on the case with an event and its decision. */
export async function complete(c: Client, number: string, event: string, decision: Data = {}): Promise<Res> {
  const task = await findTask(c, number);
  expect(task, `no task for ${event} on ${number}`).toBeTruthy();
  return c.post(`/api/tasks/${task!.id}/complete`, { event, data: decision });
}

/** Like complete, but it must succeed: the case view. */
export async function completeOk(c: Client, number: string, event: string, decision: Data = {}): Promise<Data> {
  const res = await complete(c, number, event, decision);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** An applicant event (SUBMIT, CONFIRM …) on the caller's own case. */
export async function applicantDoes(c: Client, caseId: number, event: string, decision?: Data): Promise<Res> {
  const view = (await c.get(`/api/cases/${caseId}`)).body;
  return c.post(`/api/cases/${caseId}/events`, { event, version: view.version, ...(decision ? { decision } : {}) });
}

/** Publishes a new version of a type whose delays are replaced (short periods for timer tests). */
export async function publishWithDelays(app: TestApp, typeId: string, delays: Record<string, string>): Promise<void> {
  const current = app.engine.registry.current(typeId)!;
  const published = await app.engine.registry.publish(
    { ...current, settings: { ...current.settings, delays: { ...current.settings.delays, ...delays } } }, { source: 'test' },
  );
  expect(published.version).toBeGreaterThan(current.version);
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const detail = (res: Res, field: string) => (res.body.error?.details ?? []).find((d: Data) => d.field === field);
