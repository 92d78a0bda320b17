// 满意度调查: a department or a property company publishes a survey whose questions are a form (a
// JSON Schema held in the survey); owners of the areas it covers answer once per house (a second
// answer is refused); results per question, per area and per company are read from one generic
// report endpoint, by the survey's publisher and the district's departments only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import surveySchema from '../forms/survey.schema.json';
import { example, startTestApp, type Client, type TestApp } from './helpers/app.js';
import { AREA_ID, COMPANY, OTHER_COMPANY, applicantDoes, detail, givenContract, owner, publishWithDelays, waitFor } from './helpers/services.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await givenContract(app);
});
afterAll(async () => { await app?.close(); });

/** Publishes a survey as `c`: the case view and the published survey (its public register entry). */
async function published(c: Client, changes: Data = {}): Promise<{ survey: Data; entry: Data }> {
  const data = { ...example(surveySchema), title: `满意度调查 ${Math.random().toString(36).slice(2, 8)}`, ...changes };
  const res = await c.post('/api/cases', { type: 'survey', data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.state).toBe('open');
  const list = await app.client().get('/api/public/surveys?pageSize=100');
  const entry = list.body.items.find((e: Data) => e.data.sourceNumber === res.body.number);
  expect(entry, 'the published survey is listed on the portal').toBeTruthy();
  return { survey: res.body, entry };
}

/** An owner answers: the draft, then SUBMIT's response. */
async function answer(c: Client, surveyId: number, answers: Data) {
  const draft = await c.post('/api/cases', { type: 'survey-response', data: { surveyId, answers } });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  return { draft: draft.body, submitted: await applicantDoes(c, draft.body.id, 'SUBMIT') };
}

describe('满意度调查', () => {
  it('a department publishes a survey; each house answers once; results per question, area and company', async () => {
    const reviewer = await app.login('reviewer1');
    const { survey, entry } = await published(reviewer);
    expect(entry.data.questions.properties.overall.title).toBe('总体满意度（1–5 分）');
    expect(entry.data.areaIds).toEqual([AREA_ID]);

    const zhang = await owner(app, 'zhang');
    const first = await answer(zhang, entry.id, { overall: 4, cleanliness: '满意', security: '基本满意', suggestion: '希望增加夜间巡逻。' });
    expect(first.submitted.status, JSON.stringify(first.submitted.body)).toBe(200);
    expect(first.submitted.body).toMatchObject({ state: 'submitted', status: 'closed' });
    // The house comes from the owner's registration; the company from the area's contract.
    expect(first.submitted.body.data).toMatchObject({ houseId: 2, room: '101', areaName: '锦绣花园', companyName: '佛山市安居物业服务有限公司', surveyTitle: survey.data.title });

    // A second answer for the same house is refused.
    const again = await answer(zhang, entry.id, { overall: 1, cleanliness: '不满意' });
    expect(again.submitted.status).toBe(400);
    expect(detail(again.submitted, '/surveyId')?.message).toBe('您的房屋已参加过本次调查，每户只能答复一次');

    const li = await owner(app, 'li');
    expect((await answer(li, entry.id, { overall: 2, cleanliness: '不满意', security: '满意' })).submitted.status).toBe(200);
    const wang = await owner(app, 'wang');
    expect((await answer(wang, entry.id, { overall: 5, cleanliness: '满意' })).submitted.status).toBe(200);

    const report = await reviewer.get(`/api/reports/survey-responses?parentId=${entry.id}&field=/answers&schema=/questions&groupBy=/companyName`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.total).toBe(3);
    const overall = report.body.fields.find((f: Data) => f.name === 'overall');
    expect(overall).toMatchObject({ title: '总体满意度（1–5 分）', kind: 'number', answered: 3, avg: 3.67, min: 2, max: 5 });
    const cleanliness = report.body.fields.find((f: Data) => f.name === 'cleanliness');
    expect(cleanliness.options).toEqual([
      { value: '满意', label: '满意', count: 2 }, { value: '基本满意', label: '基本满意', count: 0 }, { value: '不满意', label: '不满意', count: 1 },
    ]);
    const suggestion = report.body.fields.find((f: Data) => f.name === 'suggestion');
    expect(suggestion).toMatchObject({ kind: 'text', answered: 1 });
    expect(suggestion.options).toBeUndefined(); // free text is not spread in the summary
    expect(report.body.groups).toHaveLength(1);
    expect(report.body.groups[0]).toMatchObject({ label: '佛山市安居物业服务有限公司', total: 3 });
    const byArea = await reviewer.get(`/api/reports/survey-responses?parentId=${entry.id}&field=/answers&groupBy=/areaName`);
    expect(byArea.body.groups.map((g: Data) => [g.label, g.total])).toEqual([['锦绣花园', 3]]);

    // Neither a company nor an owner nor another district reads the department's results.
    for (const who of [await app.login(COMPANY), zhang, await app.login('reviewer2')]) {
      expect((await who.get(`/api/reports/survey-responses?parentId=${entry.id}&field=/answers`)).status).toBe(404);
    }
    // An owner sees only their own answer.
    expect((await zhang.get('/api/cases?type=survey-response')).body.items).toHaveLength(2);
    expect((await zhang.get(`/api/cases/${first.draft.id}`)).status).toBe(200);
    expect((await li.get(`/api/cases/${first.draft.id}`)).status).toBe(404);
  });

  it('answers are checked against the survey’s questions, per question', async () => {
    const reviewer = await app.login('reviewer1');
    const { entry } = await published(reviewer);
    const zhang = await owner(app, 'zhang');
    const bad = await answer(zhang, entry.id, { overall: 9, cleanliness: '还行' });
    expect(bad.submitted.status).toBe(400);
    expect(detail(bad.submitted, '/answers/overall')?.message).toBe('「总体满意度（1–5 分）」不能大于 5');
    expect(detail(bad.submitted, '/answers/cleanliness')?.message).toContain('「环境卫生」应为以下之一');
    const missing = await zhang.patch(`/api/cases/${bad.draft.id}`, { data: { ...bad.draft.data, answers: { overall: 3 } } });
    expect(missing.status).toBe(200);
    const res = await applicantDoes(zhang, bad.draft.id, 'SUBMIT');
    expect(detail(res, '/answers/cleanliness')?.message).toBe('「环境卫生」为必填项');
  });

  it('a company publishes its own survey and reads its results; another company cannot', async () => {
    const company = await app.login(COMPANY);
    const type = await company.get('/api/types/survey');
    expect(type.body.prefill.publisher).toBe('佛山市安居物业服务有限公司');
    const { entry } = await published(company, { publisher: '佛山市安居物业服务有限公司' });
    const li = await owner(app, 'li');
    expect((await answer(li, entry.id, { overall: 3, cleanliness: '基本满意' })).submitted.status).toBe(200);
    const report = await company.get(`/api/reports/survey-responses?parentId=${entry.id}&field=/answers&schema=/questions`);
    expect(report.status).toBe(200);
    expect(report.body.total).toBe(1);
    expect((await (await app.login(OTHER_COMPANY)).get(`/api/reports/survey-responses?parentId=${entry.id}&field=/answers`)).status).toBe(404);
    // The district's department supervises: it may read a company's survey results too.
    expect((await (await app.login('reviewer1')).get(`/api/reports/survey-responses?parentId=${entry.id}&field=/answers`)).body.total).toBe(1);
  });

  it('refuses a survey whose questions are not a usable form, and answers to a closed survey or from outside its areas', async () => {
    const reviewer = await app.login('reviewer1');
    const notSchema = await reviewer.post('/api/cases', { type: 'survey', data: { ...example(surveySchema), questions: { type: 'object', properties: { q: { type: 'nonsense', title: '问题' } } } } });
    expect(notSchema.status).toBe(400);
    expect(detail(notSchema, '/questions')?.message).toMatch(/^调查问题不是有效的表单定义：不是有效的 JSON Schema/);
    const untitled = await reviewer.post('/api/cases', { type: 'survey', data: { ...example(surveySchema), questions: { type: 'object', properties: { q: { type: 'string' } } } } });
    expect(detail(untitled, '/questions')?.message).toBe('调查问题不是有效的表单定义：「q」缺少标题（title）');
    const regex = await reviewer.post('/api/cases', { type: 'survey', data: { ...example(surveySchema), questions: { type: 'object', properties: { q: { type: 'string', title: '问', pattern: '(a+)+$' } } } } });
    expect(detail(regex, '/questions')?.message).toContain('不允许使用正则表达式');
    expect((await (await owner(app, 'zhang')).post('/api/cases', { type: 'survey', data: example(surveySchema) })).status).toBe(403);

    // Not in the survey's areas.
    const elsewhere = await published(reviewer, { areaIds: [AREA_ID] });
    await app.engine.db.models.RegisterEntry.update({ data: { ...elsewhere.entry.data, areaIds: [12345] } }, { where: { id: elsewhere.entry.id } });
    const outside = await answer(await owner(app, 'zhang'), elsewhere.entry.id, { overall: 3, cleanliness: '满意' });
    expect(detail(outside.submitted, '/surveyId')?.message).toBe('您所在的小区不在本次调查范围内');

    // Closed by its publisher: withdrawn from the portal, answers refused.
    const { survey, entry } = await published(reviewer);
    const closeTask = survey.tasks.find((t: Data) => t.status === 'open' && t.role === 'reviewer');
    const closed = await reviewer.post(`/api/tasks/${closeTask.id}/complete`, { event: 'CLOSE', data: { opinion: '调查结束' } });
    expect(closed.body).toMatchObject({ state: 'closed', status: 'closed' });
    expect((await app.client().get(`/api/public/surveys/${entry.id}`)).status).toBe(404);
    const late = await answer(await owner(app, 'li'), entry.id, { overall: 3, cleanliness: '满意' });
    expect(late.submitted.status).toBe(400);
    expect(detail(late.submitted, '/surveyId')?.message).toBe('该调查不存在或已结束');
  });

  it('a survey closes by itself at the end of its period (durable timer)', async () => {
    await publishWithDelays(app, 'survey', { surveyPeriod: 'PT1S' });
    const reviewer = await app.login('reviewer1');
    const { survey, entry } = await published(reviewer);
    await waitFor(async () => (await reviewer.get(`/api/cases/${survey.id}`)).body.state === 'closed', 15_000, '调查期满');
    expect((await app.client().get(`/api/public/surveys/${entry.id}`)).status).toBe(404);
    await publishWithDelays(app, 'survey', { surveyPeriod: 'P30D' });
  });
});
