// 满意度调查, 参加满意度调查 and 物业服务检查考评 in a real browser: the businesses a district department
// starts from its workspace. The window clerk publishes a survey of 锦绣花园 through the generated
// form (its questions a form definition in JSON); an owner registers on the portal with the house
// registered to him and answers the survey's own questions; the department lists the answers with
// their columns and reads the numbers. A reviewer starts an inspection campaign (the date typed as
// 年-月-日 whatever the browser's locale), the company assesses itself, the inspector scores, the
// result is 公示, then 公告 on the portal and kept in the company's record.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle } from 'puppeteer-core';
import type { TestApp } from '../helpers/app.js';
import { act } from '../helpers/drive.js';
import { SCREENSHOTS, bodyText, click, decide, goto, hasChromium, openFromInbox, screenshot, setValue, submitAndConfirm, useBrowserApp, waitForText, type Session } from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';
import { COMPANY, OWNERS, owner, givenContract } from '../helpers/services.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- definitions are read ad hoc

const COMPANY_NAME = '佛山市安居物业服务有限公司';
const ZHANG = OWNERS.zhang;
const ZHANG_PASSWORD = 'Zhangwei#2026';
const SURVEY = '2026 年锦绣花园物业服务满意度调查（浏览器）';

describe.skipIf(!hasChromium())('部门发起的业务：满意度调查与检查考评（浏览器）', () => {
  const b = useBrowserApp();
  let app: TestApp;
  let surveyEntry = 0;
  beforeAll(async () => {
    app = b.app;
    await givenContract(app); // 锦绣花园's property company: the one evaluated and named in the answers
  });

  const inState = (s: Session, title: string) => s.page.waitForFunction((t) => document.querySelector('.case-summary')?.textContent?.includes(t), { timeout: 20_000 }, title);
  const rowsOf = (s: Session) => s.page.$$eval('.grid-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
  const caseIdOf = (s: Session) => Number(new URL(s.page.url()).pathname.split('/').pop());
  const numberOf = async (s: Session) => (await s.page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();

  /** From the department's left menu: the business's page, then 新建 and its generated form. */
  async function newFromMenu(s: Session, typeId: string, title: string) {
    await goto(s.page, app.url, '/inbox');
    await s.page.waitForSelector(`.side-menu a[href="/workspace/types/${typeId}"]`);
    await Promise.all([s.page.waitForFunction((t) => location.pathname === `/workspace/types/${t}`, {}, typeId), s.page.$eval(`.side-menu a[href="/workspace/types/${typeId}"]`, (a) => (a as HTMLElement).click())]);
    await click(s.page, '.panel-extra a', `新建${title}`);
    await s.page.waitForSelector('.schema-form form');
  }

  it('满意度调查: the window clerk publishes a survey of 锦绣花园 from the workspace', async () => {
    const clerk = await b.as('管理部门', 'clerk1');
    await newFromMenu(clerk, 'survey', '满意度调查');
    const def = (await (await app.login('clerk1')).get('/api/types/survey')).body as Json;
    const skipped = await fillForm(clerk.page, def.schema, def.uiSchema, { ...def.examples[0], title: SURVEY });
    expect(skipped).toEqual([]);
    await screenshot(clerk.page, '30-survey-new');
    // A survey has no draft: 提交 publishes it.
    await submitAndConfirm(clerk.page, '提交');
    await clerk.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname));
    await waitForText(clerk.page, '已提交');
    await inState(clerk, '调查中');
    const number = await numberOf(clerk);
    expect(number).toMatch(/^MYDC-/);

    // Published: on the portal's list of surveys.
    const surveys = (await app.client().get('/api/public/surveys?pageSize=100')).body.items as Json[];
    surveyEntry = surveys.find((e) => e.data.sourceNumber === number)?.id;
    expect(surveyEntry).toBeGreaterThan(0);
  }, 90_000);

  it('参加满意度调查: an owner registers on the portal with his house and answers the survey’s questions', async () => {
    const zhang = await b.anonymous();
    await click(zhang.page, '.login-tabs button', '业主');
    await click(zhang.page, '.login-links a', '注册');
    await zhang.page.waitForSelector('#reg_idNumber');
    const types = (await app.client().get('/api/auth/registration-types')).body as Array<{ orgType: string; schema: Json; uiSchema: Json }>;
    const reg = types.find((t) => t.orgType === 'owner')!;
    expect(await fillForm(zhang.page, reg.schema, reg.uiSchema, { areaId: 1, building: ZHANG.building, unit: ZHANG.unit, room: ZHANG.room, name: ZHANG.name, idNumber: ZHANG.idNumber, mobile: ZHANG.mobile }, 'reg')).toEqual([]);
    await setValue(zhang.page, '#reg-password', ZHANG_PASSWORD);
    await setValue(zhang.page, '#reg-confirm', ZHANG_PASSWORD);
    await zhang.page.$eval('.agreement-box', (el) => el.scrollTo(0, el.scrollHeight));
    await zhang.page.click('#reg-agreement');
    await click(zhang.page, '.form-actions button', '提交注册');
    await zhang.page.waitForSelector('.result-ok', { timeout: 20_000 });
    await click(zhang.page, 'a', '立即登录');
    await zhang.page.waitForSelector('#login-password');
    expect(await zhang.page.$eval('#login-username', (el) => (el as HTMLInputElement).value)).toBe(ZHANG.idNumber);
    await zhang.page.type('#login-password', ZHANG_PASSWORD);
    await Promise.all([zhang.page.waitForFunction(() => location.pathname === '/workspace'), click(zhang.page, '.login-form button[type=submit]', '登录')]);

    await click(zhang.page, '.quick-card', '参加满意度调查');
    await zhang.page.waitForSelector('#root_surveyId');
    // The house comes from the registration; the questions from the chosen survey.
    await zhang.page.waitForFunction(() => (document.getElementById('root_room') as HTMLInputElement | null)?.value === '101');
    const def = (await (await app.login(ZHANG.idNumber, ZHANG_PASSWORD)).get('/api/types/survey-response')).body as Json;
    expect(await fillForm(zhang.page, def.schema, def.uiSchema, { surveyId: surveyEntry })).toEqual([]);
    await zhang.page.waitForSelector('#root_answers_overall');
    const answers = { overall: 4, cleanliness: '满意', security: '基本满意', suggestion: '希望增加夜间巡逻。' };
    const questions = (await app.client().get(`/api/public/surveys/${surveyEntry}`)).body.data.questions as Json;
    expect(await fillForm(zhang.page, { type: 'object', properties: { answers: questions } }, {}, { answers })).toEqual([]);
    expect(await bodyText(zhang.page)).toContain('总体满意度（1–5 分）');
    await screenshot(zhang.page, '31-survey-answer');
    await submitAndConfirm(zhang.page, '提交答卷');
    await waitForText(zhang.page, '已提交答卷');
    await inState(zhang, '已提交');
    const view = (await (await app.login(ZHANG.idNumber, ZHANG_PASSWORD)).get(`/api/cases/${caseIdOf(zhang)}`)).body;
    expect(view.data).toMatchObject({ surveyTitle: SURVEY, room: '101', companyName: COMPANY_NAME, answers });

    // A neighbour answers too (through the API), less pleased.
    const li = await owner(app, 'li');
    const draft = await li.post('/api/cases', { type: 'survey-response', data: { surveyId: surveyEntry, answers: { overall: 2, cleanliness: '不满意' } } });
    expect((await li.post(`/api/cases/${draft.body.id}/events`, { event: 'SUBMIT', version: draft.body.version })).status).toBe(200);

    // The department lists the answers with the type's columns, and reads the numbers.
    const clerk = await b.as('管理部门', 'clerk1');
    await goto(clerk.page, app.url, '/workspace/cases?type=survey-response');
    await clerk.page.waitForFunction(() => document.querySelectorAll('.grid-table tbody tr').length === 2);
    const headers = await clerk.page.$$eval('.grid-table thead th', (ths) => ths.map((th) => th.textContent));
    expect(headers).toEqual(expect.arrayContaining(['调查名称', '小区', '房号']));
    const rows = await rowsOf(clerk);
    expect(rows.every((r) => r.includes(SURVEY) && r.includes('锦绣花园'))).toBe(true);
    expect(rows.map((r) => (r.includes('\t101\t') ? '101' : r.includes('\t102\t') ? '102' : '?')).sort()).toEqual(['101', '102']);
    await screenshot(clerk.page, '32-survey-answers-list');
    const report = (await (await app.login('clerk1')).get(`/api/reports/survey-responses?parentId=${surveyEntry}&field=/answers&schema=/questions`)).body;
    expect(report.total).toBe(2);
    expect(report.fields.find((f: Json) => f.name === 'overall')).toMatchObject({ answered: 2, avg: 3, min: 2, max: 4 });
  }, 120_000);

  it('检查考评: a reviewer starts a campaign, the company assesses itself, the inspector scores, 公示 then 公告', async () => {
    const reviewer = await b.as('管理部门', 'reviewer1');
    await newFromMenu(reviewer, 'evaluation', '物业服务检查考评');

    // The date is typed and shown as 年-月-日 (a native date input would show the browser's locale).
    const date = '#root_inspectionDate';
    expect(await reviewer.page.$eval(date, (el) => [(el as HTMLInputElement).type, (el as HTMLInputElement).placeholder])).toEqual(['text', '年-月-日']);
    expect(await reviewer.page.$eval(date, (el) => (el as HTMLInputElement).labels?.[0]?.textContent)).toContain('检查日期');
    await reviewer.page.type(date, '2026/5/20');
    await reviewer.page.keyboard.press('Tab');
    await reviewer.page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement).value === '2026-05-20', {}, date);
    // The field as the reviewer sees it (build/screenshots/33-date-widget.png).
    const box = await reviewer.page.evaluateHandle((sel) => document.querySelector(sel)!.closest('.field') ?? document.querySelector(sel)!, date);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await (box as ElementHandle<Element>).screenshot({ path: path.join(SCREENSHOTS, '33-date-widget.png') as `${string}.png` });

    const def = (await (await app.login('reviewer1')).get('/api/types/evaluation')).body as Json;
    const { inspectionDate: _typed, ...example } = def.examples[0] as Json;
    const title = '2026 年度锦绣花园物业服务检查考评（浏览器）';
    expect(await fillForm(reviewer.page, def.schema, def.uiSchema, { ...example, title, inspectors: ['reviewer1'] })).toEqual([]);
    await screenshot(reviewer.page, '34-evaluation-new');
    await submitAndConfirm(reviewer.page, '提交');
    await reviewer.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname));
    await inState(reviewer, '待发起');
    const caseId = caseIdOf(reviewer);
    const number = await numberOf(reviewer);
    expect((await (await app.login('reviewer1')).get(`/api/cases/${caseId}`)).body.data).toMatchObject({ inspectionDate: '2026-05-20', companyName: COMPANY_NAME, areaName: '锦绣花园' });
    await decide(reviewer, '发起考评（通知企业自评）');
    await inState(reviewer, '企业自评');

    const company = await b.as('物业公司', COMPANY);
    await goto(company.page, app.url, `/workspace/cases/${caseId}`);
    await waitForText(company.page, '考评自评');
    await decide(company, '提交自评', { total: 93, opinion: '各项制度健全，设施设备运行正常。' });
    await inState(company, '现场检查评分');

    await openFromInbox(reviewer, app.url, number);
    await decide(reviewer, '提交评分', { total: 88, opinion: '总体良好，绿化有待加强。' });
    await inState(reviewer, '结果公示');
    expect((await (await app.login('reviewer1')).get(`/api/cases/${caseId}`)).body.data.result).toMatchObject({ total: 88, grade: '良好' });

    // The 公示 period ends (its timer is made due; the server fires it), then the result is published.
    await act(app, await app.login('reviewer1'), caseId, 'after:publicity');
    await openFromInbox(reviewer, app.url, number);
    await decide(reviewer, '公告并记入企业档案', { opinion: '公示无异议，予以公告。' });
    await inState(reviewer, '已公告');

    // The department's list of campaigns: score and grade as columns.
    await goto(reviewer.page, app.url, '/workspace/cases?type=evaluation');
    await waitForText(reviewer.page, number);
    const row = (await rowsOf(reviewer)).find((r) => r.includes(number))!;
    for (const v of [title, '锦绣花园', COMPANY_NAME, '88', '良好']) expect(row).toContain(v);
    await screenshot(reviewer.page, '35-evaluation-list');

    const anon = await b.anonymous();
    await goto(anon.page, app.url, '/public/evaluation-results');
    await waitForText(anon.page, COMPANY_NAME);
    expect(await bodyText(anon.page)).toContain('88');
    await screenshot(anon.page, '36-public-evaluation-results');
    await anon.context.close();
  }, 180_000);
});
