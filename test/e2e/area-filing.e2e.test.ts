// 物业区域备案 in a real browser, the way the manual tells it: the developer logs in on the portal,
// opens 物业区域备案 from 快捷入口, fills the generated form and uploads the 要件, 保存并提交; the
// window clerk finds it by its business number (typed into the inbox search, then Enter) and
// returns it with a one-time notice; the developer reads the notice, corrects and resubmits; the
// clerk accepts, a reviewer approves, and the area is listed on the portal.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { bodyText, click, decide, goto, hasChromium, openFromInbox, screenshot, setValue, submitAndConfirm, useBrowserApp, waitForText, type Session } from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';
import { clerkDoes, createAndSubmit, exampleWithFiles } from '../helpers/filings-a.js';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../engine/config.js';

const DEVELOPER = '91440604MA4UJ5RW2R';
const PROJECT = `翠湖雅苑${Math.random().toString(36).slice(2, 6)}`;

describe.skipIf(!hasChromium())('物业区域备案（浏览器）', () => {
  const b = useBrowserApp();
  let app: TestApp;
  beforeAll(() => { app = b.app; });
  let dev: Session;
  let clerk: Session;
  let caseUrl = '';
  let number = '';

  it('the portal shows the platform with the city name and the login box', async () => {
    const anon = await b.anonymous();
    const text = await bodyText(anon.page);
    expect(text).toContain('佛山市物业管理公众服务平台');
    for (const tab of ['开发商', '物业公司', '业委会', '管理部门']) expect(text).toContain(tab);
    await screenshot(anon.page, '01-portal-home');
    await anon.page.setViewport({ width: 390, height: 844, isMobile: true });
    await screenshot(anon.page, '01b-portal-home-phone');
    await anon.context.close();
  });

  it('the developer logs in, opens 物业区域备案 from 快捷入口, fills the form with attachments and 保存并提交', async () => {
    dev = await b.as('开发商', DEVELOPER);
    expect(new URL(dev.page.url()).pathname).toBe('/workspace');
    await waitForText(dev.page, '快捷入口');
    await screenshot(dev.page, '03-workspace');
    await click(dev.page, '.quick-card', '物业区域备案');
    await dev.page.waitForSelector('#root_projectName');

    const type = (await (await app.login(DEVELOPER)).get('/api/types/area-filing')).body;
    const data = { ...type.examples[0], projectName: PROJECT, remarks: undefined };
    const skipped = await fillForm(dev.page, type.schema, type.uiSchema, data);
    expect(skipped).toEqual([]);
    await screenshot(dev.page, '04-new-case-form');

    await submitAndConfirm(dev.page);
    await dev.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), { timeout: 30_000 });
    await waitForText(dev.page, '已保存并提交');
    caseUrl = new URL(dev.page.url()).pathname;
    number = (await dev.page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();
    expect(number).toMatch(/^WYQY-\d{4}-\d{6}$/);
    expect(await bodyText(dev.page)).toContain('待受理');
    await dev.page.waitForSelector('.wf-node.current');
    await screenshot(dev.page, '05-case-page-submitted');
  });

  it('the clerk finds it by its business number and returns it with everything to correct', async () => {
    // Other filings waiting in the district, so the inbox (and later the dashboard) is not a list of one.
    const api = await app.login(DEVELOPER);
    const schema = (await api.get('/api/types/area-filing')).body.schema;
    for (const [i, name] of ['金沙湾花园', '南庄御景', '石湾新天地'].entries()) {
      const { created, submitted } = await createAndSubmit(api, 'area-filing', await exampleWithFiles(api, schema, { projectName: `${name}${PROJECT.slice(-4)}` }));
      expect(submitted.status).toBe(200);
      if (i === 2) expect((await clerkDoes(app, created.number, 'ACCEPT', { opinion: '予以受理。' })).status).toBe(200);
    }
    clerk = await b.as('管理部门', 'clerk1');
    expect(new URL(clerk.page.url()).pathname).toBe('/inbox');
    await waitForText(clerk.page, number);
    await screenshot(clerk.page, '06-inbox');
    await openFromInbox(clerk, app.url, number);
    await screenshot(clerk.page, '07-inbox-case');
    await decide(clerk, '退回补正', { opinion: '材料不全，请一次性补正。', items_0: '补充竣工验收备案证明原件扫描件' });
    expect(await bodyText(clerk.page)).toContain('退回补正');
  });

  it('the developer sees the one-time notice, corrects and resubmits', async () => {
    await goto(dev.page, app.url, caseUrl);
    await waitForText(dev.page, '退回补正通知（一次性告知）');
    const text = await bodyText(dev.page);
    expect(text).toContain('补充竣工验收备案证明原件扫描件');
    expect(text).toContain('材料不全，请一次性补正。');
    await screenshot(dev.page, '08-case-returned');
    await setValue(dev.page, '#root_remarks', '已补正竣工验收备案证明');
    await submitAndConfirm(dev.page);
    await waitForText(dev.page, '已保存并提交');
    await waitForText(dev.page, '待受理');
  });

  it('the clerk accepts, a reviewer approves, and the area is public on the portal', async () => {
    await openFromInbox(clerk, app.url, number);
    await decide(clerk, '受理', { opinion: '材料齐全，予以受理。' });

    const reviewer = await b.as('管理部门', 'reviewer1');
    await openFromInbox(reviewer, app.url, number);
    await decide(reviewer, '审核通过', { opinion: '同意备案。' });
    await waitForText(reviewer.page, '已备案');
    await click(reviewer.page, '.tab', '流程图');
    await reviewer.page.waitForSelector('.wf-node.current');
    await screenshot(reviewer.page, '09-case-approved-workflow');

    // The history says who did what, with the opinions.
    await goto(dev.page, app.url, caseUrl);
    await waitForText(dev.page, '同意备案。');
    const history = await dev.page.$eval('.grid-table.history', (el) => (el as HTMLElement).innerText);
    for (const step of ['创建', '保存并提交', '退回补正', '受理', '审核通过']) expect(history).toContain(step);

    const anon = await b.anonymous();
    await goto(anon.page, app.url, `/public/areas?q=${encodeURIComponent(PROJECT)}`);
    await waitForText(anon.page, PROJECT);
    expect(await bodyText(anon.page)).toContain('禅城区');
    await screenshot(anon.page, '10-public-areas');

    await goto(clerk.page, app.url, '/dashboard');
    await clerk.page.waitForSelector('.echart canvas');
    await waitForText(clerk.page, '物业区域备案');
    await screenshot(clerk.page, '11-dashboard');
  }, 120_000);

  it('房屋信息补充: the developer fills the house list from the downloaded Excel template with 导入 (an extra column is left out, with a warning)', async () => {
    const api = await app.login(DEVELOPER);
    const type = (await api.get('/api/types/house-supplement')).body;
    expect(type.id).toBe('house-supplement');
    await goto(dev.page, app.url, '/workspace/new/house-supplement');
    await dev.page.waitForSelector('#root_houses');
    // The template the 下载模版 button links to, filled in as a person would in Excel.
    const href = await dev.page.$eval('#root_houses a[download]', (a) => (a as HTMLAnchorElement).getAttribute('href')!);
    const template = (await api.get(href)).body as Buffer;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const item = type.schema.properties.houses.items.properties as Record<string, { title: string }>;
    const byTitle = new Map(Object.entries(item).map(([k, v]) => [v.title, k]));
    const rows = type.examples[0].houses as Array<Record<string, unknown>>;
    for (const r of rows) ws.addRow(header.map((h) => r[byTitle.get(h.replace(/^[*＊]+|[*＊]+$/g, '').trim()) ?? ''] ?? null));
    // A column of the developer's own, not in the template: left out, and the result box says so.
    ws.getRow(1).getCell(header.length + 1).value = '自用备忘';
    ws.getRow(2).getCell(header.length + 1).value = '已与销售台账核对';
    const file = path.join(ROOT_DIR, 'build', 'e2e-files', '房屋清单.xlsx');
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

    const input = await dev.page.$('#root_houses .excel-tools input[type=file]');
    await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(file);
    await waitForText(dev.page, `导入 ${rows.length} 行`);
    await waitForText(dev.page, '表头「自用备忘」不是模板中的列，该列已忽略');
    expect(await dev.page.$eval('#root_houses .import-result .import-warnings', (el) => el.textContent)).toContain('以下列未导入');
    expect(await dev.page.$$eval('#root_houses tbody tr', (trs) => trs.length)).toBe(rows.length);
    expect(await dev.page.$eval(`#root_houses_${rows.length - 1}_room`, (el) => (el as HTMLInputElement).value)).toBe(String(rows[rows.length - 1].room));
    await screenshot(dev.page, '13-excel-import');
  }, 60_000);

  it('a save that conflicts with another change keeps what was typed and offers to reload', async () => {
    const api = await app.login(DEVELOPER);
    const draft = (await api.post('/api/cases', { type: 'area-filing', data: { projectName: '并发测试小区' } })).body;
    await goto(dev.page, app.url, `/workspace/cases/${draft.id}`);
    await dev.page.waitForSelector('#root_address');
    await setValue(dev.page, '#root_address', '佛山市禅城区季华路 1 号');
    // Meanwhile the same draft is changed elsewhere (another window, a colleague).
    expect((await api.patch(`/api/cases/${draft.id}`, { data: { projectName: '并发测试小区（改）' }, version: draft.version })).status).toBe(200);
    await click(dev.page, '.form-actions button', '保存草稿');
    await waitForText(dev.page, '数据已变化');
    expect(await dev.page.$eval('#root_address', (el) => (el as HTMLInputElement).value)).toBe('佛山市禅城区季华路 1 号');
    await click(dev.page, '.alert button', '重新加载最新数据');
    await waitForText(dev.page, '发现未保存的填写内容');
    await click(dev.page, '.alert button', '恢复我的填写内容');
    expect(await dev.page.$eval('#root_address', (el) => (el as HTMLInputElement).value)).toBe('佛山市禅城区季华路 1 号');
    await click(dev.page, '.form-actions button', '保存草稿');
    await waitForText(dev.page, '草稿已保存');
    const saved = (await api.get(`/api/cases/${draft.id}`)).body;
    expect(saved.data).toMatchObject({ address: '佛山市禅城区季华路 1 号' });
    expect(saved.version).toBeGreaterThan(draft.version + 1);
  }, 60_000);
});
