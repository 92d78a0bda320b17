// 统计分析 by company and area: complaints and repairs counted per company and per area with the
// owners' ratings, evaluation scores and survey satisfaction — figures the types declare in
// `dashboard`, within the department's district — and the whole dashboard as an Excel workbook.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import evaluationSchema from '../forms/evaluation.schema.json';
import surveySchema from '../forms/survey.schema.json';
import { dashboardMetaSchema } from '../engine/registry/meta-schema.js';
import { loadRegisters } from '../engine/registry/loader.js';
import { createAjv } from '../engine/validation/ajv.js';
import { example, startTestApp, tinyPdf, type Client, type TestApp } from './helpers/app.js';
import { AREA_ID, COMPANY, applicantDoes, completeOk, givenContract, orgId, owner } from './helpers/services.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

const COMPANY_NAME = '佛山市安居物业服务有限公司';
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await givenContract(app);
});
afterAll(async () => { await app?.close(); });

async function ok(res: { status: number; body: Data }, status = 200): Promise<Data> {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

/** A complaint lodged by the owner, forwarded to the company, answered, accepted and rated `score`. */
async function ratedComplaint(zhang: Client, score?: number): Promise<void> {
  const created = await ok(await zhang.post('/api/cases', {
    type: 'complaint',
    data: { areaId: AREA_ID, category: '环境卫生', subject: '垃圾清运不及时', content: '小区垃圾桶连续两天未清运，气味很大。', contact: { name: '张伟', phone: '13622223333' } },
  }), 201);
  if (score === undefined) return; // left waiting for registration: no company yet
  const reviewer = await app.login('reviewer1');
  await completeOk(reviewer, created.number, 'FORWARD', { companyId: await orgId(app, COMPANY), companyName: COMPANY_NAME, opinion: '请核实处理并答复投诉人。' });
  await completeOk(await app.login(COMPANY), created.number, 'ANSWER', { content: '已安排保洁加班清运，并调整清运时间。' });
  await completeOk(reviewer, created.number, 'ACCEPT', { substantiated: false, opinion: '答复合格。' });
  await ok(await applicantDoes(zhang, created.id, 'RATE', { satisfied: true, score }));
}

/** A repair reported, dispatched, done and confirmed with `score`. */
async function ratedRepair(zhang: Client, score: number): Promise<void> {
  const created = await ok(await zhang.post('/api/cases', {
    type: 'repair', data: { location: '户内', category: '水电', urgency: '一般', description: '卫生间灯不亮。', contact: { name: '张伟', phone: '13622223333' } },
  }), 201);
  const submitted = await ok(await applicantDoes(zhang, created.id, 'SUBMIT'));
  const company = await app.login(COMPANY);
  await completeOk(company, submitted.number, 'DISPATCH', { worker: '陈师傅', workerPhone: '13500001111', opinion: '今日到场。' });
  await completeOk(company, submitted.number, 'ARRIVE', { opinion: '已到场' });
  const photo = await company.upload('完工.pdf', tinyPdf('done'));
  await completeOk(company, submitted.number, 'COMPLETE', { workDone: '更换灯管。', cost: 20, photos: [photo.body.id] });
  await ok(await applicantDoes(zhang, created.id, 'CONFIRM', { score }));
}

/** An evaluation campaign scored 80 and 90 by the two inspectors: 85 on average. */
async function scoredEvaluation(): Promise<void> {
  const reviewer = await app.login('reviewer1');
  const created = await ok(await reviewer.post('/api/cases', { type: 'evaluation', data: { ...example(evaluationSchema), inspectors: ['reviewer1', 'reviewer2'] } }), 201);
  await completeOk(reviewer, created.number, 'START');
  await completeOk(await app.login(COMPANY), created.number, 'SELF_ASSESS', { total: 93, opinion: '各项制度健全。' });
  for (const [who, total] of [['reviewer1', 80], ['reviewer2', 90]] as const) {
    const c = await app.login(who);
    const task = (await c.get('/api/tasks?mine=true&type=evaluation&pageSize=100')).body.items.find((t: Data) => t.case.number === created.number);
    await ok(await c.post(`/api/tasks/${task.id}/complete`, { event: 'SCORE', data: { total, opinion: '现场检查评分。' } }));
  }
}

const breakdown = (stats: Data, key: string) => stats.breakdowns.find((b: Data) => b.key === key);

describe('统计分析：按企业、小区', () => {
  it('counts complaints and repairs per company and area with the ratings, evaluation scores and survey satisfaction; exports them to Excel', async () => {
    const zhang = await owner(app, 'zhang');
    await ratedComplaint(zhang, 4);
    await ratedComplaint(zhang, 2);
    await ratedComplaint(zhang);
    await ratedRepair(zhang, 5);
    await scoredEvaluation();
    const survey = await ok(await (await app.login('reviewer1')).post('/api/cases', { type: 'survey', data: { ...example(surveySchema), title: '年度满意度调查' } }), 201);
    const entry = (await app.client().get('/api/public/surveys?pageSize=100')).body.items.find((e: Data) => e.data.sourceNumber === survey.number);
    const draft = await ok(await zhang.post('/api/cases', { type: 'survey-response', data: { surveyId: entry.id, answers: { overall: 4, cleanliness: '满意' } } }), 201);
    await ok(await applicantDoes(zhang, draft.id, 'SUBMIT'));

    const stats = await ok(await (await app.login('clerk1')).get('/api/stats/cases'));
    expect(breakdown(stats, 'type:complaint:/forward/companyName')).toMatchObject({
      title: '物业服务投诉（按承办企业）', group: '承办企业', measures: ['投诉人满意度评分（1–5 分）'],
      rows: [{ label: COMPANY_NAME, count: 2, values: [3] }, { label: '（未确定）', count: 1, values: [null] }],
    });
    expect(breakdown(stats, 'type:complaint:/areaName').rows).toEqual([{ label: '锦绣花园', count: 3, values: [3] }]);
    expect(breakdown(stats, 'type:repair:/companyName').rows).toEqual([{ label: COMPANY_NAME, count: 1, values: [5] }]);
    expect(breakdown(stats, 'type:evaluation:/companyName').rows).toEqual([{ label: COMPANY_NAME, count: 1, values: [85] }]);
    expect(breakdown(stats, 'register:survey-responses:/areaName').rows).toEqual([{ label: '锦绣花园', count: 1, values: [4] }]);

    // Another district sees none of it.
    const other = await ok(await (await app.login('clerk2')).get('/api/stats/cases'));
    expect(other.breakdowns.every((b: Data) => b.rows.length === 0)).toBe(true);

    // The same figures as a workbook, one sheet each.
    const res = await (await app.login('reviewer1')).get('/api/stats/cases.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['业务量', '待办与逾期', '物业服务投诉（按承办企业）', '物业服务检查考评（按被考评企业）']));
    const sheet = wb.getWorksheet('物业服务投诉（按承办企业）')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['承办企业', '数量', '投诉人满意度评分（1–5 分）']);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([COMPANY_NAME, 2, 3]);
    expect((await (await owner(app, 'zhang')).get('/api/stats/cases.xlsx')).status).toBe(403);
  });

  it('the registers\' dashboard settings are checked like the types\' (the types\' by the settings meta-schema at load)', () => {
    const validate = createAjv().compile(dashboardMetaSchema);
    const declared = Object.entries(loadRegisters(process.cwd())).filter(([, r]) => r.dashboard);
    expect(declared.length).toBeGreaterThan(0);
    for (const [id, r] of declared) expect(validate(r.dashboard), `${id}: ${JSON.stringify(validate.errors)}`).toBe(true);
  });
});
