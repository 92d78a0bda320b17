// Excel 导入：what Excel users really send is taken as they meant it — a title row merged above the
// header, phone numbers typed with full-width digits, odd spaces pasted into names, an ID number's
// check character typed as a lowercase x, an extra or hidden column — while a numeric ID number
// whose digits Excel lost is still refused naming its row and column.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { uploadXlsx } from './helpers/xlsx.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc
const DEVELOPER = '91440604MA4UJ5RW2R';
const HEADERS = ['*楼栋', '*单元', '*楼层', '*房号', '*建筑面积（㎡）', '*房屋用途', '*交付日期', '是否已售', '业主-姓名', '业主-身份证号', '业主-手机号'];
const IMPORT = '/api/types/house-roll/import?path=/houses';
const house = (room: string, owner: ExcelJS.CellValue[] = []): ExcelJS.CellValue[] => ['1栋', '1', 3, room, 89.5, '住宅', '2025-09-30', '是', ...owner];

/** GB 11643 check character of the first 17 digits. */
function idCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return '10X98765432'[sum % 11];
}
/** An ID number (born 1980-01-01 in 440604) whose check character is X. */
function idEndingInX(): string {
  for (let seq = 100; seq < 1000; seq++) {
    const first = `44060419800101${seq}`;
    if (idCheck(first) === 'X') return first + 'X';
  }
  throw new Error('no X');
}

let app: TestApp;
let dev: Client;
beforeAll(async () => {
  // The roll's owner gets a mobile number column (format mobile), as real rolls have.
  const root = makeFixtureRoot('excel-roll');
  const file = path.join(root, 'forms', 'house-roll.schema.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  schema.properties.houses.items.properties.owner.properties.phone = { type: 'string', title: '手机号', format: 'mobile' };
  fs.writeFileSync(file, JSON.stringify(schema));
  app = await startTestApp({ rootDir: root });
  dev = await app.login(DEVELOPER);
});
afterAll(async () => { await app?.close(); });

async function draft(): Promise<Json> {
  const res = await dev.post('/api/cases', { type: 'house-roll', data: { projectName: '宽容导入小区', district: '440604' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A workbook as a person makes it: a title merged across the columns above the template's header. */
async function workbook(rows: ExcelJS.CellValue[][], edit?: (ws: ExcelJS.Worksheet) => void, header = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房屋清单');
  ws.addRow(['宽容导入小区 房屋清单（2025 年 9 月）']);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('导入宽容 Excel 的常见写法', () => {
  it('finds the header under a merged title row, and tidies phone numbers, names and ID numbers', async () => {
    const c = await draft();
    const idX = idEndingInX();
    const file = await workbook([
      house('101', ['张\u00a0三', idX.toLowerCase(), '１３８００１３８０００']),
      house('102', ['\u3000李四 ', '', '139 0013 9000']),
      house('103', ['Wang\u00a0Wu']),
    ]);
    const res = await uploadXlsx(dev, `${IMPORT}&caseId=${c.id}`, file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rowCount).toBe(3);
    expect(res.body.warnings).toEqual([]);
    const houses = (await dev.get(`/api/cases/${c.id}`)).body.data.houses as Json[];
    expect(houses.map((h) => h.owner)).toEqual([
      { name: '张三', idNumber: idX, phone: '13800138000' },
      { name: '李四', phone: '13900139000' },
      { name: 'Wang Wu' },
    ]);
  });

  it('errors under a title row name the real Excel row', async () => {
    const res = await uploadXlsx(dev, IMPORT, await workbook([house('201'), ['1栋', '1', 3, '202', 89.5, '宫殿', '2025-09-30']]));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ row: 4, column: '房屋用途', value: '宫殿' })]);
  });

  it('an extra column and a hidden column are left out, each with a warning in the result', async () => {
    const c = await draft();
    const header = [...HEADERS, '备注', '辅助列'];
    const file = await workbook([
      [...house('301', ['王五', '', '13800138000']), '临街', 'tmp-1'],
      [...house('302', ['', '', '']), '', 'tmp-2'],
    ], (ws) => { ws.getColumn(header.length).hidden = true; }, header);
    const res = await uploadXlsx(dev, `${IMPORT}&caseId=${c.id}`, file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rowCount).toBe(2);
    expect(res.body.warnings).toEqual([
      expect.objectContaining({ row: 2, column: '备注', message: '表头「备注」不是模板中的列，该列已忽略' }),
      expect.objectContaining({ row: 2, column: '辅助列', message: '表头「辅助列」不是模板中的列，该列已忽略' }),
    ]);
    const houses = (await dev.get(`/api/cases/${c.id}`)).body.data.houses as Json[];
    expect(houses.map((h) => h.room)).toEqual(['301', '302']);
    expect(JSON.stringify(houses)).not.toMatch(/临街|tmp-/);
  });

  it('a numeric ID number whose last digits Excel lost is still refused, naming its row and column', async () => {
    // 440604198001011234 typed into a number cell: Excel keeps 15 significant digits.
    const c = await draft();
    const res = await uploadXlsx(dev, `${IMPORT}&caseId=${c.id}`, await workbook([house('401', ['赵六', 440604198001011200])]));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    expect(res.body.error.details).toEqual([expect.objectContaining({ row: 3, column: '业主-身份证号', message: expect.stringMatching(/位数过多已失真.*文本格式/) })]);
    expect((await dev.get(`/api/cases/${c.id}`)).body.version).toBe(c.version);
  });

  it('a file with no template header in its first rows is still refused', async () => {
    const res = await uploadXlsx(dev, IMPORT, await workbook([['a', 1]], undefined, ['姓名', '年龄']));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'IMPORT_FILE_INVALID', message: expect.stringContaining('找不到模板的表头') });
  });
});
