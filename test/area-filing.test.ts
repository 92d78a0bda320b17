// 物业区域备案 end to end over HTTP: a developer files an area with attachments, the window clerk
// returns it with a one-time notice, the developer corrects and resubmits, the clerk accepts, the
// reviewer approves, and the area is public. Then the reject path and every bad input of the form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tinyPdf, example, type TestApp, type Client } from './helpers/app.js';
import areaSchema from '../forms/area-filing.schema.json';

const DEVELOPER = '91440604MA4UJ5RW2R';
const COMPANY = '91440604MA51C3XK4K';
let app: TestApp;

beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

async function uploadThree(c: Client) {
  const ids: string[] = [];
  for (const name of ['规划许可.pdf', '竣工验收.pdf', '平面图.pdf']) {
    const res = await c.upload(name, tinyPdf(name));
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

async function areaData(c: Client, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const [a, b, d] = await uploadThree(c);
  return { ...example(areaSchema), attachments: { planningPermit: [a], completionAcceptance: [b], sitePlan: [d] }, ...overrides };
}

async function submitNew(c: Client, data: Record<string, unknown>) {
  const created = await c.post('/api/cases', { type: 'area-filing', data });
  expect(created.status).toBe(201);
  const submitted = await c.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
  return { created: created.body, submitted };
}

async function taskOf(c: Client, number: string) {
  const inbox = await c.get(`/api/tasks?q=${encodeURIComponent(number)}`);
  expect(inbox.status).toBe(200);
  expect(inbox.body.items).toHaveLength(1);
  return inbox.body.items[0];
}

describe('物业区域备案', () => {
  it('developer files, clerk returns with a one-time notice, developer corrects, clerk accepts, reviewer approves, area is public', async () => {
    const dev = await app.login(DEVELOPER);
    // Save a partial draft first: partial data is allowed.
    const draft = await dev.post('/api/cases', { type: 'area-filing', data: { projectName: '碧水湾花园' } });
    expect(draft.status).toBe(201);
    expect(draft.body.number).toMatch(/^WYQY-\d{4}-\d{6}$/);
    expect(draft.body.state).toBe('draft');
    expect(draft.body.editable).toBe(true);

    // 保存并提交 with the complete form and three uploaded attachments.
    const data = await areaData(dev);
    const saved = await dev.patch(`/api/cases/${draft.body.id}`, { data, version: draft.body.version });
    expect(saved.status).toBe(200);
    expect(saved.body.attachments).toHaveLength(3);
    const submitted = await dev.post(`/api/cases/${draft.body.id}/events`, { event: 'SUBMIT', version: saved.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    expect(submitted.body.stateTitle).toBe('待受理');

    // The clerk of the district finds it by its business number and returns it.
    const clerk = await app.login('clerk1');
    const task = await taskOf(clerk, draft.body.number);
    expect(task.title).toBe('窗口受理');
    expect(task.dueAt).toBeTruthy();
    expect((await clerk.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const noNotice = await clerk.post(`/api/tasks/${task.id}/complete`, { event: 'RETURN', data: { opinion: '材料不全' } });
    expect(noNotice.status).toBe(400);
    expect(noNotice.body.error.details.map((d: { field: string }) => d.field)).toContain('/items');
    const returned = await clerk.post(`/api/tasks/${task.id}/complete`, {
      event: 'RETURN', data: { opinion: '材料不全，请一次性补正。', items: ['补充竣工验收备案证明', '平面图加盖公章'] },
    });
    expect(returned.status).toBe(200);
    expect(returned.body.state).toBe('returned');

    // The developer sees everything that is missing in one notice, corrects and resubmits.
    const seen = await dev.get(`/api/cases/${draft.body.id}`);
    expect(seen.body.notice.items).toEqual(['补充竣工验收备案证明', '平面图加盖公章']);
    expect(seen.body.editable).toBe(true);
    const corrected = { ...seen.body.data, remarks: '已补正' };
    const resubmitted = await dev.post(`/api/cases/${draft.body.id}/events`, { event: 'SUBMIT', data: corrected, version: seen.body.version });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.state).toBe('submitted');

    // Accept at the window, approve in review.
    const task2 = await taskOf(clerk, draft.body.number);
    const accepted = await clerk.post(`/api/tasks/${task2.id}/complete`, { event: 'ACCEPT', data: { opinion: '材料齐全，予以受理。' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('accepted');
    const reviewer = await app.login('reviewer1');
    const review = await taskOf(reviewer, draft.body.number);
    const approved = await reviewer.post(`/api/tasks/${review.id}/complete`, { event: 'APPROVE', data: { opinion: '同意备案。' } });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(approved.body.status).toBe('closed');

    // Every step keeps who, when, the event and the opinion.
    const history = approved.body.history.map((h: { event: string; actorName: string; payload: { opinion?: string } | null }) => [h.event, h.actorName, h.payload?.opinion ?? null]);
    expect(history.map((h: string[]) => h[0])).toEqual(['CREATE', 'SUBMIT', 'RETURN', 'SUBMIT', 'ACCEPT', 'APPROVE']);
    expect(history[4][2]).toBe('材料齐全，予以受理。');
    expect(history[5][1]).toContain('赵敏');

    // The area is registered and public, with district and street names.
    const areas = await app.client().get('/api/public/areas?q=碧水湾');
    expect(areas.status).toBe(200);
    expect(areas.body.items).toHaveLength(1);
    expect(areas.body.items[0]).toMatchObject({ title: '碧水湾花园', districtName: '禅城区', streetName: '祖庙街道' });
    expect(areas.body.items[0].data.totalBuildingArea).toBe(128000);
    expect(areas.body.items[0].data.attachments).toBeUndefined();

    // Attachments download for those who may see the case, not for others.
    const fileId = approved.body.attachments[0].id;
    expect((await reviewer.get(`/api/files/${fileId}`)).status).toBe(200);
    expect((await (await app.login('clerk2')).get(`/api/files/${fileId}`)).status).toBe(404);
    expect((await app.client().get(`/api/files/${fileId}`)).status).toBe(401);
  });

  it('a property company can file an area too, and the reviewer can reject it with an opinion', async () => {
    const company = await app.login(COMPANY);
    const { created, submitted } = await submitNew(company, await areaData(company, { projectName: '南庄新城' }));
    expect(submitted.status).toBe(200);
    const clerk = await app.login('clerk1');
    const t1 = await taskOf(clerk, created.number);
    expect((await clerk.post(`/api/tasks/${t1.id}/complete`, { event: 'ACCEPT', data: {} })).status).toBe(200);
    const reviewer = await app.login('reviewer1');
    const t2 = await taskOf(reviewer, created.number);
    const noReason = await reviewer.post(`/api/tasks/${t2.id}/complete`, { event: 'REJECT', data: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]).toMatchObject({ field: '/opinion' });
    expect(noReason.body.error.details[0].message).toContain('意见');
    const rejected = await reviewer.post(`/api/tasks/${t2.id}/complete`, { event: 'REJECT', data: { opinion: '面积与竣工资料不符，不予备案。' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('rejected');
    expect((await app.client().get('/api/public/areas?q=南庄新城')).body.items).toHaveLength(0);
    // A closed case accepts no more events.
    const again = await company.post(`/api/cases/${created.id}/events`, { event: 'SUBMIT', version: rejected.body.version });
    expect(again.status).toBe(409);
  });

  describe('bad input of the area form is refused with the field named, and nothing changes', () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['missing required fields', { address: undefined, landArea: undefined }, '/address', /坐落.*必填/],
      ['negative area', { landArea: -5 }, '/landArea', /占地面积/],
      ['delivery before completion', { completionDate: '2025-06-30', deliveryDate: '2025-01-01' }, '/deliveryDate', /交付日期不能早于竣工日期/],
      ['residential + non-residential above total', { residentialArea: 120000, nonResidentialArea: 18000 }, '/residentialArea', /之和不能超过总建筑面积/],
      ['street outside the district', { street: '440605011' }, '/street', /不在所选区县/],
      ['unknown district code', { district: '110101' }, '/district', /所属区县/],
      ['bad developer credit code', { developerCode: '91440604MA4UJ5RW2X' }, '/developerCode', /校验位/],
      ['bad mobile number', { contactPhone: '12345' }, '/contactPhone', /联系电话/],
      ['completion date in the future', { completionDate: '2999-01-01', deliveryDate: '2999-02-01' }, '/completionDate', /晚于今天/],
      ['an area of the same name in the district', { projectName: '锦绣花园' }, '/projectName', /同名/],
    ];
    for (const [name, overrides, field, message] of cases) {
      it(name, async () => {
        const dev = await app.login(DEVELOPER);
        const data = await areaData(dev, { projectName: `测试小区${Math.random().toString(36).slice(2, 7)}` });
        for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete data[k as keyof typeof data]; else (data as Record<string, unknown>)[k] = v;
        // The draft is saved without the bad values; 保存并提交 sends them and is refused as a whole.
        const created = (await dev.post('/api/cases', { type: 'area-filing', data: { projectName: data.projectName } })).body;
        const submitted = await dev.post(`/api/cases/${created.id}/events`, { event: 'SUBMIT', data, version: created.version });
        expect(submitted.status).toBe(400);
        expect(submitted.body.error.code).toBe('FORM_INVALID');
        const detail = submitted.body.error.details.find((d: { field: string }) => d.field === field);
        expect(detail, JSON.stringify(submitted.body.error.details)).toBeTruthy();
        expect(detail.message).toMatch(message);
        const after = await dev.get(`/api/cases/${created.id}`);
        expect(after.body.state).toBe('draft');
        expect(after.body.version).toBe(created.version);
        // Only what the draft held, and the filer's kind the server writes (developer: the developer fields are required).
        expect(after.body.data).toEqual({ projectName: data.projectName, filerKind: 'developer' });
      });
    }
  });
});
