// 业务统计 Excel 导出 (GET /api/stats/cases.xlsx): a name that a spreadsheet would run as a formula —
// an organisation registered as =HYPERLINK(…) — is written as a text cell, never as a formula, so
// opening the department's export cannot send its figures anywhere (the CSV export's case is
// dashboard-csv.test.ts, the case list's excel-import.test.ts).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import { AREA_ID, COMPANY, completeOk, givenContract, orgId, owner } from './helpers/services.js';

const EVIL = '=HYPERLINK("http://x","y")';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await givenContract(app);
});
afterAll(async () => { await app?.close(); });

describe('统计分析 Excel：公式样的名称写成文本', () => {
  it('a complaint forwarded to a company named =HYPERLINK(…) is counted under that name, as a text cell', async () => {
    // The company's registered name, as the complaint's forwarding copies it (orgFields).
    await app.engine.db.models.Org.update({ name: EVIL }, { where: { code: COMPANY } });
    const zhang = await owner(app, 'zhang');
    const created = await zhang.post('/api/cases', {
      type: 'complaint',
      data: { areaId: AREA_ID, category: '环境卫生', subject: '垃圾清运不及时', content: '小区垃圾桶连续两天未清运，气味很大。', contact: { name: '张伟', phone: '13622223333' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await completeOk(await app.login('reviewer1'), created.body.number, 'FORWARD', { companyId: await orgId(app, COMPANY), companyName: EVIL, opinion: '请核实处理并答复投诉人。' });

    const res = await (await app.login('reviewer1')).get('/api/stats/cases.xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const sheet = wb.getWorksheet('物业服务投诉（按承办企业）')!;
    expect(sheet, wb.worksheets.map((w) => w.name).join('、')).toBeTruthy();
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row, n) => { if (n > 1) cells.push(row.getCell(1)); });
    const cell = cells.find((c) => c.text === EVIL);
    expect(cell, cells.map((c) => c.text).join('、')).toBeTruthy();
    expect(cell!.type).toBe(ExcelJS.ValueType.String);
    expect(cell!.value).toBe(EVIL);
    expect(cell!.formula).toBeUndefined();
    // No cell of any sheet is a formula.
    const formulas: string[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => { if (c.type === ExcelJS.ValueType.Formula) formulas.push(`${ws.name}!${c.address}`); }));
    expect(formulas).toEqual([]);
  });
});
