// Rough edges 2 and 9 of issue 14, as the developer meets them in a real browser: a refused
// 保存并提交 of 物业区域备案 says which upload is missing (「建设工程规划许可证」第 1 项未上传文件), its
// error summary never shows a raw path (`.residentialArea 住宅面积…`), and a failed validation
// logs no console.error ("Form validation failed [array Array]").
// Every wait is for a condition, with room for a loaded machine; nothing sleeps.
import { describe, expect, it } from 'vitest';
import type { ConsoleMessage, Page } from 'puppeteer-core';
import { goto, hasChromium, press, screenshot, useBrowserApp } from '../helpers/browser.js';
import { exampleWithFiles } from '../helpers/filings-a.js';
import { DEVELOPER } from '../helpers/services.js';

const WAIT = 45_000;
/** A path as rjsf writes it (".residentialArea", ".attachments.planningPermit"), at a word's start. */
const RAW_PATH = /(^|\s)\.[a-zA-Z]/;

/** The console.error calls of the page while `run` runs. */
async function consoleErrorsDuring(page: Page, run: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  // The browser's own line for a refused request ("Failed to load resource: … 400") is no
  // console.error call of the page: a 400 FORM_INVALID is the answer expected here.
  const listen = (m: ConsoleMessage) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); };
  page.on('console', listen);
  try {
    await run();
  } finally {
    page.off('console', listen);
  }
  return errors;
}

/** The error summary above the form, once it shows (its text). */
async function errorSummary(page: Page): Promise<string> {
  const shown = await page.waitForFunction(() => (document.querySelector('.form-error-list') as HTMLElement | null)?.innerText || false, { timeout: WAIT });
  return String(await shown.jsonValue());
}

describe.skipIf(!hasChromium())('粗糙之处：校验提示（浏览器）', () => {
  const b = useBrowserApp();

  it('保存并提交 an empty 物业区域备案: 「…」第 1 项未上传文件 for each required upload, no raw path, no console.error', async () => {
    const dev = await b.as('开发商', DEVELOPER);
    await goto(dev.page, b.app.url, '/workspace/new/area-filing');
    await dev.page.waitForSelector('#root_projectName', { timeout: WAIT });
    let summary = '';
    const logged = await consoleErrorsDuring(dev.page, async () => {
      await press(dev.page, '.form-actions button', '保存并提交');
      summary = await errorSummary(dev.page);
    });
    for (const upload of ['建设工程规划许可证', '竣工验收备案证明', '物业区域平面图']) expect(summary).toContain(`「${upload}」第 1 项未上传文件`);
    expect(summary).not.toContain('应为文本');
    expect(summary.split('\n').filter((line) => RAW_PATH.test(line))).toEqual([]);
    expect(logged).toEqual([]);
    // Refused in the browser: nothing was created, no confirmation asked.
    expect(new URL(dev.page.url()).pathname).toBe('/workspace/new/area-filing');
    expect(await dev.page.$('[role="dialog"][aria-modal="true"]')).toBeNull();
    await screenshot(dev.page, 'validation-missing-uploads');
  });

  it('保存并提交 refused by the server (住宅+非住宅 > 总建筑面积): the rule\'s message without `.residentialArea`, no console.error', async () => {
    const api = await b.app.login(DEVELOPER);
    const schema = (await api.get('/api/types/area-filing')).body.schema;
    const data = await exampleWithFiles(api, schema);
    const created = await api.post('/api/cases', { type: 'area-filing', data: { ...data, residentialArea: Number(data.totalBuildingArea) + 1000 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const dev = await b.as('开发商', DEVELOPER);
    await goto(dev.page, b.app.url, `/workspace/cases/${created.body.id}`);
    await dev.page.waitForSelector('#root_residentialArea', { timeout: WAIT });
    let summary = '';
    const logged = await consoleErrorsDuring(dev.page, async () => {
      // The browser's checks pass (the sum is a rule of the server's): confirm, then the server refuses.
      await press(dev.page, '.form-actions button', '保存并提交');
      await dev.page.waitForSelector('[role="dialog"][aria-modal="true"] .modal-foot', { timeout: WAIT });
      await press(dev.page, '[role="dialog"] .modal-foot button.btn-primary', '确认');
      summary = await errorSummary(dev.page);
    });
    expect(summary).toContain('住宅面积与非住宅面积之和不能超过总建筑面积');
    expect(summary).not.toContain('residentialArea');
    expect(summary.split('\n').filter((line) => RAW_PATH.test(line))).toEqual([]);
    expect(logged).toEqual([]);
    const still = await api.get(`/api/cases/${created.body.id}`);
    expect(still.body.state).toBe('draft');
    await screenshot(dev.page, 'validation-server-rule');
  });
});
