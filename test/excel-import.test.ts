// Excel 导入：every bad row is listed (row, column, value, reason in Chinese) and nothing is
// imported unless every row is right; rows go into a draft case's list only for its own
// organisation while it is editable; files that are not workbooks, empty, wrongly headed, too
// large or zip bombs are refused before a row is read; large files run as a job whose progress
// any server can read; the case list exports with the caller's scope and filters.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tinyPdf, type Client, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { makeZip, uploadXlsx, writeSheet, XLSX_PARTS } from './helpers/xlsx.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc
const DEVELOPER = '91440604MA4UJ5RW2R';
const HEADERS = ['*楼栋', '*单元', '*楼层', '*房号', '*建筑面积（㎡）', '*房屋用途', '*交付日期', '是否已售', '业主-姓名', '业主-身份证号'];
const IMPORT = '/api/types/house-roll/import?path=/houses';
const GOOD = (room: string | number): ExcelJS.CellValue[] => ['1栋', '1', 3, String(room), 89.5, '住宅', '2025-09-30'];

let app: TestApp;
let dev: Client;
beforeAll(async () => {
  app = await startTestApp({ rootDir: makeFixtureRoot('excel-roll'), importLimitBytes: 3 * 1024 * 1024 });
  dev = await app.login(DEVELOPER);
});
afterAll(async () => { await app?.close(); });

async function draft(c: Client = dev): Promise<Json> {
  const res = await c.post('/api/cases', { type: 'house-roll', data: { projectName: '导入测试小区', district: '440604' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function expectUnchanged(id: number, before: Json) {
  const after = (await dev.get(`/api/cases/${id}`)).body;
  expect(after.version).toBe(before.version);
  expect(after.data).toEqual(before.data);
}

describe('导入房屋清单', () => {
  it('lists every bad row with its row number, column, value and reason, and imports nothing', async () => {
    const c = await draft();
    const file = await writeSheet(HEADERS, [
      GOOD(101),
      ['1栋', '1', 3, '102', 89.5, '别墅', '2025-09-30'], // not a choice
      ['1栋', '1', '三', '103', 89.5, '住宅', '2025-09-30'], // not a number
      ['1栋', '1', 3, '104', 89.5, '住宅', '2025-02-30'], // no such day
      ['1栋', '', 3, '105', 89.5, '住宅', '2025-09-30'], // required column empty
      ['1栋', '1', 3, '1 06', 89.5, '住宅', '2025-09-30'], // pattern
      ['1栋', '1', 3, '107', 0, '住宅', '2025-09-30'], // exclusiveMinimum
      ['1栋', '1', 400, '108', 89.5, '住宅', '2025-09-30'], // maximum
      ['1栋', '1', 3, '109', 89.5, '住宅', '2025-09-30', '是', '赵六', '440604198001011234'], // ID check digit
      GOOD(101), // duplicate of row 2
    ]);
    const res = await uploadXlsx(dev, `${IMPORT}&caseId=${c.id}`, file);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    expect(res.body.error.message).toContain('未导入任何数据');
    const d: Json[] = res.body.error.details;
    const at = (row: number) => d.find((e) => e.row === row)!;
    expect(d.map((e) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(at(3)).toMatchObject({ column: '房屋用途', value: '别墅' });
    expect(at(3).message).toContain('应为以下之一：住宅、商业、办公、车位');
    expect(at(4)).toMatchObject({ column: '楼层', value: '三' });
    expect(at(4).message).toMatch(/楼层.*整数/);
    expect(at(5)).toMatchObject({ column: '交付日期', value: '2025-02-30' });
    expect(at(6).column).toBe('单元');
    expect(at(6).message).toContain('必填');
    expect(at(7).message).toBe('房号只能包含数字、字母和 -');
    expect(at(8).message).toContain('建筑面积');
    expect(at(9).message).toContain('不能大于 300');
    expect(at(10)).toMatchObject({ column: '业主-身份证号', value: '440604198001011234' });
    expect(at(10).message).toContain('校验');
    expect(at(11)).toMatchObject({ column: '楼栋+单元+房号', value: '1栋/1/101' });
    expect(at(11).message).toBe('与第 2 行重复（楼栋+单元+房号不能重复）');
    await expectUnchanged(c.id, c);
  });

  it('writes the rows into the draft case\'s list, for its own organisation only, while it is editable', async () => {
    const c = await draft();
    const file = await writeSheet(HEADERS, [GOOD(201), GOOD(202), GOOD(203)]);
    const res = await uploadXlsx(dev, `${IMPORT}&caseId=${c.id}`, file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rowCount).toBe(3);
    const after = (await dev.get(`/api/cases/${c.id}`)).body;
    expect(after.version).toBe(c.version + 1);
    expect(after.data.projectName).toBe('导入测试小区');
    expect(after.data.houses.map((h: Json) => h.room)).toEqual(['201', '202', '203']);
    // Importing again replaces the list (the file is the whole list).
    expect((await uploadXlsx(dev, `${IMPORT}&caseId=${c.id}`, await writeSheet(HEADERS, [GOOD(301)]))).status).toBe(200);
    expect((await dev.get(`/api/cases/${c.id}`)).body.data.houses.map((h: Json) => h.room)).toEqual(['301']);

    // Another organisation cannot see the case at all; a clerk may see it but not edit it.
    const other = await app.login('91440604MA51C3XK4K');
    expect((await uploadXlsx(other, `${IMPORT}&caseId=${c.id}`, file)).status).toBe(404);
    const sent = await dev.post(`/api/cases/${c.id}/events`, { event: 'SUBMIT', version: (await dev.get(`/api/cases/${c.id}`)).body.version });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const clerk = await app.login('clerk1');
    expect((await uploadXlsx(clerk, `${IMPORT}&caseId=${c.id}`, file)).status).toBe(403);
    // Submitted: no longer editable, nothing written.
    const late = await uploadXlsx(dev, `${IMPORT}&caseId=${c.id}`, file);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CASE_NOT_EDITABLE');
    expect((await dev.get(`/api/cases/${c.id}`)).body.data.houses).toHaveLength(1);
  });

  it('10,000 bad rows give 10,000 row errors', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ['1栋', '1', 3, String(i + 1), 89.5, '宫殿', '2025-09-30'] as ExcelJS.CellValue[]);
    const res = await uploadXlsx(dev, IMPORT, await writeSheet(HEADERS, rows));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    expect(res.body.error.details).toHaveLength(10_000);
    expect(res.body.error.details[9_999]).toMatchObject({ row: 10_001, column: '房屋用途', value: '宫殿' });
  }, 120_000);

  it('a large import runs as a job whose progress and result can be read by its owner', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => GOOD(i + 1));
    const res = await uploadXlsx(dev, `${IMPORT}&async=true`, await writeSheet(HEADERS, rows));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const url = `/api/import-jobs/${res.body.jobId}`;
    expect(res.body.statusUrl).toBe(url);
    const seen: Json[] = [];
    for (let i = 0; i < 600; i++) {
      const job = (await dev.get(url)).body;
      seen.push(job);
      if (job.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const last = seen[seen.length - 1];
    expect(last.status, JSON.stringify({ ...last, result: undefined })).toBe('done');
    expect(last.rowsRead).toBe(20_000);
    expect(last.result.rowCount).toBe(20_000);
    expect(last.result.rows[19_999].room).toBe('20000');
    expect(seen.every((j) => typeof j.rowsRead === 'number' && j.errors !== undefined)).toBe(true);
    // Someone else's job is not theirs to read.
    expect((await (await app.login('91440604MA51C3XK4K')).get(url)).status).toBe(404);
    expect((await dev.get('/api/import-jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  }, 120_000);

  it('a job with bad rows ends failed with every error listed', async () => {
    const rows = [...Array.from({ length: 50 }, (_, i) => GOOD(i + 1)), ['1栋', '1', 3, '999', 89.5, '宫殿', '2025-09-30']];
    const res = await uploadXlsx(dev, `${IMPORT}&async=true`, await writeSheet(HEADERS, rows));
    expect(res.status).toBe(202);
    let job: Json;
    do {
      await new Promise((r) => setTimeout(r, 100));
      job = (await dev.get(`/api/import-jobs/${res.body.jobId}`)).body;
    } while (job.status === 'running');
    expect(job).toMatchObject({ status: 'failed', code: 'IMPORT_INVALID', errorCount: 1, result: null });
    expect(job.errors[0]).toMatchObject({ row: 52, column: '房屋用途' });
  });
});

describe('拒绝的文件：什么也不写', () => {
  const refused = async (content: Buffer, status: number, code: string, message: RegExp, name = '房屋清单.xlsx') => {
    const c = await draft();
    const res = await uploadXlsx(dev, `${IMPORT}&caseId=${c.id}`, content, name);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(message);
    await expectUnchanged(c.id, c);
    return res.body.error;
  };

  it('a file that is not an .xlsx', async () => {
    await refused(tinyPdf('x'), 415, 'UNSUPPORTED_MEDIA', /不是 Excel/);
    await refused(Buffer.from('楼栋,单元\n1栋,1\n'), 415, 'UNSUPPORTED_MEDIA', /不是 Excel/, 'houses.csv');
    await refused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 415, 'UNSUPPORTED_MEDIA', /另存为 \.xlsx/, 'old.xls');
    await refused(makeZip([{ name: 'readme.txt', data: 'hello' }]), 415, 'UNSUPPORTED_MEDIA', /不是 Excel 工作簿/);
    const cut = await writeSheet(HEADERS, [GOOD(1)]);
    await refused(cut.subarray(0, cut.length - 40), 415, 'UNSUPPORTED_MEDIA', /不完整|损坏/);
  });

  it('an empty sheet, a sheet with headers only, wrong or missing headers', async () => {
    await refused(await writeSheet([], []), 400, 'IMPORT_FILE_INVALID', /表格是空的/);
    await refused(await writeSheet(HEADERS, []), 400, 'IMPORT_FILE_INVALID', /没有数据/);
    // A column outside the template is left out with a warning (test/excel-forgiving.test.ts); a repeated one is refused.
    const extra = await uploadXlsx(dev, IMPORT, await writeSheet(['*楼栋', '*单元', '*楼层', '*房号', '*建筑面积（㎡）', '*房屋用途', '*交付日期', '面积'], [GOOD(1)]));
    expect(extra.status, JSON.stringify(extra.body)).toBe(200);
    expect(extra.body.warnings.map((w: Json) => w.message)).toEqual(['表头「面积」不是模板中的列，该列已忽略']);
    const twice = await refused(await writeSheet(['*楼栋', '*单元', '*楼层', '*房号', '*建筑面积（㎡）', '*房屋用途', '*交付日期', '楼栋'], [GOOD(1)]), 400, 'IMPORT_FILE_INVALID', /表头与模板不符/);
    expect(twice.message).toContain('表头「楼栋」重复');
    const missing = await refused(await writeSheet(['楼栋', '单元', '楼层', '房号'], [['1栋', '1', 3, '101']]), 400, 'IMPORT_FILE_INVALID', /缺少必填列「建筑面积（㎡）」/);
    expect(missing.details.map((d: Json) => d.column)).toEqual(['建筑面积（㎡）', '房屋用途', '交付日期']);
    await refused(await writeSheet(['姓名', '年龄'], [['a', 1]]), 400, 'IMPORT_FILE_INVALID', /不是模板的表头/);
  });

  it('a file over the size limit', async () => {
    const big = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(3 * 1024 * 1024 + 10, 7)]);
    await refused(big, 413, 'PAYLOAD_TOO_LARGE', /3 MB/);
  });

  it('zip bombs: a huge compression ratio, declared sizes over the limit, and sizes that lie', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024, 0x20);
    const sheet = (body: Buffer | string) => ({ name: 'xl/worksheets/sheet1.xml', data: body });
    await refused(makeZip([...XLSX_PARTS, sheet(zeros)]), 400, 'IMPORT_FILE_INVALID', /压缩比异常.*压缩炸弹/);
    await refused(makeZip([...XLSX_PARTS, { ...sheet('<worksheet/>'), declare: 300 * 1024 * 1024 }]), 400, 'IMPORT_FILE_INVALID', /解压后超过 200 MB/);
    await refused(makeZip([...XLSX_PARTS, { ...sheet(zeros), declare: 100_000 }]), 400, 'IMPORT_FILE_INVALID', /超过其声明的大小.*压缩炸弹/);
  });
});

describe('导出业务单列表', () => {
  it('exports the caller\'s visible cases with the list\'s filters and the type\'s list columns', async () => {
    const c = await draft();
    const res = await dev.get('/api/cases/export.xlsx?type=house-roll');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(['业务编号', '项目名称', '所属区县', '当前环节', '状态', '创建时间', '提交时间', '办结时间']);
    const numbers: string[] = [];
    ws.eachRow((r, i) => { if (i > 1) numbers.push(String(r.getCell(1).value)); });
    expect(numbers).toContain(c.number);
    const row = ws.getRow(numbers.indexOf(c.number) + 2);
    expect(row.getCell(2).value).toBe('导入测试小区');
    expect(row.getCell(4).value).toBe('草稿');
    // A search that matches nothing exports only the header; another organisation sees none of these drafts.
    const none = await dev.get('/api/cases/export.xlsx?type=house-roll&q=没有这个小区');
    const wbNone = new ExcelJS.Workbook();
    await wbNone.xlsx.load(none.body);
    expect(wbNone.worksheets[0].actualRowCount).toBe(1);
    const other = await (await app.login('91440604MA51C3XK4K')).get('/api/cases/export.xlsx');
    const wbOther = new ExcelJS.Workbook();
    await wbOther.xlsx.load(other.body);
    const otherNumbers: string[] = [];
    wbOther.worksheets[0].eachRow((r, i) => { if (i > 1) otherNumbers.push(String(r.getCell(1).value)); });
    expect(otherNumbers).not.toContain(c.number);
    expect((await app.client().get('/api/cases/export.xlsx')).status).toBe(401);
  });

  it('writes text that looks like a formula as a text cell, never as a formula', async () => {
    const evil = '=HYPERLINK("http://evil.example/","点此")';
    const res = await dev.post('/api/cases', { type: 'house-roll', data: { projectName: evil, district: '440604' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await dev.get(`/api/cases/export.xlsx?type=house-roll&q=${encodeURIComponent('evil.example')}`)).body);
    const cell = wb.worksheets[0].getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(evil);
  });
});
