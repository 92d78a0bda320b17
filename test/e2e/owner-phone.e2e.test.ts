// An owner's path on a phone (390 × 844), every step a tap: 业主注册 with a house of 锦绣花园 →
// login → 物业报修 with a photo → (the property company dispatches, arrives and completes: its part,
// through the API) → the owner finds the repair in 我的业务, confirms and rates it → the rating is
// shown. At each step the page is no wider than the screen and the key buttons are reachable. Then
// the case pages a phone shows: the inbox case's tabs all reachable from the left, and the tables
// (我的业务, 附件, 办理记录) scrolling in focusable regions without names broken per character.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { tinyPdf } from '../helpers/app.js';
import { bodyText, goto, hasChromium, pdfFile, screenshot, useBrowserApp, waitForText } from '../helpers/browser.js';
import { PHONE, expectFitsScreen, tableOnPhone, tap } from '../helpers/phone.js';
import { COMPANY, OWNERS, completeOk, givenContract, owner } from '../helpers/services.js';

const WANG = OWNERS.wang;
const PASSWORD = 'Wang#Fang2026';

/** 提交报修 on the new repair's form (kept in one place: a confirmation step may follow it). */
async function submitRepair(page: Page): Promise<void> {
  await tap(page, '.form-actions button', '提交报修');
  // The confirmation (确认提交报修) opens in the page; its button must be tappable on the phone too.
  await page.waitForSelector('[role="dialog"][aria-modal="true"] .modal-foot button.btn-primary');
  await tap(page, '[role="dialog"] .modal-foot button.btn-primary', '确认');
  await page.waitForFunction(() => !document.querySelector('[role="dialog"]'), { timeout: 45_000 });
}

/** Confirms the chosen decision on the case page's 办理 panel. */
async function confirmDecision(page: Page, title: string): Promise<void> {
  await tap(page, '.action-panel button', `确认${title}`);
}

/** Types into a field as a person does: tap it, then the keys. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const el = await page.waitForSelector(selector);
  await el!.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await el!.click();
  await page.keyboard.type(text);
}

/** The case page's tabs not wholly in sight (cut by the tab bar's edges or the screen's), by title. */
const tabsOutOfSight = (page: Page) => page.$eval('.tabs', (bar) => {
  const box = bar.getBoundingClientRect();
  const tabs = [...bar.querySelectorAll('[role=tab]')];
  const outOfSight = tabs.filter((t) => {
    const r = t.getBoundingClientRect();
    return r.left < Math.max(box.left, 0) - 1 || r.right > Math.min(box.right, window.innerWidth) + 1;
  }).map((t) => t.textContent);
  return { count: tabs.length, outOfSight };
});

describe.skipIf(!hasChromium())('业主的手机（390×844）：注册、报修、评价', () => {
  const b = useBrowserApp();
  beforeAll(async () => {
    // The area's service contract is filed: repairs go to 佛山市安居物业服务有限公司.
    await givenContract(b.app);
  });

  it('业主注册 → 登录 → 物业报修 → the company repairs → the owner rates it, every owner step a tap at 390 wide', async () => {
    const { context, page } = await b.anonymous();
    await page.setViewport(PHONE);
    await goto(page, b.app.url, '/');
    await expectFitsScreen(page, '首页');

    // 业主注册 from the portal's login box.
    await tap(page, '.login-tabs button', '业主');
    await tap(page, '.login-links a', '注册');
    await page.waitForSelector('#reg_idNumber');
    await page.waitForFunction(() => [...(document.getElementById('reg_areaId') as HTMLSelectElement | null)?.options ?? []].some((o) => o.text.includes('锦绣花园')));
    const area = await page.$eval('#reg_areaId', (el) => [...(el as HTMLSelectElement).options].find((o) => o.text.includes('锦绣花园'))!.value);
    await page.select('#reg_areaId', area);
    await typeInto(page, '#reg_building', WANG.building);
    await typeInto(page, '#reg_unit', WANG.unit);
    await typeInto(page, '#reg_room', WANG.room);
    await typeInto(page, '#reg_name', WANG.name);
    await typeInto(page, '#reg_idNumber', WANG.idNumber);
    await typeInto(page, '#reg_mobile', WANG.mobile);
    await typeInto(page, '#reg-password', PASSWORD);
    await typeInto(page, '#reg-confirm', PASSWORD);
    await page.$eval('.agreement-box', (el) => el.scrollTo(0, el.scrollHeight));
    await tap(page, 'label.check', '我已阅读并同意');
    await expectFitsScreen(page, '业主注册');
    await screenshot(page, 'owner-phone-1-register');
    await tap(page, '.form-actions button', '提交注册');
    await page.waitForSelector('.result-ok', { timeout: 30_000 });
    expect(await bodyText(page)).toContain(WANG.idNumber);
    await expectFitsScreen(page, '注册成功');

    // 登录 with the ID number, already filled in.
    await tap(page, 'a', '立即登录');
    await page.waitForSelector('#login-password');
    expect(await page.$eval('#login-username', (el) => (el as HTMLInputElement).value)).toBe(WANG.idNumber);
    await typeInto(page, '#login-password', PASSWORD);
    await Promise.all([page.waitForFunction(() => location.pathname === '/workspace'), tap(page, '.login-form button[type=submit]', '登录')]);
    await waitForText(page, '快捷入口');
    await expectFitsScreen(page, '工作台');

    // 物业报修: the house comes from the registration, the contact from the account.
    await tap(page, '.quick-card', '物业报修');
    await page.waitForSelector('#root_description');
    await page.waitForFunction((room) => (document.getElementById('root_room') as HTMLInputElement | null)?.value === room, {}, WANG.room);
    await page.waitForFunction((name) => (document.getElementById('root_contact_name') as HTMLInputElement | null)?.value === name, {}, WANG.name);
    await tap(page, '#root_location label', '户内');
    await page.select('#root_category', await page.$eval('#root_category', (el) => [...(el as HTMLSelectElement).options].find((o) => o.text === '水电')!.value));
    await tap(page, '#root_urgency label', '一般');
    const description = '卫生间地漏返水，地面积水。';
    await typeInto(page, '#root_description', description);
    const photo = await page.waitForSelector('#root_photos[type=file]');
    await (photo as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(pdfFile('地漏返水.pdf'));
    await page.waitForFunction(() => (document.querySelector('#root_photos')?.closest('.files-widget')?.querySelectorAll('.files-list li').length ?? 0) === 1);
    await expectFitsScreen(page, '物业报修');
    await screenshot(page, 'owner-phone-2-repair-form');
    await submitRepair(page);
    await page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname));
    await waitForText(page, '已提交报修');
    const caseId = Number(new URL(page.url()).pathname.split('/').pop());
    const number = (await page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();
    await page.waitForFunction(() => document.querySelector('.case-summary')?.textContent?.includes('待派单'));
    await expectFitsScreen(page, '已提交报修');

    // The company's part: dispatch, on site, done with a photo.
    const company = await b.app.login(COMPANY);
    await completeOk(company, number, 'DISPATCH', { worker: '陈师傅', workerPhone: '13500001111', opinion: '请 2 小时内到场。' });
    await completeOk(company, number, 'ARRIVE', { opinion: '已到场，地漏堵塞。' });
    const done = await company.upload('完工.pdf', tinyPdf('done'));
    await completeOk(company, number, 'COMPLETE', { workDone: '疏通地漏，更换防臭芯。', cost: 20, photos: [done.body.id] });

    // The owner finds it in 我的业务 and opens it.
    await goto(page, b.app.url, '/workspace/cases');
    await page.waitForSelector('.grid-table tbody tr');
    await expectFitsScreen(page, '我的业务');
    await screenshot(page, 'owner-phone-3-my-cases');
    await tap(page, '.grid-table tbody a', number);
    await page.waitForFunction((id) => location.pathname === `/workspace/cases/${id}`, {}, caseId);
    await waitForText(page, '确认完工并评价');
    await expectFitsScreen(page, '已完工的报修');

    // 确认完工并评价: 5 points and a word.
    await tap(page, '.segment', '确认完工并评价');
    await page.waitForFunction(() => [...document.querySelectorAll('.segment.on')].some((el) => el.textContent?.includes('确认完工并评价')));
    await typeInto(page, '[id^="decision_"][id$="_score"]', '5');
    const opinion = '师傅很快修好了，谢谢。';
    await typeInto(page, '[id^="decision_"][id$="_opinion"]', opinion);
    await expectFitsScreen(page, '评价');
    await screenshot(page, 'owner-phone-4-rate');
    await confirmDecision(page, '确认完工并评价');
    await waitForText(page, '已确认完工并评价');
    await page.waitForFunction(() => document.querySelector('.case-summary')?.textContent?.includes('已评价'));

    // The rating is shown on the case: the 业主评价 section and the 办理记录.
    await page.waitForFunction((o) => document.body.innerText.includes('业主评价') && document.body.innerText.includes(o), {}, opinion);
    const rating = await page.$$eval('input, textarea', (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(rating).toEqual(expect.arrayContaining(['5', opinion]));
    expect(await page.$eval('.grid-table.history', (el) => (el as HTMLElement).innerText)).toContain('确认完工并评价');
    // Its photos and steps (the company's long name among them) in tables that scroll, names unbroken.
    for (const table of ['#attachments .grid-table', '.grid-table.history']) {
      expect(await tableOnPhone(page, table), table).toEqual({ squeezed: [], numbers: [], focusable: true, scrolls: true });
    }
    await expectFitsScreen(page, '已评价');
    await screenshot(page, 'owner-phone-5-rated');
    const view = (await (await b.app.login(WANG.idNumber, PASSWORD)).get(`/api/cases/${caseId}`)).body;
    expect(view).toMatchObject({ state: 'rated', status: 'closed', data: { room: WANG.room, rating: { score: 5, opinion } } });
    await context.close();
  }, 240_000);

  it('390×844: the inbox case page shows every tab from the left; 我的业务, 附件 and 办理记录 scroll in focusable regions', async () => {
    // A complaint in the reviewer's inbox, with a photo (an attachment) and its 办理记录.
    const zhang = await owner(b.app, 'zhang');
    const file = await zhang.upload('楼道灯.pdf', tinyPdf('lamp'));
    const created = await zhang.post('/api/cases', { type: 'complaint', data: {
      areaId: 1, category: '维修不及时', subject: '2 号楼楼道灯坏了一个月无人修', attachments: [file.body.id],
      content: '2 号楼 3 至 6 层楼道灯损坏一个月，多次反映未处理。', contact: { name: '张伟', phone: '13622223333' },
    } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const reviewer = await b.as('管理部门', 'reviewer1');
    await reviewer.page.setViewport(PHONE);
    await goto(reviewer.page, b.app.url, `/inbox/cases/${created.body.id}`);
    await reviewer.page.waitForSelector('.tabs [role=tab]');
    await expectFitsScreen(reviewer.page, '待办业务');
    expect(await tabsOutOfSight(reviewer.page)).toEqual({ count: 4, outOfSight: [] });
    await screenshot(reviewer.page, 'phone-inbox-case-tabs', false);
    for (const [tab, table] of [['附件', '.tab-pane .grid-table'], ['办理记录', '.grid-table.history']] as const) {
      await tap(reviewer.page, '.tabs [role=tab]', tab);
      await reviewer.page.waitForSelector(table);
      expect(await tabsOutOfSight(reviewer.page), `${tab} open`).toEqual({ count: 4, outOfSight: [] });
      const shown = await tableOnPhone(reviewer.page, table);
      expect(shown, tab).toMatchObject({ squeezed: [], numbers: [], focusable: true });
      await expectFitsScreen(reviewer.page, `待办业务 ${tab}`);
      await screenshot(reviewer.page, `phone-inbox-case-${tab}`, false);
    }
    // With the diagram open (the 办理 panel moves below it) the tabs are still all in sight.
    await tap(reviewer.page, '.tabs [role=tab]', '流程图');
    await reviewer.page.waitForSelector('.wf-node');
    expect(await tabsOutOfSight(reviewer.page), '流程图 open').toEqual({ count: 4, outOfSight: [] });
    await expectFitsScreen(reviewer.page, '待办业务 流程图');
    await reviewer.page.setViewport({ width: 1366, height: 768 });

    // The owner's 我的业务 and case page on the phone.
    const owner1 = await b.as('业主', OWNERS.zhang.idNumber, 'Owner@2026x');
    await owner1.page.setViewport(PHONE);
    await goto(owner1.page, b.app.url, '/workspace/cases');
    await owner1.page.waitForSelector('.grid-table tbody tr');
    expect(await tableOnPhone(owner1.page, '.grid-table')).toEqual({ squeezed: [], numbers: [], focusable: true, scrolls: true });
    await expectFitsScreen(owner1.page, '我的业务');
    await goto(owner1.page, b.app.url, `/workspace/cases/${created.body.id}`);
    await owner1.page.waitForSelector('.grid-table.history');
    for (const table of ['#attachments .grid-table', '.grid-table.history']) {
      expect(await tableOnPhone(owner1.page, table), table).toMatchObject({ squeezed: [], numbers: [], focusable: true });
    }
    await expectFitsScreen(owner1.page, '业务详情');
    await screenshot(owner1.page, 'phone-owner-case');
    await owner1.page.setViewport({ width: 1366, height: 768 });
  }, 180_000);
});
