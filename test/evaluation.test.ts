// 检查考评: a department creates a campaign with a scoring table (categories and items with points,
// to 100) for an area's property company → the company assesses itself → every named inspector
// scores on site (a countersign: the case moves when all have scored) → the result (average, grade)
// is 公示 on the portal → then 公告 and kept in the company's record, or sent for 整改 and re-checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import evaluationSchema from '../forms/evaluation.schema.json';
import { example, startTestApp, type Client, type TestApp } from './helpers/app.js';
import { COMPANY, OTHER_COMPANY, complete, completeOk, detail, findTask, givenContract, orgId, publishWithDelays, waitFor } from './helpers/services.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await givenContract(app);
});
afterAll(async () => { await app?.close(); });

async function prepared(c: Client, changes: Data = {}): Promise<Data> {
  const res = await c.post('/api/cases', { type: 'evaluation', data: { ...example(evaluationSchema), inspectors: ['reviewer1', 'reviewer2'], ...changes } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ state: 'prepared', stateTitle: '待发起' });
  return res.body;
}

/** Prepared and 发起 by the district reviewer: the company is asked for its self-assessment. */
async function campaign(c: Client, changes: Data = {}): Promise<Data> {
  return completeOk(await app.login('reviewer1'), (await prepared(c, changes)).number, 'START');
}

const myScoreTask = async (c: Client, number: string) => (await c.get('/api/tasks?mine=true&type=evaluation&pageSize=100')).body.items.find((t: Data) => t.case.number === number);

async function scoredBy(username: string, number: string, total: number): Promise<Data> {
  const c = await app.login(username);
  const task = await myScoreTask(c, number);
  expect(task, `${username} has a scoring task`).toBeTruthy();
  const res = await c.post(`/api/tasks/${task.id}/complete`, { event: 'SCORE', data: { total, opinion: `${username} 评分` } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('检查考评', () => {
  it('campaign → self-assessment → every inspector scores → 公示 → 公告, kept in the company’s record', async () => {
    await publishWithDelays(app, 'evaluation', { publicity: 'PT2S' });
    const reviewer = await app.login('reviewer1');
    const created = await campaign(reviewer);
    expect(created).toMatchObject({ state: 'selfAssessment', stateTitle: '企业自评' });
    expect(created.history.map((h: Data) => h.event)).toEqual(['CREATE', 'START']);
    expect(created.data).toMatchObject({ companyName: '佛山市安居物业服务有限公司', areaName: '锦绣花园' });
    expect(created.data.companyId).toBe(await orgId(app, COMPANY));

    const company = await app.login(COMPANY);
    expect((await company.get('/api/cases?type=evaluation')).body.items.map((c: Data) => c.id)).toContain(created.id);
    const other = await app.login(OTHER_COMPANY);
    expect((await other.get(`/api/cases/${created.id}`)).status).toBe(404);
    expect((await other.get('/api/cases?type=evaluation')).body.items).toHaveLength(0);

    const self = await completeOk(company, created.number, 'SELF_ASSESS', { total: 93, opinion: '各项制度健全，设施运行正常。' });
    expect(self).toMatchObject({ state: 'scoring', data: { selfAssessment: { total: 93 } } });
    expect(self.tasks.filter((t: Data) => t.status === 'open')).toHaveLength(2);

    // reviewer2 (an inspector from another district) sees the campaign through the task named to them.
    const r2 = await app.login('reviewer2');
    expect((await r2.get('/api/cases?type=evaluation')).body.items.map((c: Data) => c.id)).toContain(created.id);

    const first = await scoredBy('reviewer1', created.number, 84);
    expect(first.state).toBe('scoring');
    expect(first.data.result).toBeUndefined();
    const last = await scoredBy('reviewer2', created.number, 91);
    expect(last).toMatchObject({ state: 'publicity', stateTitle: '结果公示', data: { result: { total: 87.5, grade: '良好' } } });
    expect(last.data.inspections.map((s: Data) => s.total)).toEqual([84, 91]);

    const pub = app.client();
    const shown = (await pub.get('/api/public/publicity?pageSize=100')).body.items.find((i: Data) => i.number === created.number);
    expect(shown.fields.map((f: Data) => [f.title, f.value])).toEqual(expect.arrayContaining([['得分', 87.5], ['等级', '良好'], ['被考评企业', '佛山市安居物业服务有限公司']]));

    await waitFor(async () => (await reviewer.get(`/api/cases/${created.id}`)).body.state === 'review', 15_000, '公示期满');
    const done = await completeOk(reviewer, created.number, 'PUBLISH', { opinion: '公示无异议，予以公告。' });
    expect(done).toMatchObject({ state: 'published', status: 'closed' });
    const results = (await pub.get('/api/public/evaluation-results?pageSize=100')).body.items.filter((r: Data) => r.data.sourceNumber === created.number);
    expect(results).toHaveLength(1);
    expect(results[0].data).toMatchObject({ companyName: '佛山市安居物业服务有限公司', creditCode: COMPANY, total: 87.5, grade: '良好', selfTotal: 93, areaName: '锦绣花园' });
    expect((await company.get('/api/registers/evaluation-results')).body.items.map((r: Data) => r.sourceNumber)).toContain(created.number);
    await publishWithDelays(app, 'evaluation', { publicity: 'P7D' });
  });

  it('a company that does not assess itself in time goes straight to scoring, flagged; 整改 then re-check', async () => {
    await publishWithDelays(app, 'evaluation', { selfAssessment: 'PT1S', publicity: 'PT1S' });
    const reviewer = await app.login('reviewer1');
    const created = await campaign(reviewer, { inspectors: ['reviewer1'] });
    await waitFor(async () => (await reviewer.get(`/api/cases/${created.id}`)).body.state === 'scoring', 15_000, '自评期满');
    const view = (await reviewer.get(`/api/cases/${created.id}`)).body;
    expect(view.flags.map((f: Data) => f.code)).toContain('未自评');

    const scored = await scoredBy('reviewer1', created.number, 55);
    expect(scored.data.result).toMatchObject({ total: 55, grade: '不合格' });
    await waitFor(async () => (await reviewer.get(`/api/cases/${created.id}`)).body.state === 'review', 15_000, '公示期满');
    const notice = await completeOk(reviewer, created.number, 'RECTIFY', { items: '补种草坪，完善消防巡查记录。', deadline: '2026-12-31' });
    expect(notice).toMatchObject({ state: 'rectifying', data: { rectification: { deadline: '2026-12-31' } } });
    const company = await app.login(COMPANY);
    const rectified = await completeOk(company, created.number, 'RECTIFIED', { opinion: '已补种草坪，消防巡查记录已补齐。' });
    expect(rectified).toMatchObject({ state: 'scoring', data: { inspections: [], rectification: { report: '已补种草坪，消防巡查记录已补齐。' } } });
    const rechecked = await scoredBy('reviewer1', created.number, 78);
    expect(rechecked.data.result).toMatchObject({ total: 78, grade: '合格' });
    await publishWithDelays(app, 'evaluation', { selfAssessment: 'P15D', publicity: 'P7D' });
  });

  it('refuses what breaks the rules, each with a clear message', async () => {
    const reviewer = await app.login('reviewer1');
    const over = await reviewer.post('/api/cases', { type: 'evaluation', data: { ...example(evaluationSchema), items: [...example(evaluationSchema).items, { category: '其他', item: '额外加分项', maxPoints: 10 }] } });
    expect(over.status).toBe(400);
    expect(detail(over, '/items')?.message).toBe('评分表各项分值合计 110 分，超过总分 100 分');
    const nobody = await campaign(reviewer, { inspectors: ['no-such-inspector'] }); // the inspectors are named when scoring starts
    const company = await app.login(COMPANY);
    const stuck = await complete(company, nobody.number, 'SELF_ASSESS', { total: 90, opinion: '自评良好' });
    expect(stuck.status).toBe(422);
    expect(stuck.body.error.message).toContain('no-such-inspector');

    const created = await campaign(reviewer, { inspectors: ['reviewer1'] });
    const tooHigh = await complete(company, created.number, 'SELF_ASSESS', { total: 120, opinion: '自评满分以上' });
    expect(tooHigh.status).toBe(400);
    expect(detail(tooHigh, '/total')?.message).toBe('「自评得分」不能大于 100');
    // Companies do not create campaigns, nor score.
    expect((await company.post('/api/cases', { type: 'evaluation', data: example(evaluationSchema) })).status).toBe(403);
    await completeOk(company, created.number, 'SELF_ASSESS', { total: 90, opinion: '自评良好' });
    expect(await findTask(company, created.number)).toBeUndefined();
    expect((await (await app.login(OTHER_COMPANY)).get(`/api/cases/${created.id}`)).status).toBe(404);
  });

  it('without a filed service contract there is no company to evaluate', async () => {
    const { RegisterEntry } = app.engine.db.models;
    await RegisterEntry.update({ status: 'superseded' }, { where: { register: 'contracts', parentId: 1, status: 'active' } });
    const reviewer = await app.login('reviewer1');
    const draft = await prepared(reviewer);
    expect(draft.data.companyName).toBeUndefined();
    const res = await complete(reviewer, draft.number, 'START');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe('「考评自评」没有确定办理单位（未找到对应的物业服务企业）');
    expect((await reviewer.get(`/api/cases/${draft.id}`)).body.state).toBe('prepared');
    // A contract filed afterwards: the campaign can start.
    await givenContract(app);
    expect((await completeOk(reviewer, draft.number, 'START')).data.companyName).toBe('佛山市安居物业服务有限公司');
  });
});
