// Importing a register from Excel: one new case per row of the whole-form sheet (a person, a
// facility), as if each were added by hand and saved. The sheet is read and checked cell by cell
// like any import; then every row is validated with the form and the type's rules and created in
// one transaction (runtime createCasesFromRows). All or nothing: any error and no case is created;
// each error names the Excel row, the column's title, the value and the reason.
import type { Engine } from '../context.js';
import { AppError, type FieldError } from '../errors.js';
import type { SessionUser } from '../auth/types.js';
import { getPointer, type TypeVersionDef } from '../registry/index.js';
import { createCasesFromRows } from '../runtime/index.js';
import { sheetSpec, type SheetSpec } from './columns.js';
import { SheetImport, type RowError } from './row-import.js';
import { inspectXlsx } from '../files/index.js';
import type { TempUpload } from './upload.js';

/** Rows one import may create: a register's bulk add, answered while the user waits. */
export const MAX_CASE_ROWS = 2000;

export interface CaseRowsResult {
  created: number;
  rows: Array<{ row: number; id: number; number: string; title: string | null; state: string }>;
  /** Columns left out of the import (not in the template), each with the reason. */
  warnings: RowError[];
}

const text = (v: unknown) => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join('、') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A rule or schema error of one row, placed at its Excel cell. */
function toRowError(spec: SheetSpec, excelRow: number, data: Record<string, unknown>, e: FieldError): RowError {
  const col = spec.columns.find((c) => c.pointer === e.field)
    ?? spec.columns.filter((c) => e.field.startsWith(`${c.pointer}/`)).sort((a, b) => b.pointer.length - a.pointer.length)[0];
  return { row: excelRow, column: col?.title ?? e.title ?? e.column, field: e.field, value: text(getPointer(data, e.field)), message: e.message };
}

export async function importCaseRows(engine: Engine, user: SessionUser, def: TypeVersionDef, upload: TempUpload): Promise<CaseRowsResult> {
  const spec = sheetSpec(def, '');
  const sheet = new SheetImport(engine.ajv, spec, { maxRows: MAX_CASE_ROWS });
  try {
    const zip = await inspectXlsx(upload.file);
    await sheet.open(upload.file, zip.dimensionRows);
    const outcome = await sheet.run();
    if (outcome.errorCount) throw new AppError('IMPORT_INVALID', { count: outcome.errorCount }, outcome.errors);
    const event = def.settings.imports?.['/']?.event;
    const { created, rejected } = await createCasesFromRows(engine, user, def, outcome.rows, event);
    if (rejected.length) {
      const errors = rejected.flatMap((r) => r.errors.map((e) => toRowError(spec, outcome.rowNumbers[r.index], outcome.rows[r.index], e)));
      throw new AppError('IMPORT_INVALID', { count: errors.length }, errors);
    }
    return { created: created.length, rows: created.map((c) => ({ row: outcome.rowNumbers[c.index], id: c.id, number: c.number, title: c.title, state: c.state })), warnings: outcome.warnings };
  } finally {
    await sheet.close().catch(() => undefined);
    await upload.remove();
  }
}
