// Tables as an .xlsx workbook, one sheet each (the dashboard's figures): a bold, frozen header row
// and the cells as given. Small by nature — the figures, not the cases — so written in memory.
import ExcelJS from 'exceljs';
import { sheetName } from './template.js';

export interface SheetTable { name: string; header: string[]; rows: Array<Array<string | number | null>> }

export async function writeTablesXlsx(tables: SheetTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const t of tables) {
    // Sheet names are unique and at most 31 characters in Excel.
    let name = sheetName(t.name);
    for (let i = 2; used.has(name); i++) name = `${sheetName(t.name).slice(0, 27)}(${i})`;
    used.add(name);
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.header).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
    ws.columns.forEach((c, i) => { c.width = i === 0 ? 28 : 16; });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
