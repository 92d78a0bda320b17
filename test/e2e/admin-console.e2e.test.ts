// 管理控制台 in a real browser, the way the issue tells it: the administrator adds 装修备案 from
// nothing — the form in the visual field list (a conditional 结构安全鉴定报告 and a 施工人员 table),
// a two-step review in the step editor (受理 by the clerk within 3 days, 审核 by a reviewer, 不予备案
// with an opinion), an application print — simulates it to 已备案 and publishes it. A developer then
// files it and prints it, the clerk accepts it; the administrator publishes version 2 with a new
// required field; the reviewer approves the running case, which finishes on version 1, while a new
// case needs the field. All on one server, never restarted.
// Over 400 lines because it is one continuous walkthrough whose steps depend on each other.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import type { TestApp } from '../helpers/app.js';
import {
  bodyText, decide, goto, hasChromium, openFromInbox, openSession, pdfFile, portalLogin, screenshot, setValue, submitAndConfirm, useBrowserApp, waitForText, type Session,
} from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';
import { createTypeInConsole, openConsole, press } from '../helpers/console.js';

const DEVELOPER = '91440604MA4UJ5RW2R';
const TYPE = 'renovation-filing';
const LONG = { timeout: 45_000 };

describe.skipIf(!hasChromium())('管理控制台：零代码新建装修备案（浏览器）', () => {
  const b = useBrowserApp();
  let app: TestApp;
  let browser: Browser;
  beforeAll(() => { ({ app, browser } = b); });
  let admin: Session;
  let dev: Session;
  let number = '';
  let caseUrl = '';

  // ---- the console, step by step ---------------------------------------------------------------

  const page = () => admin.page;
  const tab = async (title: string) => {
    await press(page(), '.editor-tabs .tab', title);
    await page().waitForFunction((t) => document.querySelector('.editor-tabs .tab.on')?.textContent?.includes(t), LONG, title);
  };
  /**
   * A full-page screenshot of the console, waiting at most a few seconds for the network to settle
   * (the page never polls; a slow answer must not hold the test for the default timeout).
   */
  async function shot(p: Page, name: string) {
    p.setDefaultTimeout(8000);
    try { await screenshot(p, name); } finally { p.setDefaultTimeout(45_000); }
  }
  /** A DOM click on the element with this selector once it is there (no mouse: nothing can cover it). */
  const tap = async (selector: string) => { await page().waitForSelector(selector); await page().$eval(selector, (el) => (el as HTMLElement).click()); };
  const check = async (p: Page, selector: string, on = true) => {
    await p.waitForSelector(selector);
    if (await p.$eval(selector, (el) => (el as HTMLInputElement).checked) !== on) await p.$eval(selector, (el) => (el as HTMLInputElement).click());
  };
  /** The whole text of a JSON editor (CodeMirror draws only the lines in view: read its editor state). */
  const editorText = (selector: string) => page().$eval(selector, (el) => {
    const tile = (el as unknown as { cmTile?: { root?: { view?: { state: { doc: { toString(): string } } } } } }).cmTile;
    return tile?.root?.view?.state.doc.toString() ?? (el as HTMLElement).innerText;
  });
  /** The engine's check has answered for the latest edit (no request pending) and found no problem. */
  const lintClean = () => page().waitForFunction(() => document.querySelector('.lint-state')?.textContent?.includes('检查通过'), LONG);
  /** Adds a field of a kind through the field list and names it; its editor stays open. */
  async function addField(kind: string, title: string, name: string, required = true) {
    await setValue(page(), '#add-field-kind', kind);
    const before = await page().$$eval('.field-item', (l) => l.length);
    await tap('#add-field');
    await page().waitForFunction((n) => document.querySelectorAll('.field-item').length === n + 1 && !!document.querySelector('#fe-title'), LONG, before);
    await setValue(page(), '#fe-title', title);
    await setValue(page(), '#fe-name', name);
    await page().waitForSelector(`.field-item[data-field="${name}"] #fe-title`, LONG);
    if (required) await check(page(), '#fe-required');
  }

  it('only the administrator reaches the console: others see 403, the admin finds 系统管理 in the header', async () => {
    const clerk = await openSession(browser, app.url);
    await portalLogin(clerk.page, app.url, '管理部门', 'clerk1');
    await goto(clerk.page, app.url, '/admin');
    await waitForText(clerk.page, '无权访问');
    expect(await bodyText(clerk.page)).toContain('403');
    expect(await clerk.page.$('.mainnav a[href="/admin"]')).toBeNull();
    await screenshot(clerk.page, 'admin-403');
    await clerk.context.close();

    admin = await openConsole(browser, app.url, 1440, 900);
    await page().waitForSelector('.admin-types tr[data-type="area-filing"]');
    expect(await bodyText(page())).toContain('物业区域备案');
    await press(page(), '.admin-types tr[data-type="area-filing"] .type-toggle', '物业区域备案');
    await page().waitForSelector('#versions-area-filing');
    await shot(page(), 'admin-types-list');
  }, 120_000);

  it('creates 装修备案 and builds its form in the field list: a conditional report and a 施工人员 table', async () => {
    await createTypeInConsole(page(), '装修备案', { id: TYPE });

    await addField('text', '小区名称', 'areaName');
    await setValue(page(), '#fe-minLength', '2');
    await addField('text', '房号', 'room');
    await addField('date', '开工日期', 'startDate');
    await addField('boolean', '是否涉及承重结构', 'structural');
    await addField('attachments', '结构安全鉴定报告', 'safetyReport', false);
    await setValue(page(), '#fe-cond-mode', 'require');
    await page().waitForSelector('#fe-cond-0-field');
    await setValue(page(), '#fe-cond-0-field', 'structural');
    await setValue(page(), '#fe-cond-0-value', 'true');
    await page().waitForFunction(() => document.querySelector('.field-item[data-field="safetyReport"]')?.textContent?.includes('当「是否涉及承重结构」为“是”时必填'), LONG);

    await addField('table', '施工人员', 'workers');
    await setValue(page(), '#col-0-title', '姓名');
    await tap('#add-column');
    await page().waitForSelector('#col-1-title');
    await setValue(page(), '#col-1-title', '身份证号');
    await page().waitForFunction(() => (document.querySelector('#col-1-name') as HTMLInputElement | null)?.value === 'idNumber', LONG);
    await setValue(page(), '#col-1-format', 'idcard');
    await check(page(), '#col-1-required');
    await page().waitForFunction(() => document.querySelector('.field-item[data-field="workers"]')?.textContent?.includes('2 列'), LONG);

    // Keyboard: 开工日期 moves below 房号's neighbour and back, focus stays on the arrow.
    await page().focus('#move-down-startDate');
    await page().keyboard.press('Enter');
    await page().waitForFunction(() => [...document.querySelectorAll('.field-item')].map((e) => (e as HTMLElement).dataset.field).indexOf('startDate') === 4, LONG);
    expect(await page().evaluate(() => document.activeElement?.id)).toBe('move-down-startDate');
    await page().focus('#move-up-startDate');
    await page().keyboard.press('Enter');
    await page().waitForFunction(() => [...document.querySelectorAll('.field-item')].map((e) => (e as HTMLElement).dataset.field).indexOf('startDate') === 3, LONG);

    // The preview is the applicant's form: ticking 是 makes the report required, with the Chinese message.
    await page().waitForSelector('#preview_workers');
    await page().$eval('#preview_structural-0', (el) => (el as HTMLInputElement).click());
    await page().waitForFunction(() => document.querySelector('.designer-preview')?.textContent?.includes('「结构安全鉴定报告」'), LONG);
    await page().$eval('#preview_structural-1', (el) => (el as HTMLInputElement).click());
    await setValue(page(), '#preview_areaName', '锦绣花园');
    await setValue(page(), '#preview_room', '1栋1单元101');
    await tap('#use-as-example');
    await waitForText(page(), '已设为示例数据');
    await lintClean();
    await press(page(), '.field-item[data-field="safetyReport"] button', '编辑');
    await page().waitForSelector('#fe-cond-mode');
    await shot(page(), 'admin-form-editor');

    // The same form as JSON Schema: the condition is an if/then, the table an array of objects.
    await press(page(), '.subtabs button', '表单定义 JSON');
    await page().waitForSelector('#schema-json .cm-content');
    const json = await editorText('#schema-json .cm-content');
    for (const s of ['"if"', '"then"', '"safetyReport"', '"idcard"', '锦绣花园']) expect(json).toContain(s);
    // A JSON mistake is shown with its line and column and is not applied.
    await page().click('#schema-json .cm-content');
    await page().keyboard.down('Control');
    await page().keyboard.press('End');
    await page().keyboard.up('Control');
    await page().keyboard.type(',');
    await page().waitForFunction(() => /JSON 格式错误：第 \d+ 行第 \d+ 列/.test(document.querySelector('#schema-json .json-status')?.textContent ?? ''), LONG);
    await page().keyboard.press('Backspace');
    await page().waitForFunction(() => document.querySelector('#schema-json .json-status')?.textContent?.includes('JSON 格式正确'), LONG);
    await press(page(), '.subtabs button', '字段列表');

    await press(page(), '.editor-actions button', '保存草稿');
    await waitForText(page(), '草稿已保存');
  }, 240_000);

  it('sets 业务编号前缀, the title field and who may start it', async () => {
    await tab('基本设置');
    await setValue(page(), '#set-prefix', 'ZXBA');
    await setValue(page(), '#set-menu', '物业管理');
    await setValue(page(), '#set-title-field', '/room');
    await check(page(), '#set-starter-developer');
    await check(page(), '#set-col-areaName');
    await check(page(), '#set-col-room');
    await lintClean();
    await shot(page(), 'admin-settings');
  }, 60_000);

  it('builds the two-step review in the step editor; the diagram and the check follow every change', async () => {
    await tab('流程设计');
    await page().waitForSelector('#step-1-title');
    await setValue(page(), '#step-1-title', '已备案');

    // 待受理: the window clerk of the district, within 3 days.
    await tap('#add-step');
    await page().waitForFunction(() => (document.querySelector('#step-1-title') as HTMLInputElement | null)?.value === '新环节', LONG);
    await setValue(page(), '#step-1-title', '待受理');
    await page().waitForFunction(() => (document.querySelector('#step-1-key') as HTMLInputElement | null)?.value === 'submitted', LONG);
    await setValue(page(), '#step-1-role', 'clerk');
    await setValue(page(), '#step-1-scope', 'district');
    await setValue(page(), '#step-1-task', '受理');
    await setValue(page(), '#step-1-due', 'D');
    await page().waitForSelector('#step-1-due-unit');
    await setValue(page(), '#step-1-due', '3');
    await tap('#step-1-add-decision');
    await page().waitForSelector('#step-1-dec-0-preset');
    expect(await page().$eval('#step-1-dec-0-title', (el) => (el as HTMLInputElement).value)).toBe('受理');
    // A decision without a target is a problem the check shows at that step.
    await page().waitForFunction(() => document.querySelector('.step-card[data-step="submitted"]')?.textContent?.includes('没有去向'), LONG);

    // 待审核: a reviewer approves, or refuses with an opinion.
    await tap('#add-step');
    await page().waitForFunction(() => (document.querySelector('#step-2-title') as HTMLInputElement | null)?.value === '新环节', LONG);
    await setValue(page(), '#step-2-title', '待审核');
    await page().waitForFunction(() => (document.querySelector('#step-2-key') as HTMLInputElement | null)?.value === 'review', LONG);
    await setValue(page(), '#step-2-role', 'reviewer');
    await setValue(page(), '#step-2-task', '审核');
    await tap('#step-2-add-decision');
    await page().waitForSelector('#step-2-dec-0-preset');
    await setValue(page(), '#step-2-dec-0-preset', 'APPROVE');
    await tap('#step-2-add-decision');
    await page().waitForSelector('#step-2-dec-1-preset');
    await setValue(page(), '#step-2-dec-1-preset', 'REJECT');
    expect(await page().$eval('#step-2-dec-1-form', (el) => (el as HTMLSelectElement).value)).toBe('opinion-required');

    // 不予备案: a final step whose outcome is a refusal.
    await tap('#add-final-step');
    await page().waitForSelector('#step-4-title');
    await setValue(page(), '#step-4-title', '不予备案');
    await page().waitForFunction(() => (document.querySelector('#step-4-key') as HTMLInputElement | null)?.value === 'rejected', LONG);
    await setValue(page(), '#step-4-kind', 'final-rejected');

    // Where each decision leads.
    await setValue(page(), '#step-0-dec-0-target', 'submitted');
    await setValue(page(), '#step-1-dec-0-target', 'review');
    await tap('#step-1-add-decision');
    await page().waitForSelector('#step-1-dec-1-preset');
    expect(await page().$eval('#step-1-dec-1-title', (el) => (el as HTMLInputElement).value)).toBe('退回补正');
    await setValue(page(), '#step-1-dec-1-target', 'draft');
    await setValue(page(), '#step-2-dec-0-target', 'done');
    await setValue(page(), '#step-2-dec-1-target', 'rejected');
    await lintClean();
    await page().waitForFunction(() => document.querySelectorAll('.wf-node').length === 5 && [...document.querySelectorAll('.wf-node text')].some((t) => t.textContent === '待审核'), LONG);
    await page().focus('#step-1-title');
    await page().waitForSelector('.wf-node.current');
    await shot(page(), 'admin-step-editor');

    await press(page(), '.subtabs button', '流程 JSON');
    await page().waitForSelector('#workflow-json .cm-content');
    const json = await editorText('#workflow-json .cm-content');
    for (const s of ['"due": "P3D"', '"role": "reviewer"', '"form": "opinion-required"', '"target": "rejected"']) expect(json).toContain(s);
    await press(page(), '.subtabs button', '环节编辑');
  }, 240_000);

  it('writes the application print with a live preview on the example, and a PDF preview', async () => {
    await tab('打印模板');
    // Saving the draft completed the new type (completeBundle): its 申请表 is already written from the form.
    await page().waitForSelector('#print-source');
    await setValue(page(), '#print-title', '装修备案申请表');
    await page().waitForFunction(() => {
      const doc = (document.querySelector('.print-frame') as HTMLIFrameElement | null)?.srcdoc ?? '';
      return doc.includes('装修备案申请表') && doc.includes('锦绣花园') && doc.includes('ZXBA-');
    }, LONG);
    const popup = new Promise<void>((resolve) => browser.once('targetcreated', () => resolve()));
    const [pdf] = await Promise.all([
      page().waitForResponse((r) => r.url().endsWith('/api/admin/print-preview') && r.request().postData()?.includes('"format":"pdf"') === true, { timeout: 90_000 }),
      page().click('#print-pdf'),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await popup;
    for (const p of await browser.pages()) if (p !== page() && p.browserContext() === admin.context) await p.close();
    await lintClean();
    await shot(page(), 'admin-print-editor');
  }, 150_000);

  it('simulates it through to 已备案: the tasks, the decision forms, the end', async () => {
    await tab('模拟运行');
    const state = (t: string) => page().waitForFunction((x) => document.querySelector('#sim-state')?.textContent === x, LONG, t);
    await state('草稿');
    await tap('.sim-event-btn[data-event="SUBMIT"]');
    await state('待受理');
    const tasks = await page().$eval('.sim-tasks', (el) => (el as HTMLElement).innerText);
    for (const s of ['受理', '受理窗口', '案件所属区县', '3天', '退回补正']) expect(tasks).toContain(s);
    await tap('.sim-event-btn[data-event="ACCEPT"]');
    await page().waitForSelector('#sim-confirm');
    await tap('#sim-confirm');
    await state('待审核');
    await tap('.sim-event-btn[data-event="APPROVE"]');
    await page().waitForSelector('#sim-confirm');
    await tap('#sim-confirm');
    await state('已备案');
    await waitForText(page(), '流程已办结');
    await shot(page(), 'admin-simulator');
  }, 120_000);

  it('publishes it as version 1, listed with its versions', async () => {
    await press(page(), '.editor-actions button', '发布');
    await press(page(), '.modal-foot button', '发布为版本 1');
    await waitForText(page(), '已发布为版本 1', 45_000);
    await goto(page(), app.url, '/admin');
    await page().waitForSelector(`.admin-types tr[data-type="${TYPE}"]`);
    const row = await page().$eval(`.admin-types tr[data-type="${TYPE}"]`, (el) => (el as HTMLElement).innerText);
    expect(row).toContain('装修备案');
    expect(row).toContain('v1');
  }, 90_000);

  it('a developer files it through the generated form (with the report, since it touches the structure) and prints it', async () => {
    dev = await openSession(browser, app.url);
    dev.page.setDefaultTimeout(45_000);
    await portalLogin(dev.page, app.url, '开发商', DEVELOPER);
    await goto(dev.page, app.url, `/workspace/new/${TYPE}`);
    await dev.page.waitForSelector('#root_areaName');
    const type = (await (await app.login(DEVELOPER)).get(`/api/types/${TYPE}`)).body;
    expect(type.version).toBe(1);
    const data = {
      district: '440604', areaName: '锦绣花园', room: '3栋2单元502', startDate: '2026-03-01', structural: true,
      workers: [{ name: '李娜', idNumber: '11010519491231002X' }],
    };
    const skipped = await fillForm(dev.page, type.schema, type.uiSchema, data);
    expect(skipped).toEqual([]);
    // 是 makes the report required: it is uploaded (again if the browser dropped the first try).
    await dev.page.waitForSelector('#root_safetyReport[type=file]');
    for (let attempt = 0; attempt < 3; attempt++) {
      const input = await dev.page.$('#root_safetyReport[type=file]');
      await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(pdfFile('结构安全鉴定报告.pdf'));
      const done = await dev.page.waitForFunction(() => (document.getElementById('root_safetyReport')?.closest('.files-widget')?.querySelectorAll('.files-list li').length ?? 0) > 0, { timeout: 15_000 }).then(() => true, () => false);
      if (done) break;
    }
    await submitAndConfirm(dev.page);
    await dev.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), { timeout: 45_000 });
    await waitForText(dev.page, '已保存并提交');
    caseUrl = new URL(dev.page.url()).pathname;
    number = (await dev.page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();
    expect(number).toMatch(/^ZXBA-\d{4}-\d{6}$/);
    await waitForText(dev.page, '待受理');

    // 打印装修备案申请表: the link on the case page answers the PDF made from the admin's template.
    await dev.page.waitForSelector('a[href$="/print/application"]');
    const href = await dev.page.$eval('a[href$="/print/application"]', (a) => (a as HTMLAnchorElement).getAttribute('href')!);
    const printed = await dev.page.evaluate(async (u) => {
      const pdf = await fetch(u);
      const html = await fetch(`${u}?format=html`).then((r) => r.text());
      return { status: pdf.status, type: pdf.headers.get('content-type'), html };
    }, href);
    expect(printed.status).toBe(200);
    expect(printed.type).toContain('application/pdf');
    for (const s of ['装修备案申请表', number, '3栋2单元502', '李娜']) expect(printed.html).toContain(s);
  }, 150_000);

  it('the clerk accepts it; the admin publishes version 2 with a new required field in the console', async () => {
    const clerk = await openSession(browser, app.url);
    clerk.page.setDefaultTimeout(45_000);
    await portalLogin(clerk.page, app.url, '管理部门', 'clerk1');
    await openFromInbox(clerk, app.url, number);
    await decide(clerk, '受理', { opinion: '材料齐全，予以受理。' });
    await clerk.context.close();

    await goto(page(), app.url, `/admin/types/${TYPE}?tab=form`);
    await page().waitForSelector('.field-item[data-field="workers"]');
    await addField('text', '施工单位', 'contractor');
    await setValue(page(), '#fe-minLength', '2');
    await lintClean();
    await press(page(), '.editor-actions button', '发布');
    await press(page(), '.modal-foot button', '发布为版本 2');
    await waitForText(page(), '已发布为版本 2', 45_000);

    await goto(page(), app.url, `/admin/types/${TYPE}/diff?from=1&to=2`);
    await waitForText(page(), '字段「contractor」');
    await shot(page(), 'admin-version-diff');
  }, 150_000);

  it('the reviewer approves: the running case finishes on version 1; a new case needs the new field', async () => {
    const reviewer = await openSession(browser, app.url);
    reviewer.page.setDefaultTimeout(45_000);
    await portalLogin(reviewer.page, app.url, '管理部门', 'reviewer1');
    await openFromInbox(reviewer, app.url, number);
    await decide(reviewer, '审核通过', { opinion: '同意备案。' });
    await waitForText(reviewer.page, '已备案');
    await reviewer.context.close();
    const filed = (await (await app.login(DEVELOPER)).get(caseUrl.replace('/workspace', '/api'))).body;
    expect(filed).toMatchObject({ state: 'done', typeVersion: 1, status: 'closed' });

    await goto(dev.page, app.url, `/workspace/new/${TYPE}`);
    await dev.page.waitForSelector('#root_contractor');
    const type = (await (await app.login(DEVELOPER)).get(`/api/types/${TYPE}`)).body;
    expect(type.version).toBe(2);
    const skipped = await fillForm(dev.page, type.schema, type.uiSchema, {
      district: '440604', areaName: '锦绣花园', room: '5栋1单元101', startDate: '2026-04-01', structural: false, workers: [{ name: '王强', idNumber: '11010519491231002X' }],
    });
    expect(skipped).toEqual([]);
    await press(dev.page, '.form-actions button', '保存并提交');
    await waitForText(dev.page, '「施工单位」为必填项');

    await goto(page(), app.url, '/admin');
    await page().waitForSelector(`.admin-types tr[data-type="${TYPE}"]`);
    await press(page(), `.admin-types tr[data-type="${TYPE}"] .type-toggle`, '装修备案');
    await page().waitForSelector(`#versions-${TYPE}`);
    const versions = await page().$eval(`#versions-${TYPE}`, (el) => (el as HTMLElement).innerText);
    expect(versions).toMatch(/v1[\s\S]*已办结 1/);
    expect(versions).toContain('v2');
    await shot(page(), 'admin-types-versions');

    await goto(page(), app.url, '/admin/audit');
    await waitForText(page(), '发布新版本');
    const audit = await bodyText(page());
    for (const s of ['保存草稿', '发布为版本 1', '发布为版本 2', TYPE]) expect(audit).toContain(s);
    await shot(page(), 'admin-audit');
  }, 150_000);
});
