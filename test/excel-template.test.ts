// Excel 导入模板：generated from the form's JSON Schema — one column per field with its Chinese
// title, required columns marked, drop-downs for choices, typed validation, the rules in a comment
// on each header and on a 填写说明 sheet with an example row. A template filled in (with exceljs,
// or saved by LibreOffice) imports back to exactly the rows put in.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { fillTemplate, uploadXlsx } from './helpers/xlsx.js';
import rollSchema from './fixtures/excel-roll/forms/house-roll.schema.json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc
const DEVELOPER = '91440604MA4UJ5RW2R';
const HEADERS = ['*楼栋', '*单元', '*楼层', '*房号', '*建筑面积（㎡）', '*房屋用途', '*交付日期', '是否已售', '业主-姓名', '业主-身份证号'];

let app: TestApp;
let dev: Client;
beforeAll(async () => {
  app = await startTestApp({ rootDir: makeFixtureRoot('excel-roll') });
  dev = await app.login(DEVELOPER);
});
afterAll(async () => { await app?.close(); });

async function template(url: string): Promise<{ buf: Buffer; wb: ExcelJS.Workbook }> {
  const res = await dev.get(url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  expect(res.headers.get('content-disposition')).toContain('attachment');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body);
  return { buf: res.body, wb };
}

const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: Record<string, Json> } }).dataValidations.model;

describe('导入模板', () => {
  it('has one column per field of the list, titled in Chinese, required ones marked and coloured, with the rules in comments', async () => {
    const { wb } = await template('/api/types/house-roll/excel-template?path=/houses');
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['房屋清单', 'visible'], ['填写说明', 'visible'], ['选项', 'hidden']]);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as string[]).slice(1);
    // Nested objects are flattened; attachments (照片) have no cell.
    expect(header).toEqual(HEADERS);
    const required = ws.getCell('A1');
    expect(required.font?.color?.argb).toBe('FFC00000');
    expect(ws.getCell('H1').font?.color).toBeUndefined();
    const note = (c: string) => { const n = ws.getCell(c).note; return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join(''); };
    expect(note('C1')).toContain('必填');
    expect(note('C1')).toContain('整数');
    expect(note('C1')).toContain('不小于 -10');
    expect(note('C1')).toContain('不大于 300');
    expect(note('D1')).toContain('房号只能包含数字、字母和 -');
    expect(note('G1')).toContain('日期');
    expect(note('F1')).toContain('可选值：住宅、商业、办公、车位');
    expect(note('J1')).toContain('18 位居民身份证号码');
    expect(note('A1')).toContain('示例：1栋');
  });

  it('offers drop-downs for choices and typed validation for numbers and dates', async () => {
    const { wb } = await template('/api/types/house-roll/excel-template?path=/houses');
    const dv = validations(wb.worksheets[0]);
    // exceljs expands the validated range into one entry per cell when it loads a file.
    const at = (col: string) => dv[`${col}2`];
    expect(dv.F5000).toEqual(dv.F2);
    expect(at('F')).toMatchObject({ type: 'list', formulae: ['"住宅,商业,办公,车位"'] });
    expect(at('H')).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(at('C')).toMatchObject({ type: 'whole', operator: 'between', formulae: [-10, 300] });
    expect(at('E')).toMatchObject({ type: 'decimal', operator: 'greaterThan', formulae: [0] });
    expect(at('G')).toMatchObject({ type: 'date' });
    expect(at('A')).toMatchObject({ type: 'textLength', formulae: [1, 50] });
    expect(at('F')!.error).toContain('可选值');
    // Date and text cells are formatted so Excel keeps what is typed (ID numbers stay text).
    expect(wb.worksheets[0].getColumn(7).numFmt).toBe('yyyy-mm-dd');
    expect(wb.worksheets[0].getColumn(10).numFmt).toBe('@');
  });

  it('shows the rules and an example row from the form\'s example on the 填写说明 sheet, not among the data', async () => {
    const { wb } = await template('/api/types/house-roll/excel-template?path=/houses');
    expect(wb.worksheets[0].actualRowCount).toBe(1);
    const help = wb.worksheets[1];
    const text: string[] = [];
    help.eachRow((r) => text.push((r.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))).join('|')));
    expect(text.join('\n')).toContain('「楼栋+单元+房号」不能重复');
    const exampleRow = text.find((l) => l.startsWith('1栋|'));
    expect(exampleRow).toBe('1栋|1|3|301|89.5|住宅|2025-09-30|是|张三|440604198001011235');
  });

  it('covers the whole form when no list is named, and refuses a path that is not a list', async () => {
    const { wb } = await template('/api/types/area-filing/excel-template');
    const header = (wb.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(header).toContain('*项目名称');
    expect(header).toContain('*四至-东至');
    expect(header).toContain('备注');
    expect(header.some((h) => h.includes('规划许可'))).toBe(false);
    expect((await dev.get('/api/types/house-roll/excel-template?path=/projectName')).status).toBe(404);
    expect((await dev.get('/api/types/house-roll/excel-template?path=/nothing')).status).toBe(404);
    expect((await dev.get('/api/types/no-such-type/excel-template')).status).toBe(404);
    expect((await app.client().get('/api/types/house-roll/excel-template')).status).toBe(401);
  });

  it('round trip: generate, fill rows in with exceljs, import, and get exactly those rows back', async () => {
    const { buf } = await template('/api/types/house-roll/excel-template?path=/houses');
    const expected = [
      structuredClone(rollSchema.examples[0].houses[0]),
      { building: '2栋', unit: '3', floor: -1, room: 'B1-07', buildingArea: 12.5, usage: '车位', handoverDate: '2026-01-15', sold: false },
      { building: '2栋', unit: '3', floor: 12, room: '1201', buildingArea: 118.25, usage: '住宅', handoverDate: '2024-02-29', owner: { name: '李四' } },
    ];
    const filled = await fillTemplate(buf, [
      ['1栋', '1', 3, '301', 89.5, '住宅', new Date(Date.UTC(2025, 8, 30)), '是', '张三', '440604198001011235'],
      ['2栋', '3', -1, 'B1-07', 12.5, '车位', '2026/1/15', '否'],
      ['2栋', '3', '12', '1201', '118.25', '住宅', 45351, null, '李四'], // numbers typed as text, a date as its serial
    ]);
    const res = await uploadXlsx(dev, '/api/types/house-roll/import?path=/houses', filled);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rowCount).toBe(3);
    expect(res.body.rows).toEqual(expected);
  });

  it('imports an .xlsx written by LibreOffice', async () => {
    let soffice = '';
    try { soffice = execFileSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).trim(); } catch { /* missing */ }
    if (!soffice) {
      console.warn('跳过：未安装 LibreOffice（soffice），运行 scripts/install-system-deps.sh 后可测试');
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-lo-'));
    try {
      const csv = [
        HEADERS.join(','),
        '5栋,2,7,702,96.3,住宅,2025-12-01,是,王五,440604198001011235',
        '5栋,2,8,802,96.3,办公,2025-12-01,否,,',
      ].join('\n');
      fs.writeFileSync(path.join(dir, 'houses.csv'), `${csv}\n`);
      // A private profile: parallel or leftover LibreOffice instances must not share one.
      execFileSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--infilter=CSV:44,34,76,1,10/2', '--convert-to', 'xlsx', '--outdir', dir, path.join(dir, 'houses.csv')], { stdio: 'ignore', timeout: 120_000 });
      const xlsx = fs.readFileSync(path.join(dir, 'houses.xlsx'));
      const res = await uploadXlsx(dev, '/api/types/house-roll/import?path=/houses', xlsx, 'houses.xlsx');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.rows).toEqual([
        { building: '5栋', unit: '2', floor: 7, room: '702', buildingArea: 96.3, usage: '住宅', handoverDate: '2025-12-01', sold: true, owner: { name: '王五', idNumber: '440604198001011235' } },
        { building: '5栋', unit: '2', floor: 8, room: '802', buildingArea: 96.3, usage: '办公', handoverDate: '2025-12-01', sold: false },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
