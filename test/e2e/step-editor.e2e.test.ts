// 流程设计 by clicks only (the JSON tab is never opened): the administrator creates 联合审查备案 with
// a generated id and a 总面积 number field, then builds in the step editor a 受理 step whose decision
// branches on 总面积 ≥ 1000 (条件分支), a 退回补正 back to the first step, a 3-day timer that
// escalates to 逾期督办, and 联合审查: two branches side by side (并行审批, 房管 and 消防) that join
// into 已备案. Published, a developer files it and every path is driven through the inbox: small
// area straight to 已备案, large area through both countersigns, 退回补正 back to 草稿, and the
// timer (made due in the database, as the engine's own tests do) to 逾期督办 and back.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import type { Client, TestApp } from '../helpers/app.js';
import { decide, goto, hasChromium, openFromInbox, openSession, portalLogin, screenshot, setValue, submitAndConfirm, useBrowserApp, waitForText, type Session } from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';
import { createTypeInConsole, openConsole, press } from '../helpers/console.js';

const DEVELOPER = '91440604MA4UJ5RW2R';
const LONG = { timeout: 45_000 };

/** The 总面积 field's identifier as the console generates it from the title (pinyin-pro). */
const AREA = 'zongMianJi';

describe.skipIf(!hasChromium())('流程设计：会签、期限、条件分支与退回，全部点选（浏览器）', () => {
  const b = useBrowserApp();
  let app: TestApp;
  let browser: Browser;
  beforeAll(() => { ({ app, browser } = b); });
  let admin: Session;
  let type = '';

  const page = () => admin.page;
  const tap = async (selector: string) => { await page().waitForSelector(selector); await page().$eval(selector, (el) => (el as HTMLElement).click()); };
  const valueOf = (selector: string) => page().$eval(selector, (el) => (el as HTMLInputElement).value);
  const waitValue = (selector: string, value: string) => page().waitForFunction((s, v) => (document.querySelector(s) as HTMLInputElement | null)?.value === v, LONG, selector, value);
  const lintClean = () => page().waitForFunction(() => document.querySelector('.lint-state')?.textContent?.includes('检查通过'), LONG);

  it('creates 联合审查备案 with a generated id and a 总面积 number field', async () => {
    admin = await openConsole(browser, app.url);
    type = await createTypeInConsole(page(), '联合审查备案', { generated: 'lian-he-shen-cha-bei-an' });

    await setValue(page(), '#add-field-kind', 'number');
    await tap('#add-field');
    await page().waitForSelector('#fe-title');
    await setValue(page(), '#fe-title', '总面积');
    // The identifier is generated from the title (pinyin), not typed.
    await waitValue('#fe-name', AREA);
    await page().waitForSelector(`.field-item[data-field="${AREA}"]`, LONG);
  }, 180_000);

  it('builds the steps by clicks: 条件分支 on 总面积, 退回 to the start, a 3-day timer, 并行审批 that joins', async () => {
    await press(page(), '.editor-tabs .tab', '流程设计');
    await page().waitForSelector('#step-1-title');
    await setValue(page(), '#step-1-title', '已备案');

    // 待受理 (key from the title), 逾期督办, 联合审查: added before the final step.
    for (const [i, title] of [[1, '待受理'], [2, '逾期督办'], [3, '联合审查']] as const) {
      await tap('#add-step');
      await waitValue(`#step-${i}-title`, '新环节');
      await setValue(page(), `#step-${i}-title`, title);
    }
    await waitValue('#step-1-key', 'submitted');
    const overdue = await valueOf('#step-2-key');
    const joint = await valueOf('#step-3-key');
    expect([overdue, joint]).toEqual(['yuQiDuBan', 'lianHeShenCha']);

    // 待受理: the clerk accepts (by area) or returns it to the applicant's draft.
    await setValue(page(), '#step-1-task', '受理');
    await tap('#step-1-add-decision');
    await waitValue('#step-1-dec-0-title', '受理');
    await tap('#step-1-add-decision');
    await waitValue('#step-1-dec-1-title', '退回补正');
    await setValue(page(), '#step-1-dec-1-target', 'draft');
    await tap('#step-1-dec-0-add-condition');
    await page().waitForSelector('#step-1-dec-0-c0-value');
    expect(await valueOf('#step-1-dec-0-c0-field')).toBe(`data.${AREA}`);
    await setValue(page(), '#step-1-dec-0-c0-op', '>=');
    await setValue(page(), '#step-1-dec-0-c0-value', '1000');
    await page().waitForFunction(() => document.querySelector('#step-1-dec-0-sentence')?.textContent?.includes('「总面积」大于或等于 1000'), LONG);

    // 3 days without a decision: 逾期督办, where the reviewer urges the clerk.
    await tap('#step-1-add-timer');
    await waitValue('#step-1-timer-0-days', '3');
    await setValue(page(), '#step-1-timer-0-target', overdue);
    await setValue(page(), '#step-2-role', 'reviewer');
    await setValue(page(), '#step-2-task', '督办');
    await tap('#step-2-add-decision');
    await page().waitForSelector('#step-2-dec-0-title');
    await setValue(page(), '#step-2-dec-0-title', '督促受理');
    await setValue(page(), '#step-2-dec-0-target', 'submitted');

    // 联合审查: nobody acts on it itself; two branches at once, each a countersign, then 已备案.
    await setValue(page(), '#step-3-kind', 'auto');
    await page().waitForSelector('#step-3-layout');
    await setValue(page(), '#step-3-layout', 'parallel');
    await page().waitForSelector('#step-3-sub-1-sub-0-role');
    await setValue(page(), '#step-3-sub-0-title', '房管审查');
    await setValue(page(), '#step-3-sub-1-title', '消防审查');
    for (const [r, role, task] of [[0, 'clerk', '房管会签'], [1, 'reviewer', '消防会签']] as const) {
      const at = `#step-3-sub-${r}-sub-0`;
      await setValue(page(), `${at}-role`, role);
      await setValue(page(), `${at}-task`, task);
      await tap(`${at}-add-decision`);
      await page().waitForSelector(`${at}-dec-0-preset`);
      await setValue(page(), `${at}-dec-0-preset`, 'APPROVE');
      await setValue(page(), `${at}-dec-0-target`, 'done');
    }
    await setValue(page(), '#step-3-done-target', 'done');

    // Where the decisions lead: submit → 待受理; 受理 → 联合审查 when ≥ 1000, otherwise 已备案.
    await setValue(page(), '#step-0-dec-0-target', 'submitted');
    await setValue(page(), '#step-1-dec-0-target', joint);
    await setValue(page(), '#step-1-dec-0-b1-target', 'done');
    await lintClean();

    // The diagram shows each of them, the start at the left.
    await page().waitForFunction(() => {
      const labels = [...document.querySelectorAll('.wf-edge-label text')].map((t) => t.textContent ?? '');
      const nodes = [...document.querySelectorAll('.wf-node text, .wf-group text')].map((t) => t.textContent ?? '');
      return labels.some((l) => l.startsWith('期满（3天）')) && labels.some((l) => l.includes('（有条件）')) && labels.includes('完成')
        && nodes.includes('联合审查（同时办理）') && nodes.includes('房管审查') && !nodes.includes('新环节') && nodes.includes('已备案');
    }, LONG);
    const xs = await page().$$eval('.wf-node', (ns) => ns.map((n) => ({ t: n.querySelector('text')?.textContent, x: (n.querySelector('rect') as SVGRectElement).getBBox().x })));
    const start = xs.find((n) => n.t === '草稿')!.x;
    expect(xs.every((n) => n.x >= start)).toBe(true);
    await page().focus('#step-1-title');
    await screenshot(page(), 'admin-step-editor-branches');
    await page().focus('#step-3-sub-0-title');
    await page().$eval('#step-3-layout', (el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page(), 'admin-step-editor-parallel', false);

    await press(page(), '.editor-actions button', '发布');
    await press(page(), '.modal-foot button', '发布为版本 1');
    await waitForText(page(), '已发布为版本 1', 45_000);
  }, 300_000);

  // ---- filing and the inbox -------------------------------------------------------------------

  let dev: Client;
  const file = async (area: number) => {
    const created = await dev.post('/api/cases', { type, data: { district: '440604', [AREA]: area } });
    expect(created.body.id, JSON.stringify(created.body)).toBeTruthy();
    const sent = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    return { id: created.body.id as number, number: (await stateOf(created.body.id)).number };
  };
  const stateOf = async (id: number) => (await dev.get(`/api/cases/${id}`)).body as { state: string; status: string; number: string };
  const inbox = async (username: string) => {
    const s = await openSession(browser, app.url);
    s.page.setDefaultTimeout(45_000);
    await portalLogin(s.page, app.url, '管理部门', username);
    return s;
  };

  it('small area: the developer files it in the browser, the clerk accepts, it is 已备案 at once', async () => {
    dev = await app.login(DEVELOPER);
    const applicant = await openSession(browser, app.url);
    applicant.page.setDefaultTimeout(45_000);
    await portalLogin(applicant.page, app.url, '开发商', DEVELOPER);
    await goto(applicant.page, app.url, `/workspace/new/${type}`);
    await applicant.page.waitForSelector(`#root_${AREA}`);
    const def = (await dev.get(`/api/types/${type}`)).body;
    expect(await fillForm(applicant.page, def.schema, def.uiSchema, { district: '440604', [AREA]: 300 })).toEqual([]);
    await submitAndConfirm(applicant.page);
    await applicant.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), LONG);
    await waitForText(applicant.page, '待受理');
    const id = Number(new URL(applicant.page.url()).pathname.split('/').pop());
    await applicant.context.close();

    const clerk = await inbox('clerk1');
    const { number } = await stateOf(id);
    await openFromInbox(clerk, app.url, number);
    await decide(clerk, '受理', { opinion: '材料齐全，予以受理。' });
    expect(await stateOf(id)).toMatchObject({ state: 'done', status: 'closed' });
    await clerk.context.close();
  }, 180_000);

  it('large area: 受理 leads to 联合审查; it waits for both countersigns, then joins into 已备案', async () => {
    const c = await file(2400);
    const clerk = await inbox('clerk1');
    await openFromInbox(clerk, app.url, c.number);
    await decide(clerk, '受理', { opinion: '面积较大，转联合审查。' });
    expect((await stateOf(c.id)).state).toContain('lianHeShenCha');
    await openFromInbox(clerk, app.url, c.number);
    await decide(clerk, '审核通过', { opinion: '房管审查同意。' });
    const half = await stateOf(c.id);
    expect(half.state).toContain('lianHeShenCha');
    expect(half.status).not.toBe('closed');
    await clerk.context.close();

    const reviewer = await inbox('reviewer1');
    await openFromInbox(reviewer, app.url, c.number);
    await decide(reviewer, '审核通过', { opinion: '消防审查同意。' });
    expect(await stateOf(c.id)).toMatchObject({ state: 'done', status: 'closed' });
    await reviewer.context.close();
  }, 180_000);

  it('退回补正 takes it back to the first step, 草稿, where the developer can submit again', async () => {
    const c = await file(500);
    const clerk = await inbox('clerk1');
    await openFromInbox(clerk, app.url, c.number);
    await decide(clerk, '退回补正', { opinion: '材料不全，请一次性补正。', items_0: '补充房屋平面图' });
    await clerk.context.close();
    expect((await stateOf(c.id)).state).toBe('draft');
    const view = (await dev.get(`/api/cases/${c.id}`)).body;
    const again = await dev.post(`/api/cases/${c.id}/events`, { event: 'SUBMIT', version: view.version });
    expect(again.status).toBe(200);
    expect((await stateOf(c.id)).state).toBe('submitted');
  }, 120_000);

  it('3 days without 受理: the timer (due in 3 days) escalates to 逾期督办; the reviewer urges, it is back at 待受理', async () => {
    const c = await file(800);
    const { Timer } = app.engine.db.models;
    const timers = await Timer.findAll({ where: { caseId: c.id, status: 'pending' }, raw: true }) as unknown as Array<{ dueAt: Date }>;
    expect(timers).toHaveLength(1);
    const days = (new Date(timers[0].dueAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThanOrEqual(3);
    await Timer.update({ dueAt: new Date(Date.now() - 1000) }, { where: { caseId: c.id, status: 'pending' } });
    const until = Date.now() + 20_000;
    while ((await stateOf(c.id)).state !== 'yuQiDuBan' && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect((await stateOf(c.id)).state).toBe('yuQiDuBan');

    const reviewer = await inbox('reviewer1');
    await openFromInbox(reviewer, app.url, c.number);
    await decide(reviewer, '督促受理', { opinion: '请尽快受理。' });
    await reviewer.context.close();
    expect((await stateOf(c.id)).state).toBe('submitted');
  }, 120_000);
});
