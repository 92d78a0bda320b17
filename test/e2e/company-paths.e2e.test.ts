// The manual's functions that used to stop a property company, walked in a real browser:
// 机构注册 with the licence scan uploaded before the account exists; the company files a 物业区域
// whose developer is gone (no developer asked) and then its 房屋信息补充 from the menu label the
// manual names; 企业信息详情 from the menu; 企业人员管理 and 设施设备管理 import from their list pages
// (下载模版 / 导入) with the 数据导入结果 — a refused file listed by row and column, then a good one.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { TestApp } from '../helpers/app.js';
import { bodyText, click, goto, hasChromium, screenshot, setValue, submitAndConfirm, useBrowserApp, waitForText, type Session } from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';
import { acceptAndApprove } from '../helpers/filings-a.js';
import { AREA_ID, COMPANY, filledTemplate, freshId, givenContract } from '../helpers/registers.js';
import { ROOT_DIR } from '../../engine/config.js';

const PASSWORD = 'Nanhai#2026x';
const NEW_COMPANY = '91440605MA51N2XWXY';
const PROJECT = `旧城花园${Math.random().toString(36).slice(2, 6)}`;

/** Writes a workbook where the browser's file chooser can pick it. */
function xlsxFile(name: string, content: Buffer): string {
  const dir = path.join(ROOT_DIR, 'build', 'e2e-files');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The file with one more column the template does not have (a note the user added), filled in row 2. */
async function withExtraColumn(file: Buffer, title: string, value: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const col = ws.getRow(1).cellCount + 1;
  ws.getRow(1).getCell(col).value = title;
  ws.getRow(2).getCell(col).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importFrom(s: Session, label: string, file: string): Promise<void> {
  const input = await s.page.$(`input[type=file][aria-label="${label}"]`);
  expect(input, `no import input labelled ${label}`).toBeTruthy();
  await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(file);
  await s.page.waitForSelector('#import-result', { timeout: 30_000 });
}

describe.skipIf(!hasChromium())('物业服务企业的办事路径（浏览器）', () => {
  const b = useBrowserApp();
  let app: TestApp;
  beforeAll(() => { app = b.app; });

  it('机构注册：上传营业执照扫描件后注册，新账号拥有该文件', async () => {
    const { page } = await b.anonymous();
    await goto(page, app.url, '/register/company');
    await page.waitForSelector('#reg_name');
    const types = (await app.client().get('/api/auth/registration-types')).body as Array<{ orgType: string; schema: any; uiSchema: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const company = types.find((t) => t.orgType === 'company')!;
    const data = { ...company.schema.examples[0], uscc: NEW_COMPANY, licenseScan: ['营业执照.pdf'] };
    expect(await fillForm(page, company.schema, company.uiSchema, data, 'reg')).toEqual([]);
    expect(await page.$$eval('.files-widget .files-list li', (li) => li.length)).toBe(1);
    expect(await bodyText(page)).not.toContain('上传材料需要登录');
    await setValue(page, '#reg-password', PASSWORD);
    await setValue(page, '#reg-confirm', PASSWORD);
    await page.$eval('.agreement-box', (el) => el.scrollTo(0, el.scrollHeight));
    await page.click('#reg-agreement');
    await screenshot(page, '30-registration-with-licence');
    await click(page, '.form-actions button', '提交注册');
    await page.waitForSelector('.result-ok', { timeout: 30_000 });

    const own = await app.login(NEW_COMPANY, PASSWORD);
    const me = (await own.get('/api/me')).body;
    const scans = me.org.data.licenseScan as string[];
    expect(scans).toHaveLength(1);
    expect((await own.get(`/api/files/${scans[0]}`)).status).toBe(200);
  }, 120_000);

  it('业主注册页显示《业主注册协议》，而不是机构的协议', async () => {
    const { page } = await b.anonymous();
    await goto(page, app.url, '/register/owner');
    await page.waitForSelector('.agreement-box');
    const agreement = await page.$eval('.agreement-box', (el) => el.textContent ?? '');
    expect(agreement).toContain('业主注册协议');
    expect(agreement).not.toContain('机构注册协议');
    expect(await bodyText(page)).toContain('我已阅读并同意《业主注册协议》');
    await page.setViewport({ width: 390, height: 844, isMobile: true });
    await screenshot(page, '30b-owner-registration-phone');
    await page.close();
  }, 60_000);

  it('物业服务企业备案物业区域（不填开发建设单位），再从“物业区域管理 >> 房屋信息补充”补充房屋', async () => {
    const s = await b.as('物业公司', COMPANY);
    const company = await app.login(COMPANY);
    const area = (await company.get('/api/types/area-filing')).body;
    await goto(s.page, app.url, '/workspace/new/area-filing');
    await s.page.waitForSelector('#root_projectName');
    const { developerName: _n, developerCode: _c, remarks: _r, ...example } = area.examples[0];
    expect(await fillForm(s.page, area.schema, area.uiSchema, { ...example, projectName: PROJECT })).toEqual([]);
    await submitAndConfirm(s.page);
    await s.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), { timeout: 30_000 });
    await waitForText(s.page, '已保存并提交');
    const number = (await s.page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();
    await acceptAndApprove(app, number);
    const areaId = (await company.get(`/api/registers/areas?q=${encodeURIComponent(PROJECT)}`)).body.items[0].id as number;

    // The manual's menu: 物业区域管理 >> 房屋信息补充.
    await goto(s.page, app.url, '/workspace');
    const group = await s.page.$$eval('.side-menu .side-group', (hs) => hs.map((h) => h.textContent));
    expect(group).toContain('物业区域管理');
    await click(s.page, '.side-menu a', '房屋信息补充');
    await click(s.page, 'a.btn-primary', '新建房屋信息补充');
    await s.page.waitForSelector('#root_areaId');
    const houses = (await company.get('/api/types/house-supplement')).body;
    const rows = houses.examples[0].houses.slice(0, 2);
    expect(await fillForm(s.page, houses.schema, houses.uiSchema, { ...houses.examples[0], areaId, projectName: PROJECT, houses: rows })).toEqual([]);
    await screenshot(s.page, '31-company-house-supplement');
    await submitAndConfirm(s.page);
    await s.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), { timeout: 30_000 });
    await waitForText(s.page, '待受理');
    const supplement = (await s.page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();
    expect(supplement).toMatch(/^FWBC-/);
    await acceptAndApprove(app, supplement);
    expect((await company.get(`/api/registers/houses?parentId=${areaId}`)).body.total).toBe(2);
  }, 180_000);

  it('企业信息详情：从菜单打开，六个栏目', async () => {
    await givenContract(app, AREA_ID, COMPANY);
    const s = await b.as('物业公司', COMPANY);
    await goto(s.page, app.url, '/workspace');
    await click(s.page, '.side-menu a', '企业信息详情');
    await s.page.waitForSelector('#profile-basic');
    const text = await bodyText(s.page);
    for (const title of ['企业基本信息', '专业人员情况', '管理人员专业及人数', '小区设备情况', '企业受过的奖励和处罚', '项目情况']) expect(text).toContain(title);
    expect(text).toContain('佛山市安居物业服务有限公司');
    expect(await s.page.$$eval('h1', (h) => h.length)).toBe(1);
    await screenshot(s.page, '32-enterprise-profile');
    await s.page.setViewport({ width: 390, height: 844, isMobile: true });
    await screenshot(s.page, '32b-enterprise-profile-phone');
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await s.page.setViewport({ width: 1366, height: 768 });
  }, 90_000);

  it('企业人员管理：下载模版、导入有误的表格逐行提示，改正后导入成功（多出的列提示已忽略）并出现在列表中', async () => {
    const s = await b.as('物业公司', COMPANY);
    const company = await app.login(COMPANY);
    await goto(s.page, app.url, '/workspace/types/personnel');
    const href = await s.page.$eval('.list-import a', (a) => a.getAttribute('href'));
    expect(href).toBe('/api/types/personnel/excel-template');
    const template = await company.get(href!);
    const heads = await (async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template.body as unknown as ArrayBuffer);
      return (wb.worksheets[0].getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    })();
    expect(heads.some((h) => h.includes('证书1-证书名称'))).toBe(true);

    const row = (name: string, id: string, birth: string, extra: Record<string, ExcelJS.CellValue> = {}) => ({
      姓名: name, 身份证号码: id, 性别: '男', 出生日期: birth, 学历: '大学专科', 人员类别: '作业人员', 岗位: '秩序维护', 工作物业区域: String(AREA_ID), ...extra,
    });
    const bad = await filledTemplate(company, 'personnel', [row('梁国华', freshId('19920202', true), '1992-02-02', { 学历: '小学' })]);
    await importFrom(s, '从 Excel 导入企业人员', xlsxFile('人员-有误.xlsx', bad));
    await waitForText(s.page, '没有导入任何一行');
    expect(await s.page.$eval('#import-result', (el) => el.textContent)).toContain('学历');

    // The corrected file also has a column of the user's own (自用备忘, not in the template): imported
    // without it, and said so.
    const good = await withExtraColumn(await filledTemplate(company, 'personnel', [
      row('梁国华', freshId('19920202', true), '1992-02-02', { '证书1-证书名称': '保安员证', '证书1-证书编号': 'BA-2020-001', '证书1-发证机关': '佛山市公安局', '证书1-发证日期': '2020-06-01' }),
    ]), '自用备忘', '夜班');
    await importFrom(s, '从 Excel 导入企业人员', xlsxFile('人员.xlsx', good));
    await waitForText(s.page, '导入 1 条');
    await waitForText(s.page, '表头「自用备忘」不是模板中的列，该列已忽略');
    expect(await s.page.$eval('#import-result .import-warnings', (el) => el.textContent)).toContain('以下列未导入');
    await s.page.waitForFunction(() => document.querySelector('.grid-table.zebra')?.textContent?.includes('梁国华'), { timeout: 20_000 });
    await screenshot(s.page, '33-personnel-import-result');

    // Filter by 物业区域: the imported person works there.
    await s.page.waitForFunction(() => !![...document.querySelectorAll('.filters label')].find((l) => l.textContent?.includes('工作物业区域'))?.querySelector('select option[value="1"]'), { timeout: 20_000 });
    await s.page.evaluate(() => {
      const select = [...document.querySelectorAll('.filters label')].find((l) => l.textContent?.includes('工作物业区域'))!.querySelector('select')!;
      const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
      set.call(select, '1');
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await s.page.waitForFunction(() => location.search.includes('f.area=1'));
    await s.page.waitForFunction(() => document.querySelector('.grid-table.zebra')?.textContent?.includes('梁国华'), { timeout: 20_000 });
  }, 120_000);

  it('设施设备管理：导入后在列表中，按类型筛选，可查看维修记录', async () => {
    await givenContract(app, AREA_ID, COMPANY);
    const s = await b.as('物业公司', COMPANY);
    const company = await app.login(COMPANY);
    await goto(s.page, app.url, '/workspace/types/facility');
    await s.page.waitForSelector('.list-import');
    const file = await filledTemplate(company, 'facility', [
      { 物业区域: AREA_ID, 设施设备名称: '6栋生活水泵', 设施设备类型: '供水', 设备编号: 'GS-6-01', 楼栋: '6栋' },
    ]);
    await importFrom(s, '从 Excel 导入设施设备', xlsxFile('设施设备.xlsx', file));
    await waitForText(s.page, '导入 1 条');
    await s.page.waitForFunction(() => document.querySelector('.grid-table.zebra')?.textContent?.includes('6栋生活水泵'), { timeout: 20_000 });
    await screenshot(s.page, '34-facility-import-result');

    await goto(s.page, app.url, '/workspace/types/facility?f.category=电梯');
    await s.page.waitForFunction(() => !document.querySelector('.grid-table.zebra')?.textContent?.includes('6栋生活水泵'), { timeout: 20_000 });
    await goto(s.page, app.url, '/workspace/types/facility?f.category=供水');
    await s.page.waitForFunction(() => document.querySelector('.grid-table.zebra')?.textContent?.includes('6栋生活水泵'), { timeout: 20_000 });
    await click(s.page, '.grid-table.zebra a.row-link', '维修记录');
    await s.page.waitForFunction(() => location.pathname === '/workspace/types/repair' && location.search.includes('f.facility='));
  }, 120_000);
});
