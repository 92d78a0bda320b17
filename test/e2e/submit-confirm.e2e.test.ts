// Rough edge 7 of issue 14: 提交 asks first. A click that hands the case over (保存并提交 of a
// filing) opens a confirmation in the page — a modal dialog that names the business and where the
// case goes, keeps the keyboard inside, closes with 取消 or Esc and gives the focus back to the
// button — and only 确认提交 sends it. 保存 of a register entry, which stays editable, asks nothing.
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { click, goto, hasChromium, openSession, portalLogin, press, screenshot, submitAndConfirm, useBrowserApp, waitForText } from '../helpers/browser.js';
import { exampleDraft, idNumber } from '../helpers/filings-a.js';
import { COMPANY, DEVELOPER } from '../helpers/services.js';

const LONG = { timeout: 45_000 };

/** The open dialog as assistive technology meets it, and whether the focus is inside it. */
const dialogSeen = (page: Page) => page.evaluate(() => {
  const d = document.querySelector('[role="dialog"]');
  if (!d) return null;
  const byId = (attr: string) => document.getElementById(d.getAttribute(attr) ?? '')?.textContent?.replace(/\s+/g, '');
  return {
    modal: d.getAttribute('aria-modal'),
    title: byId('aria-labelledby'),
    text: byId('aria-describedby'),
    buttons: [...d.querySelectorAll('.modal-foot button')].map((b) => b.textContent),
    focusInside: d.contains(document.activeElement),
  };
});
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim());
const dialogOpen = (page: Page) => page.waitForSelector('[role="dialog"] .modal-foot', LONG);
const dialogClosed = (page: Page) => page.waitForFunction(() => !document.querySelector('[role="dialog"]'), LONG);

describe.skipIf(!hasChromium())('提交前确认（浏览器）', () => {
  const b = useBrowserApp();

  /** A complete 物业区域备案 draft of the developer, made through the API. */
  const areaDraft = async () => exampleDraft(await b.app.login(DEVELOPER), 'area-filing');
  const stateOf = async (id: number) => (await (await b.app.login(DEVELOPER)).get(`/api/cases/${id}`)).body.state as string;

  it('保存并提交 opens 确认提交; 取消 and Esc keep the draft and give the focus back; 确认提交 submits', async () => {
    const draft = await areaDraft();
    const dev = await b.as('开发商', DEVELOPER);
    await goto(dev.page, b.app.url, `/workspace/cases/${draft.id}`);
    await dev.page.waitForSelector('.form-actions');
    await waitForText(dev.page, '保存并提交');

    await click(dev.page, '.form-actions button', '保存并提交');
    await dialogOpen(dev.page);
    const seen = await dialogSeen(dev.page);
    expect(seen).toMatchObject({ modal: 'true', title: '确认提交', buttons: ['取消', '确认提交'], focusInside: true });
    for (const part of ['提交后', '物业区域备案', draft.number, '待受理', '不能再修改', '确定提交吗']) expect(seen!.text).toContain(part);
    // 取消 has the focus: Enter on an opened confirmation does not submit by itself.
    expect(await focusedText(dev.page)).toBe('取消');
    // Tab and Shift+Tab go round the dialog's buttons and never leave it.
    const visited = new Set<string>();
    for (let i = 0; i < 4; i++) {
      await dev.page.keyboard.press('Tab');
      expect((await dialogSeen(dev.page))!.focusInside).toBe(true);
      visited.add((await focusedText(dev.page)) ?? '');
    }
    for (let i = 0; i < 4; i++) {
      await dev.page.keyboard.down('Shift');
      await dev.page.keyboard.press('Tab');
      await dev.page.keyboard.up('Shift');
      expect((await dialogSeen(dev.page))!.focusInside).toBe(true);
    }
    expect([...visited].sort()).toEqual(['×', '取消', '确认提交'].sort());
    await screenshot(dev.page, 'submit-confirm-1366', false);

    await click(dev.page, '[role="dialog"] .modal-foot button', '取消');
    await dialogClosed(dev.page);
    expect(await focusedText(dev.page)).toBe('保存并提交');
    expect(await stateOf(draft.id)).toBe('draft');

    // The keyboard alone: Enter on the focused button opens it again, Esc closes it.
    await dev.page.keyboard.press('Enter');
    await dialogOpen(dev.page);
    await dev.page.keyboard.press('Escape');
    await dialogClosed(dev.page);
    expect(await focusedText(dev.page)).toBe('保存并提交');
    expect(await stateOf(draft.id)).toBe('draft');

    await press(dev.page, '.form-actions button', '保存并提交');
    await dialogOpen(dev.page);
    await press(dev.page, '[role="dialog"] .modal-foot button', '确认提交');
    await waitForText(dev.page, '已保存并提交');
    await waitForText(dev.page, '待受理');
    expect(await stateOf(draft.id)).toBe('submitted');
    const history = (await (await b.app.login(DEVELOPER)).get(`/api/cases/${draft.id}`)).body.history as Array<{ event: string }>;
    expect(history.filter((h) => h.event === 'SUBMIT')).toHaveLength(1);
    expect(dev.errors).toEqual([]);
  }, 180_000);

  it('on a phone (390 × 844) the dialog fits the screen, its buttons in view; 确认提交 submits', async () => {
    const draft = await areaDraft();
    const phone = await openSession(b.browser, b.app.url, 390, 844);
    try {
      await portalLogin(phone.page, b.app.url, '开发商', DEVELOPER);
      await goto(phone.page, b.app.url, `/workspace/cases/${draft.id}`);
      await phone.page.waitForSelector('.form-actions');
      await press(phone.page, '.form-actions button', '保存并提交');
      await dialogOpen(phone.page);
      const fit = await phone.page.evaluate(() => {
        const box = document.querySelector('[role="dialog"]')!.getBoundingClientRect();
        const buttons = [...document.querySelectorAll('[role="dialog"] .modal-foot button')].map((el) => el.getBoundingClientRect());
        const inView = (r: DOMRect) => r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight;
        return { dialog: inView(box), buttons: buttons.every(inView), pageWidth: document.documentElement.scrollWidth };
      });
      expect(fit).toEqual({ dialog: true, buttons: true, pageWidth: 390 });
      await screenshot(phone.page, 'submit-confirm-390', false);
      await press(phone.page, '[role="dialog"] .modal-foot button', '取消');
      await dialogClosed(phone.page);

      await submitAndConfirm(phone.page);
      await waitForText(phone.page, '已保存并提交');
      expect(await stateOf(draft.id)).toBe('submitted');
    } finally {
      await phone.context.close();
    }
  }, 180_000);

  it('保存 of a staff entry, which stays editable (在职), saves at once without asking', async () => {
    const api = await b.app.login(COMPANY);
    const type = (await api.get('/api/types/personnel')).body;
    // Another person than the example's (who may be on the staff already).
    const created = await api.post('/api/cases', { type: 'personnel', data: { ...type.schema.examples[0], idNumber: idNumber('44060419900307125') } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const company = await b.as('物业公司', COMPANY);
    await goto(company.page, b.app.url, `/workspace/cases/${created.body.id}`);
    await company.page.waitForSelector('.form-actions');
    // 保存 exactly (保存草稿 is the other button).
    await company.page.waitForFunction(() => {
      const save = [...document.querySelectorAll<HTMLButtonElement>('.form-actions button')].find((el) => el.innerText.trim() === '保存' && !el.disabled);
      save?.click();
      return !!save;
    }, LONG);
    // Had it asked, nothing would be saved until 确认: the note proves it went straight through.
    await waitForText(company.page, '已保存，业务编号');
    expect(await company.page.$('[role="dialog"]')).toBeNull();
    expect((await api.get(`/api/cases/${created.body.id}`)).body.state).toBe('active');
  }, 120_000);
});
