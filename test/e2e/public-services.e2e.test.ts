// 物业服务投诉 and 物业报修 in a real browser, to their end as the workflows say. An owner of 锦绣花园
// (张伟, registered with his house) complains through the generated form; the district reviewer
// finds it in the inbox filtered to 投诉 (its list columns shown), forwards it to the property
// company; the company answers with a photo from its workspace; the reviewer finds it substantiated
// (a bad record in the company's public credit record); the owner rates it and it closes. A member
// of the public complains without an account and rates the answer with the 查询码. The owner reports
// a leak; the company dispatches, arrives, completes with photos; the owner confirms and rates.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle } from 'puppeteer-core';
import type { TestApp } from '../helpers/app.js';
import { bodyText, click, decide, goto, hasChromium, openFromInbox, screenshot, setValue, submitAndConfirm, useBrowserApp, waitForText, type Session } from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';
import { COMPANY, OWNERS, OWNER_PASSWORD, completeOk, givenContract, orgId, owner } from '../helpers/services.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- definitions are read ad hoc

const ZHANG = OWNERS.zhang;
const COMPANY_NAME = '佛山市安居物业服务有限公司';

describe.skipIf(!hasChromium())('投诉与报修（浏览器）', () => {
  const b = useBrowserApp();
  let app: TestApp;
  let companyOrg = 0;
  beforeAll(async () => {
    app = b.app;
    // The area's service contract is filed (the company repairs are dispatched to); 张伟 has an account.
    await givenContract(app);
    companyOrg = await orgId(app, COMPANY);
    await owner(app, 'zhang');
  });

  const ownerSession = () => b.as('业主', ZHANG.idNumber, OWNER_PASSWORD);
  const companySession = () => b.as('物业公司', COMPANY);
  const reviewerSession = () => b.as('管理部门', 'reviewer1');
  /** Waits until the case's head says it is in this step. */
  const inState = (s: Session, title: string) => s.page.waitForFunction((t) => document.querySelector('.case-summary')?.textContent?.includes(t), { timeout: 20_000 }, title);

  /** Opens a case page in the workspace (the company and the owner work there, not in an inbox). */
  async function openCase(s: Session, id: number, waitFor: string) {
    await goto(s.page, app.url, `/workspace/cases/${id}`);
    await waitForText(s.page, waitFor);
  }

  /** The row of the list whose text holds the business number. */
  const rowOf = (s: Session, number: string) => s.page.$$eval('.grid-table tbody tr', (trs, n) => (trs.find((tr) => tr.textContent?.includes(n)) as HTMLElement | undefined)?.innerText ?? '', number);

  it('投诉: the owner complains, the reviewer forwards, the company answers, the reviewer finds it substantiated, the owner rates', async () => {
    const zhang = await ownerSession();
    expect(new URL(zhang.page.url()).pathname).toBe('/workspace');
    await click(zhang.page, '.quick-card', '物业服务投诉');
    await zhang.page.waitForSelector('#root_subject');
    // Opened with the owner's area and contact (settings.prefill).
    await zhang.page.waitForFunction(() => (document.getElementById('root_contact_name') as HTMLInputElement | null)?.value === '张伟');
    const def = (await (await app.login(ZHANG.idNumber, OWNER_PASSWORD)).get('/api/types/complaint')).body as Json;
    const subject = '2 号楼楼道灯坏了一个月无人修';
    const skipped = await fillForm(zhang.page, def.schema, def.uiSchema, { category: '维修不及时', subject, content: '2 号楼 3 至 6 层楼道灯损坏一个月，多次反映未处理，夜间出行不便。' });
    expect(skipped).toEqual([]);
    await screenshot(zhang.page, '20-complaint-form');
    // No draft: the complaint is lodged with 提交.
    await submitAndConfirm(zhang.page, '提交');
    await zhang.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname));
    await waitForText(zhang.page, '已提交');
    const caseId = Number(new URL(zhang.page.url()).pathname.split('/').pop());
    const number = (await zhang.page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();
    expect(number).toMatch(/^WYTS-\d{4}-\d{6}$/);
    await inState(zhang, '待登记转办');

    // The reviewer's inbox, filtered to 物业服务投诉: the type's list columns with this complaint's values.
    const reviewer = await reviewerSession();
    await goto(reviewer.page, app.url, '/inbox');
    await reviewer.page.waitForSelector('#inbox-search');
    const typeSelect = await reviewer.page.evaluateHandle(() => [...document.querySelectorAll('.filters select')].find((el) => [...(el as HTMLSelectElement).options].some((o) => o.text === '物业服务投诉')));
    await (typeSelect as ElementHandle<HTMLSelectElement>).select('complaint');
    await reviewer.page.waitForFunction(() => [...document.querySelectorAll('.inbox-table thead th')].some((th) => th.textContent === '投诉事项'));
    await waitForText(reviewer.page, number);
    const headers = await reviewer.page.$$eval('.inbox-table thead th', (ths) => ths.map((th) => th.textContent));
    expect(headers).toEqual(expect.arrayContaining(['投诉事项', '投诉类别', '小区', '承办企业']));
    expect(headers).not.toContain('业务类型');
    const row = await rowOf(reviewer, number);
    for (const v of [subject, '维修不及时', '锦绣花园']) expect(row).toContain(v);
    await screenshot(reviewer.page, '21-inbox-complaints');

    await openFromInbox(reviewer, app.url, number);
    // The company is chosen from the registered property companies (not typed as a number); its name follows.
    await click(reviewer.page, '.segment', '登记并转物业服务企业答复');
    await reviewer.page.waitForSelector(`select[id^="decision_"][id$="_companyId"] option[value="${companyOrg}"]`);
    await setValue(reviewer.page, 'select[id^="decision_"][id$="_companyId"]', String(companyOrg));
    await reviewer.page.waitForFunction((n) => (document.querySelector('[id^="decision_"][id$="_companyName"]') as HTMLInputElement | null)?.value === n, { timeout: 10_000 }, COMPANY_NAME);
    await decide(reviewer, '登记并转物业服务企业答复', { opinion: '请于 5 日内核实处理并答复投诉人。' });
    await inState(reviewer, '待企业答复');

    // The company: the complaint waits in its workspace to-dos; it answers with a photo.
    const company = await companySession();
    await goto(company.page, app.url, '/workspace');
    await waitForText(company.page, '【答复投诉】');
    await openCase(company, caseId, '提交答复');
    await decide(company, '提交答复', { content: '经核实，楼道灯线路老化，已于今日全部更换为声控 LED 灯。', attachments: { files: ['楼道灯更换.pdf'] } });
    await waitForText(company.page, '待审核答复');

    await openFromInbox(reviewer, app.url, number);
    await decide(reviewer, '答复合格，请投诉人评价', { substantiated: true, finding: '物业服务企业未及时维修楼道照明，投诉属实。', opinion: '答复合格。' });
    await inState(reviewer, '待投诉人评价');

    // The owner rates: satisfied, it closes.
    await openCase(zhang, caseId, '评价');
    expect(await bodyText(zhang.page)).toContain('声控 LED 灯');
    await decide(zhang, '评价', { satisfied: true, score: 4, opinion: '已修好，谢谢。' });
    await waitForText(zhang.page, '已办结');
    const history = await zhang.page.$eval('.grid-table.history', (el) => (el as HTMLElement).innerText);
    for (const step of ['登记并转物业服务企业答复', '提交答复', '答复合格，请投诉人评价', '评价']) expect(history).toContain(step);
    await screenshot(zhang.page, '22-complaint-closed');

    // 我的业务 of 投诉: the company that handled it is a list column.
    await goto(zhang.page, app.url, '/workspace/cases?type=complaint');
    await waitForText(zhang.page, number);
    expect(await rowOf(zhang, number)).toContain(COMPANY_NAME);

    // Substantiated: a bad record in the company's public credit record.
    const anon = await b.anonymous();
    await goto(anon.page, app.url, '/public/credit-records');
    await waitForText(anon.page, subject);
    await anon.context.close();
  }, 180_000);

  it('投诉 without an account: the public files it on the portal and rates the answer with the 查询码', async () => {
    const anon = await b.anonymous();
    await click(anon.page, '.service-card', '物业服务投诉');
    await anon.page.waitForSelector('#root_subject');
    const def = (await app.client().get('/api/public/services/complaint')).body as Json;
    const subject = '小区垃圾堆放多日未清运';
    const skipped = await fillForm(anon.page, def.schema, def.uiSchema, {
      areaId: 1, category: '环境卫生', subject, content: '5 号楼旁垃圾站垃圾堆放三天未清运，气味很大。', contact: { name: '路人', phone: '13900001111' },
    });
    expect(skipped).toEqual([]);
    await submitAndConfirm(anon.page, '提交');
    await anon.page.waitForSelector('.code-pair');
    const [number, code] = await anon.page.$$eval('.code-pair dd', (dds) => dds.map((d) => d.textContent!.trim()));
    expect(number).toMatch(/^WYTS-/);

    // The district and the company handle it (as in the test above).
    await completeOk(await app.login('reviewer1'), number, 'FORWARD', { companyId: companyOrg, companyName: COMPANY_NAME, opinion: '请核实处理。' });
    await completeOk(await app.login(COMPANY), number, 'ANSWER', { content: '已安排保洁当日清运完毕，并增加清运频次。' });
    await completeOk(await app.login('reviewer1'), number, 'ACCEPT', { substantiated: false });

    // The 查询码 is typed as people type it (lower case); the public sees its steps, not the
    // department's internal diagram with deadlines and recalls.
    await goto(anon.page, app.url, `/track?number=${number}&code=${code.toLowerCase()}`);
    await waitForText(anon.page, '待投诉人评价');
    const steps = await anon.page.$eval('.public-steps', (el) => (el as HTMLElement).innerText);
    expect(steps).toContain('待企业答复');
    expect(await bodyText(anon.page)).not.toMatch(/期满|收回并重新转办/);
    const history = await anon.page.$eval('.grid-table', (el) => (el as HTMLElement).innerText);
    for (const step of ['登记并转物业服务企业答复', '提交答复', '答复合格，请投诉人评价']) expect(history).toContain(step);
    await anon.page.$eval('#public_action_satisfied-0', (el) => (el as HTMLInputElement).click());
    await setValue(anon.page, '#public_action_score', '5');
    await screenshot(anon.page, '23-complaint-track-rate');
    await click(anon.page, '.form-actions button', '确认评价');
    await waitForText(anon.page, '已评价');
    await anon.page.waitForFunction(() => document.querySelector('.desc-table')?.textContent?.includes('已办结'));
    await anon.context.close();
  }, 90_000);

  it('报修: the owner reports a leak with a photo, the company dispatches, arrives, completes; the owner confirms and rates', async () => {
    const zhang = await ownerSession();
    await goto(zhang.page, app.url, '/workspace');
    await click(zhang.page, '.quick-card', '物业报修');
    await zhang.page.waitForSelector('#root_description');
    // The house comes from the owner's registration.
    await zhang.page.waitForFunction(() => (document.getElementById('root_room') as HTMLInputElement | null)?.value === '101');
    const def = (await (await app.login(ZHANG.idNumber, OWNER_PASSWORD)).get('/api/types/repair')).body as Json;
    const description = '厨房水龙头持续滴水，关紧后仍漏水。';
    const skipped = await fillForm(zhang.page, def.schema, def.uiSchema, { location: '户内', category: '水电', urgency: '一般', description, photos: ['x'] });
    expect(skipped).toEqual([]);
    await submitAndConfirm(zhang.page, '提交报修');
    await zhang.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname));
    await waitForText(zhang.page, '已提交报修');
    const caseId = Number(new URL(zhang.page.url()).pathname.split('/').pop());
    const number = (await zhang.page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();
    await inState(zhang, '待派单');

    const company = await companySession();
    await openCase(company, caseId, '报修派单');
    expect(await bodyText(company.page)).toContain(description);
    await decide(company, '派单', { worker: '陈师傅', workerPhone: '13500001111', opinion: '请 2 小时内到场。' });
    await waitForText(company.page, '到场维修');
    await decide(company, '已到场', { opinion: '已到场，阀芯老化。' });
    await waitForText(company.page, '登记完工');
    await decide(company, '维修完工', { workDone: '更换水龙头阀芯，试水无渗漏。', materials: '阀芯 1 个', cost: 35, photos: { files: ['完工照片.pdf'] } });
    await inState(company, '已完工');

    // The company's list of repairs: category, urgency and worker as columns.
    await goto(company.page, app.url, '/workspace/cases?type=repair');
    await waitForText(company.page, number);
    const row = await rowOf(company, number);
    for (const v of ['水电', '一般', '锦绣花园', '101', '陈师傅']) expect(row).toContain(v);
    await screenshot(company.page, '24-repair-list-company');

    await openCase(zhang, caseId, '确认完工并评价');
    await decide(zhang, '确认完工并评价', { score: 5, opinion: '维修及时，师傅态度好。' });
    await waitForText(zhang.page, '已评价');
    const view = (await (await app.login(ZHANG.idNumber, OWNER_PASSWORD)).get(`/api/cases/${caseId}`)).body;
    expect(view).toMatchObject({ state: 'rated', status: 'closed', data: { dispatch: { worker: '陈师傅' }, completion: { cost: 35 }, rating: { score: 5 } } });
    expect(view.attachments).toHaveLength(2); // the owner's photo and the completion photo
    await screenshot(zhang.page, '25-repair-rated');
  }, 180_000);

  it('统计分析: the reviewer sees complaints and repairs by company with the ratings, as charts', async () => {
    const reviewer = await reviewerSession();
    await goto(reviewer.page, app.url, '/dashboard');
    for (const title of ['物业服务投诉（按承办企业）', '物业报修（按物业服务企业）']) {
      await waitForText(reviewer.page, title);
      // The panel holds a drawn chart (a canvas) and the company in its table.
      await reviewer.page.waitForFunction((t) => [...document.querySelectorAll('section.panel')]
        .some((p) => p.querySelector('.panel-title')?.textContent === t && p.querySelector('.echart canvas') && p.textContent?.includes('佛山市安居物业服务有限公司')), { timeout: 20_000 }, title);
    }
    expect(await bodyText(reviewer.page)).toContain('导出统计表（Excel）');
    await screenshot(reviewer.page, '26-dashboard-services');
  }, 60_000);
});
