// Rough edges 1 and 3 of issue 14, as the developer meets them in a real browser: a draft saved
// with one malformed value points at that value only (once, no 为必填项 for the empty fields) and a
// fixed-line number is a phone; print buttons are offered only where the state allows a print.
import { describe, expect, it } from 'vitest';
import { bodyText, click, goto, hasChromium, screenshot, setValue, submitAndConfirm, useBrowserApp, waitForText } from '../helpers/browser.js';
import { exampleWithFiles } from '../helpers/filings-a.js';
import { DEVELOPER } from '../helpers/services.js';
import { tableOnPhone } from '../helpers/phone.js';
import type { Page } from 'puppeteer-core';

const PHONE_ERROR = '格式不正确，应为手机号码或带区号的固定电话';

/** The visible texts of the page's print buttons and links (打印…). */
const printButtons = (page: Page) => page.$$eval('a, button', (els) => els
  .filter((el) => (el as HTMLElement).offsetParent !== null && (el as HTMLElement).innerText.includes('打印'))
  .map((el) => (el as HTMLElement).innerText.trim()));

const count = (text: string, part: string) => text.split(part).length - 1;

describe.skipIf(!hasChromium())('粗糙之处：草稿校验与打印按钮（浏览器）', () => {
  const b = useBrowserApp();

  /** A developer's 物业区域备案 submitted through the API (待受理), for the clerk's pages. */
  async function submittedArea(): Promise<{ id: number; version: number }> {
    const api = await b.app.login(DEVELOPER);
    const schema = (await api.get('/api/types/area-filing')).body.schema;
    const created = await api.post('/api/cases', { type: 'area-filing', data: await exampleWithFiles(api, schema) });
    expect((await api.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version })).status).toBe(200);
    return created.body;
  }

  it('保存草稿 with a too-short landline shows that one error once, no 为必填项; a valid landline saves', async () => {
    const dev = await b.as('开发商', DEVELOPER);
    await goto(dev.page, b.app.url, '/workspace/new/area-filing');
    await dev.page.waitForSelector('#root_contactPhone');
    await setValue(dev.page, '#root_contactPhone', '0757-832');
    await click(dev.page, '.form-actions button', '保存草稿');
    await waitForText(dev.page, PHONE_ERROR);
    await dev.page.waitForNetworkIdle({ idleTime: 300 });
    const text = await bodyText(dev.page);
    // Once in the summary above the form (a link to the field), once under the field itself.
    expect(text).toContain('请修正以下 1 处填写问题');
    const where = await dev.page.evaluate((t) => [...document.querySelectorAll('*')]
      .filter((e) => e.children.length === 0 && e.textContent?.includes(t))
      .map((e) => (e.closest('.form-group, .field')?.querySelector('#root_contactPhone') ? 'field' : e.matches('button.linklike') ? 'summary' : e.outerHTML.slice(0, 200))), PHONE_ERROR);
    expect(where.sort()).toEqual(['field', 'summary']);
    expect(count(text, PHONE_ERROR)).toBe(2);
    expect(text).not.toMatch(/」为必填项/);
    // Only the phone is marked red: every field shown in error is (or holds) 联系电话.
    const red = await dev.page.$$eval('.has-error, [aria-invalid="true"]', (els) => els.map((e) => (e.id === 'root_contactPhone' || e.querySelector('#root_contactPhone') ? 'phone' : e.id || e.className)));
    expect(red.length).toBeGreaterThan(0);
    expect(red.filter((r) => r !== 'phone')).toEqual([]);
    expect(new URL(dev.page.url()).pathname).toBe('/workspace/new/area-filing');
    await screenshot(dev.page, 'rough-edges-draft-phone-error');

    await setValue(dev.page, '#root_contactPhone', '0757-83214567');
    await click(dev.page, '.form-actions button', '保存草稿');
    await dev.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), { timeout: 30_000 });
    await waitForText(dev.page, '草稿已保存');
    expect(await bodyText(dev.page)).not.toContain(PHONE_ERROR);
    const id = Number(new URL(dev.page.url()).pathname.split('/').pop());
    const saved = await (await b.app.login(DEVELOPER)).get(`/api/cases/${id}`);
    expect(saved.body.data.contactPhone).toBe('0757-83214567');
  });

  it('a draft offers no 打印; after 保存并提交 only 打印物业区域备案申请表, not 打印物业区域备案证明', async () => {
    const api = await b.app.login(DEVELOPER);
    const schema = (await api.get('/api/types/area-filing')).body.schema;
    const created = await api.post('/api/cases', { type: 'area-filing', data: await exampleWithFiles(api, schema) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dev = await b.as('开发商', DEVELOPER);
    await goto(dev.page, b.app.url, `/workspace/cases/${created.body.id}`);
    await dev.page.waitForSelector('.form-actions');
    await waitForText(dev.page, '保存草稿');
    expect(await bodyText(dev.page)).toContain('草稿');
    expect(await printButtons(dev.page)).toEqual([]);

    await submitAndConfirm(dev.page);
    await waitForText(dev.page, '待受理');
    await dev.page.waitForNetworkIdle({ idleTime: 300 });
    const prints = await printButtons(dev.page);
    expect(prints.some((p) => p.includes('打印物业区域备案申请表'))).toBe(true);
    expect(prints.filter((p) => p.includes('打印物业区域备案证明'))).toEqual([]);
    await screenshot(dev.page, 'rough-edges-submitted-prints');
  });

  it('the 流程图 tab shows every state, end states included, or scrolls to them (1366×768 and 390×844)', async () => {
    const area = await submittedArea();
    const clerk = await b.as('管理部门', 'clerk1');
    for (const [width, height] of [[1366, 768], [390, 844]]) {
      await clerk.page.setViewport({ width, height, isMobile: width < 500 });
      await goto(clerk.page, b.app.url, `/inbox/cases/${area.id}`);
      await click(clerk.page, '.tab', '流程图');
      await clerk.page.waitForSelector('.wf-node');
      // Each node lies inside the scroll box's scrollable area, the box inside the page (nothing
      // hides part of the diagram), and the page itself does not scroll sideways.
      const clip = await clerk.page.evaluate(() => {
        const box = document.querySelector('.wf-scroll') as HTMLElement;
        const b = box.getBoundingClientRect();
        const out = [...document.querySelectorAll('.wf-node')].map((n) => {
          const r = n.getBoundingClientRect();
          const inside = r.left >= b.left - 1 && r.right - b.left + box.scrollLeft <= box.scrollWidth + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
          return inside ? null : n.textContent;
        }).filter(Boolean);
        let hiddenBy: string | null = null;
        for (let el = box.parentElement; el && el !== document.body; el = el.parentElement) {
          const r = el.getBoundingClientRect();
          if (getComputedStyle(el).overflowX !== 'visible' && (b.right > r.right + 1 || b.left < r.left - 1)) hiddenBy = el.className;
        }
        return { out, hiddenBy, pageWider: document.documentElement.scrollWidth > window.innerWidth, boxRight: b.right, finals: document.querySelectorAll('.wf-final-ring').length, scrolls: box.scrollWidth > box.clientWidth + 1 };
      });
      await screenshot(clerk.page, `rough-edges-flow-${width}`);
      expect(clip.finals).toBeGreaterThan(0);
      expect(clip.boxRight).toBeLessThanOrEqual(width);
      // On a desktop screen the whole diagram is in view without scrolling; a phone scrolls it.
      if (width >= 1366) expect(clip.scrolls).toBe(false);
      expect({ out: clip.out, hiddenBy: clip.hiddenBy, pageWider: clip.pageWider }).toEqual({ out: [], hiddenBy: null, pageWider: false });
    }
    await clerk.page.setViewport({ width: 1366, height: 768 });
  });

  it('390×844: the inbox and 物业区域 register scroll sideways in a focusable region; numbers on one line, names not per character', async () => {
    await submittedArea(); // the inbox lists at least one case
    const clerk = await b.as('管理部门', 'clerk1');
    const anon = await b.anonymous();
    for (const [page, url, table] of [[clerk.page, '/inbox', '.inbox-table'], [anon.page, '/public/areas', '.public-table']] as const) {
      await page.setViewport({ width: 390, height: 844, isMobile: true });
      await goto(page, b.app.url, url);
      await page.waitForSelector(`${table} tbody tr`);
      const m = { ...await tableOnPhone(page, table), pageWider: await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth) };
      await screenshot(page, `rough-edges-390${url.replace(/\//g, '-')}`, false);
      expect(m, url).toEqual({ squeezed: [], numbers: [], focusable: true, scrolls: true, pageWider: false });
    }
    await clerk.page.setViewport({ width: 1366, height: 768 });
  });
});
