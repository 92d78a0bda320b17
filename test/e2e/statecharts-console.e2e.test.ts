// 管理控制台 with a pasted XState machine, in a real browser: the administrator pastes the parallel
// countersign from XState's examples, the problem list names what is missing and offers a fix for
// each; clicking the fixes makes the check pass; 模拟运行 lists both paths to the end (legal first,
// finance first) and replays one.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { ROOT_DIR } from '../../engine/config.js';
import type { TestApp } from '../helpers/app.js';
import { bodyText, goto, hasChromium, openSession, portalLogin, screenshot, useBrowserApp, type Session } from '../helpers/browser.js';

const TYPE = 'paste-countersign';
const LONG = { timeout: 45_000 };

describe.skipIf(!hasChromium())('管理控制台：粘贴的状态机（浏览器）', () => {
  const b = useBrowserApp();
  let app: TestApp;
  let browser: Browser;
  let admin: Session;
  beforeAll(async () => {
    ({ app, browser } = b);
    const workflow = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'test', 'fixtures', 'xstate-examples', 'countersign.json'), 'utf8'));
    const api = await app.login('admin');
    const saved = await api.request('PUT', `/api/admin/types/${TYPE}/draft`, {
      workflow, uiSchema: {}, prints: {},
      schema: { type: 'object', title: '会签', properties: { title: { type: 'string', title: '标题' } }, required: ['title'], examples: [{ title: '示例' }] },
      settings: { title: '粘贴的会签', numberPrefix: 'CSHQ', starters: ['developer'], titleField: '/title' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.problems.length).toBeGreaterThan(0);
    admin = await openSession(browser, app.url);
    await portalLogin(admin.page, app.url, '管理部门', 'admin');
  }, 120_000);

  it('the problem list names what is missing and its fixes make the check pass', async () => {
    const page = admin.page;
    await goto(page, app.url, `/admin/types/${TYPE}?tab=workflow`);
    await page.waitForSelector('.lint-state button', LONG);
    await page.$eval('.lint-state button', (el) => (el as HTMLElement).click());
    await page.waitForSelector('.problem-fix button', LONG);
    const text = await bodyText(page);
    expect(text).toContain('的事件 legal.approve 不能由待办发出');
    expect(text).toContain('没有名称');
    await screenshot(page, 'statecharts-fixes-1366');
    await page.setViewport({ width: 390, height: 844 });
    await screenshot(page, 'statecharts-fixes-390');
    await page.setViewport({ width: 1366, height: 768 });
    // Each click changes the workflow; the check runs again and the next fix appears.
    for (let i = 0; i < 12; i++) {
      const clicked = await page.$eval('.problem-fix button', (el) => { (el as HTMLElement).click(); return true; }).catch(() => false);
      if (!clicked) break;
      await page.waitForFunction(() => !document.querySelector('.lint-state')?.textContent?.includes('正在检查'), LONG);
      await new Promise((r) => setTimeout(r, 700)); // the check runs half a second after an edit
      await page.waitForFunction(() => !document.querySelector('.lint-state')?.textContent?.includes('正在检查'), LONG);
    }
    await page.waitForFunction(() => document.querySelector('.lint-state')?.textContent?.includes('检查通过'), LONG);
  });

  it('模拟运行 lists both paths to the end and replays one', async () => {
    const page = admin.page;
    await page.$eval('#tab-simulate', (el) => (el as HTMLElement).click());
    await page.waitForSelector('.sim-paths li', LONG);
    const paths = await page.$$eval('.sim-paths .sim-path-text', (l) => l.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ')));
    expect(paths.sort()).toEqual([
      'FINANCE_APPROVE → signing / legal / pending、signing / finance / approved → LEGAL_APPROVE → signed',
      'LEGAL_APPROVE → signing / legal / approved、signing / finance / pending → FINANCE_APPROVE → signed',
    ]);
    expect(await bodyText(page)).toContain('✓ 办结环节「signed」有路径到达');
    await page.$eval('.sim-paths button', (el) => (el as HTMLElement).click());
    await page.waitForFunction(() => document.body.innerText.includes('当前模拟走的就是这条'), LONG);
    expect(await page.$eval('#sim-state', (el) => el.textContent)).toBe('signed');
    await screenshot(page, 'statecharts-coverage-1366');
    await page.setViewport({ width: 390, height: 844 });
    await screenshot(page, 'statecharts-coverage-390');
  });
});
