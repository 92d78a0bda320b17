// The case list as an .xlsx: the caller's visible cases with the list's filters (the same scoping
// as GET /api/cases), written with exceljs's streaming writer in batches, so a long list never
// sits in memory. Columns: business number, the type's list columns (when one type is chosen),
// state and dates.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Op } from 'sequelize';
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/types.js';
import { caseListWhere, stateTitle, type CaseListQuery } from '../runtime/index.js';
import { pick } from './columns.js';
import { showValue } from './rules-text.js';
import { sheetName } from './template.js';

const BATCH = 500;
const MAX_ROWS = 200_000;
const STATUS: Record<string, string> = { draft: '草稿', active: '办理中', closed: '已办结' };
const CST_MS = 8 * 3600 * 1000;

/** Excel has no time zones: a timestamp is written as the wall-clock time in China (UTC+8). */
const wallClock = (v: unknown) => (v ? new Date(new Date(v as string).getTime() + CST_MS) : null);

const cellOf = (v: unknown): ExcelJS.CellValue =>
  typeof v === 'number' || typeof v === 'string' ? v : v === undefined || v === null ? null : showValue(v);

export function exportFileName(engine: Engine, query: CaseListQuery): string {
  const title = query.type ? engine.registry.current(query.type)?.settings.title ?? query.type : '业务单';
  return `${title}-${new Date(Date.now() + CST_MS).toISOString().slice(0, 10)}.xlsx`;
}

/** Streams the export to `out`; resolves when the workbook is complete. */
export async function writeCaseExport(engine: Engine, user: SessionUser, query: CaseListQuery, out: Writable): Promise<number> {
  const def = query.type ? engine.registry.current(query.type) : undefined;
  const listColumns = def?.settings.listColumns ?? [];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName(def?.settings.title ?? '业务单'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const date = { numFmt: 'yyyy-mm-dd hh:mm' };
  ws.columns = [
    { header: '业务编号', key: 'number', width: 22 },
    ...(def ? [] : [{ header: '业务类型', key: 'type', width: 18 }]),
    ...(listColumns.length ? listColumns.map((c, i) => ({ header: c.title, key: `f${i}`, width: 20 })) : [{ header: '标题', key: 'title', width: 30 }]),
    { header: '当前环节', key: 'state', width: 14 },
    { header: '状态', key: 'status', width: 10 },
    { header: '创建时间', key: 'createdAt', width: 18, style: date },
    { header: '提交时间', key: 'submittedAt', width: 18, style: date },
    { header: '办结时间', key: 'closedAt', width: 18, style: date },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const where = caseListWhere(engine.registry.roles, user, query);
  let lastId: number | undefined;
  let count = 0;
  for (;;) {
    const rows = await engine.db.models.Case.findAll({
      where: lastId === undefined ? where : { [Op.and]: [where, { id: { [Op.lt]: lastId } }] },
      attributes: ['id', 'number', 'typeId', 'typeVersion', 'title', 'state', 'status', 'data', 'createdAt', 'submittedAt', 'closedAt'],
      order: [['id', 'DESC']], limit: BATCH, raw: true,
    });
    for (const r of rows) {
      const rowDef = await engine.registry.get(r.typeId as string, r.typeVersion as number);
      const values: Record<string, ExcelJS.CellValue> = {
        number: r.number as string, type: rowDef.settings.title, title: r.title as string,
        state: stateTitle(rowDef.workflow, String(r.state).split(',')), status: STATUS[r.status as string] ?? (r.status as string),
        createdAt: wallClock(r.createdAt), submittedAt: wallClock(r.submittedAt), closedAt: wallClock(r.closedAt),
      };
      listColumns.forEach((c, i) => { values[`f${i}`] = cellOf(pick(r.data, c.field)); });
      ws.addRow(values).commit();
      if (++count >= MAX_ROWS) break;
    }
    if (rows.length < BATCH || count >= MAX_ROWS) break;
    lastId = rows[rows.length - 1].id as number;
  }
  ws.commit();
  await wb.commit();
  return count;
}
