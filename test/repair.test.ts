// 物业报修: an owner reports a fault at their house or in a facility of the area → the area's
// property company dispatches it to a worker (急修 and 一般 have different response times) → 已派单
// → 已到场 → 已完工 (work, cost, photos) → the owner confirms and rates (已评价), or asks for rework;
// not confirmed within the configured days, the repair closes itself. A facility's repairs are
// listed with a filter on the facility.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tinyPdf, type Client, type TestApp } from './helpers/app.js';
import {
  AREA_ID, COMPANY, OTHER_COMPANY, applicantDoes, complete, completeOk, detail, findTask, givenContract, givenFacility, orgId, owner,
  publishWithDelays, waitFor,
} from './helpers/services.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const fault = (changes: Data = {}): Data => ({
  location: '户内', category: '水电', urgency: '一般', description: '厨房水龙头持续滴水，关紧后仍漏水。',
  contact: { name: '张伟', phone: '13622223333' }, ...changes,
});

/** A repair reported and submitted by the owner: the case view (待派单). */
async function reported(c: Client, changes: Data = {}): Promise<Data> {
  const created = await c.post('/api/cases', { type: 'repair', data: fault(changes) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await applicantDoes(c, created.body.id, 'SUBMIT');
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted.body;
}

const dispatch = { worker: '陈师傅', workerPhone: '13500001111', opinion: '请 2 小时内到场。' };

async function upTo(stage: 'completed', c: Client, changes: Data = {}): Promise<Data> {
  const r = await reported(c, changes);
  const company = await app.login(COMPANY);
  await completeOk(company, r.number, 'DISPATCH', dispatch);
  await completeOk(company, r.number, 'ARRIVE', { opinion: '已到场查看' });
  const photo = await company.upload('完工.pdf', tinyPdf('done'));
  const done = await completeOk(company, r.number, 'COMPLETE', { workDone: '更换水龙头阀芯，试水无渗漏。', cost: 35, photos: [photo.body.id] });
  expect(done.state).toBe(stage);
  return done;
}

describe('物业报修', () => {
  it('without a filed service contract the area has no company to dispatch to: a clear refusal', async () => {
    const zhang = await owner(app, 'zhang');
    const created = await zhang.post('/api/cases', { type: 'repair', data: fault() });
    expect(created.status).toBe(201);
    const res = await applicantDoes(zhang, created.body.id, 'SUBMIT');
    expect(res.status).toBe(400);
    expect(detail(res, '/areaId')?.message).toContain('尚无备案的物业服务合同');
    await givenContract(app);
  });

  it('report → dispatch → on site → done with photos → the owner confirms and rates', async () => {
    const zhang = await owner(app, 'zhang');
    // The house comes from the owner's registration, whatever the browser sends.
    const created = await zhang.post('/api/cases', { type: 'repair', data: fault({ room: '999', houseId: 9 }) });
    expect(created.body.data).toMatchObject({ areaId: AREA_ID, areaName: '锦绣花园', building: '1栋', unit: '1单元', room: '101', companyName: '佛山市安居物业服务有限公司' });
    expect(created.body.data.companyId).toBe(await orgId(app, COMPANY));
    expect(created.body.stateTitle).toBe('草稿');
    const photo = await zhang.upload('漏水.pdf', tinyPdf('leak'));
    await zhang.patch(`/api/cases/${created.body.id}`, { data: { ...created.body.data, photos: [photo.body.id] } });
    const submitted = (await applicantDoes(zhang, created.body.id, 'SUBMIT')).body;
    expect(submitted).toMatchObject({ state: 'pending.normal', stateTitle: '待派单' });

    const company = await app.login(COMPANY);
    const task = await findTask(company, submitted.number);
    expect(task?.title).toBe('报修派单');
    const hours = (new Date(task!.dueAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9); // 一般: within a day
    expect((await (await app.login(OTHER_COMPANY)).get(`/api/cases/${submitted.id}`)).status).toBe(404);
    expect((await (await app.login(OTHER_COMPANY)).get('/api/cases?type=repair')).body.items).toHaveLength(0);
    expect((await (await owner(app, 'li')).get(`/api/cases/${submitted.id}`)).status).toBe(404);
    expect((await (await owner(app, 'li')).get('/api/cases?type=repair')).body.items).toHaveLength(0);
    expect((await company.get('/api/cases?type=repair')).body.items.map((c: Data) => c.id)).toContain(submitted.id);
    // The owner's photo may be seen by the company handling the repair.
    expect((await company.get(`/api/files/${photo.body.id}`)).status).toBe(200);

    const dispatched = await completeOk(company, submitted.number, 'DISPATCH', dispatch);
    expect(dispatched).toMatchObject({ state: 'dispatched', stateTitle: '已派单', data: { dispatch: { worker: '陈师傅' } } });
    const onsite = await completeOk(company, submitted.number, 'ARRIVE', { opinion: '已到场，阀芯老化' });
    expect(onsite.stateTitle).toBe('已到场');
    const noPhotos = await complete(company, submitted.number, 'COMPLETE', { workDone: '更换水龙头阀芯。', cost: 35 });
    expect(noPhotos.status).toBe(400);
    expect(detail(noPhotos, '/photos')?.message).toBe('「完工照片」为必填项');
    const donePhoto = await company.upload('完工.pdf', tinyPdf('done'));
    const done = await completeOk(company, submitted.number, 'COMPLETE', { workDone: '更换水龙头阀芯，试水无渗漏。', materials: '阀芯 1 个', cost: 35, photos: [donePhoto.body.id] });
    expect(done).toMatchObject({ state: 'completed', stateTitle: '已完工', data: { completion: { cost: 35, photos: [donePhoto.body.id] } } });
    expect(done.attachments.map((f: Data) => f.id)).toEqual(expect.arrayContaining([photo.body.id, donePhoto.body.id]));
    expect((await zhang.get(`/api/files/${donePhoto.body.id}`)).status).toBe(200);

    const rated = await applicantDoes(zhang, submitted.id, 'CONFIRM', { score: 5, opinion: '维修及时。' });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body).toMatchObject({ state: 'rated', stateTitle: '已评价', status: 'closed', data: { rating: { score: 5 } } });
    expect(rated.body.history.map((h: Data) => h.event)).toEqual(['CREATE', 'SUBMIT', 'DISPATCH', 'ARRIVE', 'COMPLETE', 'CONFIRM']);
  });

  it('急修 has the shorter response time; unrepaired work goes back for rework', async () => {
    const zhang = await owner(app, 'zhang');
    const urgent = await reported(zhang, { urgency: '急修', category: '水电', description: '卫生间水管爆裂，水流不止。' });
    expect(urgent.state).toBe('pending.urgent');
    const task = await findTask(await app.login(COMPANY), urgent.number);
    expect(task?.title).toBe('急修派单');
    const hours = (new Date(task!.dueAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThan(2.1);

    const done = await upTo('completed', zhang);
    const rework = await applicantDoes(zhang, done.id, 'REWORK', { opinion: '仍在滴水' });
    expect(rework.body.state).toBe('pending.normal');
    expect(rework.body.flags.map((f: Data) => f.code)).toContain('返修');
  });

  it('a repair of a facility is listed under the facility', async () => {
    const lift = await givenFacility(app, '1栋1号电梯');
    const other = await givenFacility(app, '2栋1号电梯');
    const zhang = await owner(app, 'zhang');
    const r = await reported(zhang, { location: '公共设施设备', facilityId: lift, category: '电梯', description: '电梯按钮失灵，无法到达 5 楼。' });
    expect(r.data.facilityName).toBe('1栋1号电梯');
    const company = await app.login(COMPANY);
    const records = await company.get(`/api/cases?type=repair&filter=facility:${lift}`);
    expect(records.body.items.map((c: Data) => c.id)).toEqual([r.id]);
    expect((await company.get(`/api/cases?type=repair&filter=facility:${other}`)).body.items).toHaveLength(0);
    expect((await (await app.login('reviewer1')).get(`/api/cases?type=repair&filter=facility:${lift}`)).body.items).toHaveLength(1);
  });

  it('refuses what breaks the rules, each with a clear message', async () => {
    const zhang = await owner(app, 'zhang');
    const noFacility = await zhang.post('/api/cases', { type: 'repair', data: fault({ location: '公共设施设备' }) });
    const res1 = await applicantDoes(zhang, noFacility.body.id, 'SUBMIT');
    expect(res1.status).toBe(400);
    expect(detail(res1, '/facilityId')?.message).toBe('「设施设备」为必填项');
    const elsewhere = await givenFacility(app, '他处水泵', 1);
    const { RegisterEntry } = app.engine.db.models;
    await RegisterEntry.update({ parentId: 9999 }, { where: { id: elsewhere } });
    const wrong = await zhang.post('/api/cases', { type: 'repair', data: fault({ location: '公共设施设备', facilityId: elsewhere }) });
    const res2 = await applicantDoes(zhang, wrong.body.id, 'SUBMIT');
    expect(res2.status).toBe(400);
    expect(detail(res2, '/facilityId')?.message).toBe('所选设施设备不属于本小区或已停用');
    const noUrgency = await zhang.post('/api/cases', { type: 'repair', data: fault({ urgency: '特急' }) });
    expect(noUrgency.status).toBe(400);
    expect(detail(noUrgency, '/urgency')?.message).toContain('急修');
    // Only owners report repairs.
    expect((await (await app.login(COMPANY)).post('/api/cases', { type: 'repair', data: fault() })).status).toBe(403);
  });

  it('not confirmed within the configured days, the repair closes itself (durable timer)', async () => {
    await publishWithDelays(app, 'repair', { autoClose: 'PT1S' });
    const zhang = await owner(app, 'zhang');
    const done = await upTo('completed', zhang, { description: '阳台灯不亮，开关无反应。' });
    await waitFor(async () => (await zhang.get(`/api/cases/${done.id}`)).body.state === 'autoClosed', 15_000, '自动办结');
    const view = (await zhang.get(`/api/cases/${done.id}`)).body;
    expect(view).toMatchObject({ status: 'closed', stateTitle: '已办结（业主逾期未确认）' });
    expect(view.data.autoClosedAt).toBeTruthy();
    expect(view.history.at(-1).actorName).toContain('系统');
    expect((await applicantDoes(zhang, done.id, 'CONFIRM', { score: 5 })).status).toBe(409);
    await publishWithDelays(app, 'repair', { autoClose: 'P7D' });
  });
});
