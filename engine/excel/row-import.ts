// Reading one sheet into validated rows: the header row matched to the spec's columns by title,
// then each row converted cell by cell, validated with the same Ajv schema as the form (the item
// schema of the list), and checked for duplicate keys inside the file. Every problem is collected
// with its row number, column title, value and a Chinese reason; the caller decides all-or-nothing.
import type Ajv from 'ajv';
import { AppError } from '../errors.js';
import { validateForm } from '../validation/index.js';
import { normalizeHeader, pickKeys, pointerKeys, type Column, type SheetSpec } from './columns.js';
import { cellText, convertCell } from './cells.js';
import { readFirstSheet, type SheetRow } from './sheet-reader.js';

export interface RowError {
  /** Excel row number (the header is row 1). */
  row: number;
  column?: string;
  field?: string;
  value?: string;
  message: string;
}

/**
 * Takes each valid row as it is read, instead of the rows being kept in `SheetOutcome.rows`; may
 * return a promise to hold the reading back. Rows stop coming at the first error: then whatever
 * the sink got must be thrown away.
 */
export type RowSink = (row: Record<string, unknown>, excelRow: number) => Promise<void> | undefined;

export interface SheetOutcome {
  /** The valid rows (empty with errors, or when a sink took them). */
  rows: Array<Record<string, unknown>>;
  /** The Excel row number of each row (blank lines are skipped, so they are not consecutive). */
  rowNumbers: number[];
  errors: RowError[];
  /** All errors found, also those past the list kept in `errors`. */
  errorCount: number;
  rowsRead: number;
  /** What was forgiven rather than refused: columns not in the template, ignored. */
  warnings: RowError[];
}

export interface SheetImportOptions {
  maxRows?: number;
  /** Errors kept in the answer; more are counted, not listed. */
  maxErrors?: number;
  /** Called every `progressEvery` rows with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
  progressEvery?: number;
  signal?: AbortSignal;
}

const fileInvalid = (reason: string, details?: unknown) => new AppError('IMPORT_FILE_INVALID', { reason }, details);
/** Rows searched for the header: people put a merged title row (and a blank line or a note) above it. */
const HEADER_SEARCH_ROWS = 10;
/** Data rows one import may hold unless the caller sets maxRows. */
const MAX_ROWS = 200_000;

/** Sets the value at a pointer given as its keys, creating the objects (a list for a slot index) on the way. */
function setAt(target: Record<string, unknown>, keys: string[], value: unknown) {
  let cur = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

/** Closes the gaps a blank column group leaves in a slotted list (证书1 empty, 证书2 filled). */
function compactLists(value: unknown): void {
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(v) && v.length !== Object.keys(v).length) (value as Record<string, unknown>)[k] = v.filter(() => true);
    compactLists((value as Record<string, unknown>)[k]);
  }
}

/** The column an Ajv error belongs to: the same pointer, or the nearest one above or below it. */
function columnFor(columns: Column[], field: string): Column | undefined {
  return columns.find((c) => c.pointer === field)
    ?? columns.filter((c) => field.startsWith(`${c.pointer}/`)).sort((a, b) => b.pointer.length - a.pointer.length)[0]
    ?? columns.find((c) => c.pointer.startsWith(`${field}/`));
}

export class SheetImport {
  private rows?: AsyncGenerator<SheetRow>;
  private byIndex: Array<Column | undefined> = [];
  private keysByIndex: string[][] = [];
  /** Column index by pointer: the cell as typed is looked up only for an error message. */
  private indexByPointer = new Map<string, number>();
  private readonly keyColumnKeys: string[][];
  /** Columns ignored (not in the template, or without a header), reported once each. */
  private readonly warnings: RowError[] = [];
  private readonly ignored = new Set<number>();

  constructor(private readonly ajv: Ajv, readonly spec: SheetSpec, private readonly opts: SheetImportOptions = {}) {
    this.keyColumnKeys = spec.keyColumns.map((c) => pointerKeys(c.pointer));
  }

  /** Reads the header row; refuses a file whose headers are not the template's. */
  async open(file: string, declaredRows?: number): Promise<void> {
    // The sheet's own <dimension> (zip-guard reads it): a file declaring a million rows is refused
    // before a single row is parsed, instead of after reading up to the limit.
    const maxRows = this.opts.maxRows ?? MAX_ROWS;
    if (declaredRows !== undefined && declaredRows - 1 > maxRows) throw fileInvalid(`数据超过 ${maxRows} 行（文件中有 ${declaredRows - 1} 行），请分批导入`);
    this.rows = readFirstSheet(file);
    const byTitle = new Map(this.spec.columns.map((c) => [normalizeHeader(c.title), c]));
    const matches = (cells: unknown[]) => cells.filter((cell) => byTitle.has(normalizeHeader(cellText(cell).trim()))).length;
    // The header is the first row naming any template column; rows above it (a title merged
    // across the columns, a note) are not data. Found nowhere near the top: not our template.
    let header: SheetRow | undefined;
    let anyText = false;
    for (let n = 0; n < HEADER_SEARCH_ROWS && !header; n++) {
      const next = await this.rows.next();
      if (next.done) break;
      anyText ||= next.value.cells.some((c) => cellText(c).trim() !== '');
      if (matches(next.value.cells) > 0) header = next.value;
    }
    if (!header) {
      throw fileInvalid(anyText ? `前 ${HEADER_SEARCH_ROWS} 行中找不到模板的表头（第一行不是模板的表头），请使用下载的模板` : '表格是空的（第一个工作表没有表头，也没有数据）');
    }
    const headerRow = header.number;
    const problems: RowError[] = [];
    const seen = new Set<Column>();
    header.cells.forEach((cell, i) => {
      const text = cellText(cell).trim();
      if (!text) return;
      const col = byTitle.get(normalizeHeader(text));
      if (!col) this.ignore(i, { row: headerRow, column: text, value: text, message: `表头「${text}」不是模板中的列，该列已忽略` });
      else if (seen.has(col)) problems.push({ row: headerRow, column: text, value: text, message: `表头「${text}」重复` });
      else { seen.add(col); this.byIndex[i] = col; this.keysByIndex[i] = pointerKeys(col.pointer); this.indexByPointer.set(col.pointer, i); }
    });
    for (const c of this.spec.columns) {
      if (c.required && !seen.has(c)) problems.push({ row: headerRow, column: c.title, message: `缺少必填列「${c.title}」` });
    }
    if (problems.length) throw fileInvalid(`表头与模板不符：${problems.map((p) => p.message).join('；')}`, problems);
  }

  /** Leaves column i out of the import, with a warning the first time. */
  private ignore(i: number, warning: RowError): void {
    if (this.ignored.has(i)) return;
    this.ignored.add(i);
    this.warnings.push(warning);
  }

  /** Reads, converts and validates every remaining row; valid rows go to `sink` when given. */
  async run(sink?: RowSink): Promise<SheetOutcome> {
    if (!this.rows) throw new Error('SheetImport.open() first');
    const { maxRows = MAX_ROWS, maxErrors = 50_000, onProgress, progressEvery = 1000, signal } = this.opts;
    const keys = new Map<string, number>();
    const rows: Array<Record<string, unknown>> = [];
    const rowNumbers: number[] = [];
    const errors: RowError[] = [];
    let errorCount = 0;
    let rowsRead = 0;
    const report = (e: RowError) => {
      errorCount++;
      if (errors.length < maxErrors) errors.push(e);
    };
    for await (const { number, cells } of this.rows) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const row: Record<string, unknown> = {};
      let filled = false;
      let bad = false;
      for (let i = 0; i < cells.length; i++) {
        const raw = cells[i];
        if (raw === undefined || raw === null) continue;
        const col = this.byIndex[i];
        if (!col) {
          // A column outside the template (a note, a hidden helper column): left out, said once.
          if (cellText(raw).trim()) this.ignore(i, { row: number, column: `第 ${i + 1} 列`, value: cellText(raw), message: `第 ${i + 1} 列没有模板中的表头，该列已忽略` });
          continue;
        }
        const converted = convertCell(col, raw);
        if (converted.error !== undefined) {
          filled = bad = true;
          report({ row: number, column: col.title, field: col.pointer, value: cellText(raw), message: `「${col.title}」${converted.error}` });
        } else if (converted.value !== undefined) {
          filled = true;
          setAt(row, this.keysByIndex[i], converted.value);
        }
      }
      if (!filled) continue; // blank line, or only formatting
      compactLists(row);
      rowsRead++;
      if (rowsRead > maxRows) throw fileInvalid(`数据超过 ${maxRows} 行，请分批导入`);
      if (onProgress && rowsRead % progressEvery === 0) onProgress(rowsRead);
      if (!bad) {
        for (const e of validateForm(this.ajv, this.spec.rowSchema, row)) {
          const col = columnFor(this.spec.columns, e.field);
          report({ row: number, column: col?.title ?? e.title, field: e.field, value: col ? this.typed(cells, col.pointer) : '', message: e.message });
        }
      }
      const keyValues = this.keyColumnKeys.map((keys) => pickKeys(row, keys));
      if (keyValues.length && keyValues.every((v) => v !== undefined)) {
        const key = JSON.stringify(keyValues);
        const earlier = keys.get(key);
        if (earlier !== undefined) {
          const titles = this.spec.keyColumns.map((c) => c.title).join('+');
          report({ row: number, column: titles, value: this.spec.keyColumns.map((c) => this.typed(cells, c.pointer)).join('/'), message: `与第 ${earlier} 行重复（${titles}不能重复）` });
        } else keys.set(key, number);
      }
      // All or nothing: once anything is wrong the rows are not needed, only the errors.
      if (errorCount === 0) {
        if (!sink) { rows.push(row); rowNumbers.push(number); } else {
          const wait = sink(row, number);
          if (wait) await wait;
        }
      } else if (rows.length) rows.length = rowNumbers.length = 0;
    }
    onProgress?.(rowsRead);
    if (rowsRead === 0 && errorCount === 0) throw fileInvalid('表格中没有数据（表头下没有填写任何行）');
    const { minItems, maxItems, title } = this.spec;
    if (maxItems !== undefined && rowsRead > maxItems) report({ row: 0, message: `「${title}」最多 ${maxItems} 行，文件中有 ${rowsRead} 行` });
    if (minItems !== undefined && rowsRead < minItems) report({ row: 0, message: `「${title}」至少需要 ${minItems} 行` });
    return { rows: errorCount ? [] : rows, rowNumbers: errorCount ? [] : rowNumbers, errors, errorCount, rowsRead, warnings: this.warnings };
  }

  /** The cell of a column as the user typed it, for an error message. */
  private typed(cells: unknown[], pointer: string): string {
    const i = this.indexByPointer.get(pointer);
    return i === undefined ? '' : cellText(cells[i]);
  }

  /** Stops reading and closes the file (after a refusal, or when the server stops). */
  async close(): Promise<void> {
    await this.rows?.return(undefined);
  }
}
