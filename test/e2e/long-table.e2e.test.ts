// A long table in a real form, the way an applicant meets it: the developer's 房屋信息补充 draft
// holds 100 houses (saved through the API, as an import or another window would). The 房屋清单
// shows 50 rows at a time with a pager; the developer goes to page 2, corrects a room number
// there and 保存草稿; leaves a 楼栋 empty on page 2 and 保存并提交 from page 1: the form opens
// page 2 at the empty cell, the pager marks page 2, and from page 1 (the page picker) both that
// mark and the error list's link find the cell again; 添加一行 opens the new last page.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Client, TestApp } from '../helpers/app.js';
import { bodyText, click, goto, hasChromium, screenshot, useBrowserApp, waitForText, type Session } from '../helpers/browser.js';
import { DEVELOPER, SEEDED_AREA, exampleWithFiles } from '../helpers/filings-a.js';

const ROWS = 100;
const houses = Array.from({ length: ROWS }, (_, i) => ({
  building: `${Math.floor(i / 20) + 1}栋`, unit: '1单元', floor: (i % 20) + 1, room: `R${String(i + 1).padStart(3, '0')}`, buildingArea: 89.5, usage: '住宅',
}));

/** The row inputs of 房屋清单 on the page (one 楼栋 cell per row shown). */
const shownRows = (page: Page) => page.$$eval('#root_houses input[id$="_building"]', (els) => els.length);
const pagerText = (page: Page) => page.$eval('#root_houses nav.pager', (el) => (el as HTMLElement).innerText.replace(/\s+/g, ' '));
const value = (page: Page, id: string) => page.$eval(`#${id}`, (el) => (el as HTMLInputElement).value);
/** Waits until the keyboard focus is in the field with this id. */
const focusedOn = (page: Page, id: string) => page.waitForFunction((i) => document.activeElement?.id === i, { timeout: 5_000 }, id);

describe.skipIf(!hasChromium())('长表格分页（浏览器）', () => {
  const b = useBrowserApp();
  let app: TestApp;
  let api: Client;
  let dev: Session;
  let caseId = 0;
  beforeAll(() => { app = b.app; });

  it('the developer opens a draft with 100 houses: one page of 50 rows and a pager of 2 pages', async () => {
    api = await app.login(DEVELOPER);
    const schema = (await api.get('/api/types/house-supplement')).body.schema;
    const created = await api.post('/api/cases', { type: 'house-supplement', data: await exampleWithFiles(api, schema, { areaId: SEEDED_AREA, houses }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.id;

    dev = await b.as('开发商', DEVELOPER);
    await goto(dev.page, app.url, `/workspace/cases/${caseId}`);
    await dev.page.waitForSelector('#root_houses nav.pager');
    expect(await bodyText(dev.page)).toContain(`（共 ${ROWS} 行）`);
    expect(await shownRows(dev.page)).toBe(50);
    expect(await value(dev.page, 'root_houses_0_room')).toBe('R001');
    expect(await dev.page.$('#root_houses_50_room')).toBeNull();
    expect(await pagerText(dev.page)).toContain(`第 1–50 行，共 ${ROWS} 行`);
    const options = await dev.page.$$eval('#root_houses nav.pager select option', (os) => os.map((o) => o.textContent));
    expect(options).toEqual(['第 1 / 2 页', '第 2 / 2 页']);
  });

  it('下一页 shows rows 51 to 100 with their values', async () => {
    await click(dev.page, '#root_houses nav.pager button', '下一页');
    await dev.page.waitForSelector('#root_houses_50_room');
    expect(await shownRows(dev.page)).toBe(50);
    expect(await dev.page.$('#root_houses_0_room')).toBeNull();
    expect(await dev.page.$eval('#root_houses tbody td.col-index', (td) => td.textContent)).toBe('51');
    expect(await value(dev.page, 'root_houses_50_room')).toBe('R051');
    expect(await value(dev.page, 'root_houses_99_room')).toBe('R100');
    expect(await value(dev.page, 'root_houses_99_building')).toBe('5栋');
    expect(await pagerText(dev.page)).toContain(`第 51–100 行，共 ${ROWS} 行`);
    expect(await dev.page.$eval('#root_houses nav.pager select', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe('第 2 / 2 页');
  });

  it('a room number typed on page 2 is what 保存草稿 saves', async () => {
    await dev.page.click('#root_houses_59_room', { clickCount: 3 });
    await dev.page.keyboard.type('606');
    expect(await value(dev.page, 'root_houses_59_room')).toBe('606');
    await click(dev.page, '.form-actions button', '保存草稿');
    await waitForText(dev.page, '草稿已保存');
    const saved = (await api.get(`/api/cases/${caseId}`)).body.data;
    expect(saved.houses).toHaveLength(ROWS);
    expect(saved.houses[59]).toEqual({ ...houses[59], room: '606' });
    expect(saved.houses[58]).toEqual(houses[58]);
    expect(saved.houses[0]).toEqual(houses[0]);
    // The saved version is drawn again: still page 2, with the new value.
    await dev.page.waitForFunction(() => (document.getElementById('root_houses_59_room') as HTMLInputElement | null)?.value === '606');
  });

  it('an empty 楼栋 on page 2: 保存并提交 from page 1 opens page 2 at the cell, and the pager marks page 2', async () => {
    await dev.page.click('#root_houses_69_building', { clickCount: 3 });
    await dev.page.keyboard.press('Backspace');
    expect(await value(dev.page, 'root_houses_69_building')).toBe('');
    await click(dev.page, '#root_houses nav.pager button', '上一页');
    await dev.page.waitForSelector('#root_houses_0_room');
    expect(await dev.page.$('#root_houses_69_building')).toBeNull();

    await click(dev.page, '.form-actions button', '保存并提交');
    await waitForText(dev.page, '「楼栋」为必填项');
    await focusedOn(dev.page, 'root_houses_69_building');
    expect(await pagerText(dev.page)).toContain(`第 51–100 行，共 ${ROWS} 行`);
    const listed = await dev.page.$eval('.form-error-list', (el) => (el as HTMLElement).innerText);
    expect(listed).toContain('请修正以下 1 处填写问题');
    // The list names the row; beside the cell the message alone.
    expect(listed).toContain('「房屋清单」第 70 行：「楼栋」为必填项');
    expect(await dev.page.$eval('#root_houses_69_building', (el) => el.closest('td')?.className)).toContain('has-error');
    const marked = await dev.page.$$eval('#root_houses nav.pager .warn-text button', (bs) => bs.map((x) => x.getAttribute('aria-label')));
    expect(marked).toEqual(['第 2 页有填写问题，转到该页']);
    // Nothing was sent: the draft on the server is still a draft with the typed room.
    expect((await api.get(`/api/cases/${caseId}`)).body.state).toBe('draft');
    await screenshot(dev.page, '15-long-table-pager');
  });

  it('from page 1 (chosen in the page picker), the pager\'s mark and the error list\'s link open page 2 at the empty cell', async () => {
    const toPage1 = async () => {
      await dev.page.select('#root_houses nav.pager select', '0');
      await dev.page.waitForSelector('#root_houses_0_room');
      expect(await dev.page.$('#root_houses_69_building')).toBeNull();
    };
    await toPage1();
    await dev.page.click('#root_houses nav.pager .warn-text button');
    await dev.page.waitForSelector('#root_houses_69_building');
    expect(await pagerText(dev.page)).toContain(`第 51–100 行，共 ${ROWS} 行`);

    await toPage1();
    await click(dev.page, '.form-error-list button', '「楼栋」为必填项');
    await focusedOn(dev.page, 'root_houses_69_building');
    expect(await shownRows(dev.page)).toBe(50);
    expect(await pagerText(dev.page)).toContain(`第 51–100 行，共 ${ROWS} 行`);
  });

  it('添加一行 adds row 101 on a new last page', async () => {
    await click(dev.page, '#root_houses button', '添加一行');
    await dev.page.waitForSelector('#root_houses_100_building');
    expect(await shownRows(dev.page)).toBe(1);
    expect(await bodyText(dev.page)).toContain(`（共 ${ROWS + 1} 行）`);
    expect(await pagerText(dev.page)).toContain(`第 101–101 行，共 ${ROWS + 1} 行`);
    expect(await dev.page.$eval('#root_houses nav.pager select', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe('第 3 / 3 页');
    expect(dev.errors).toEqual([]);
  });
});
