// The Excel template of a sheet spec: the data sheet first (one column per field, required headers
// marked * in red, drop-downs for choices, typed validation, a comment with the rules on each
// header), then a 填写说明 sheet with the rules and an example row, and a hidden 选项 sheet holding
// long choice lists. The example lives on the instructions sheet, not among the data, so a
// template imported as it is imports nothing by mistake.
import ExcelJS from 'exceljs';
import type { Column, SheetSpec } from './columns.js';
import { headerText } from './columns.js';
import { columnRules, showValue } from './rules-text.js';

// Validations cover this many rows below the header, not the whole column: readers that expand
// ranges cell by cell (exceljs does, on load) would otherwise hang on a million cells per column.
// Rows further down are still checked by the importer.
const LAST_ROW = 10_001;
const RED = 'FFC00000';
const REQUIRED_FILL = 'FFFDE9E7';
const HEADER_FILL = 'FFEFF3F8';
const OPTIONS_SHEET = '选项';

/** Excel sheet names: at most 31 characters, none of []:*?/\ */
export const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, '').slice(0, 31) || 'Sheet1';

const colLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** A date string (YYYY-MM-DD…) as the UTC Date Excel shows as that day. */
const asDate = (v: unknown): Date | undefined => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

function exampleCell(c: Column, v: unknown): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (c.kind === 'date' || c.kind === 'datetime') return asDate(v) ?? String(v);
  if (c.kind === 'enum' || c.kind === 'boolean') return c.options?.find((o) => o.value === v)?.label ?? showValue(v);
  if (c.kind === 'list') return Array.isArray(v) ? v.map((x) => c.options?.find((o) => o.value === x)?.label ?? showValue(x)).join('、') : showValue(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  return showValue(v);
}

const numFmt = (c: Column) => (c.kind === 'date' ? 'yyyy-mm-dd' : c.kind === 'datetime' ? 'yyyy-mm-dd hh:mm' : c.kind === 'integer' ? '0' : c.kind === 'number' ? 'General' : '@');

function numberValidation(c: Column): ExcelJS.DataValidation {
  const type = c.kind === 'integer' ? 'whole' : 'decimal';
  const lo = c.exclusiveMinimum ?? c.minimum;
  const hi = c.exclusiveMaximum ?? c.maximum;
  if (lo !== undefined && hi !== undefined) return { type, operator: 'between', formulae: [lo, hi] };
  if (lo !== undefined) return { type, operator: c.exclusiveMinimum !== undefined ? 'greaterThan' : 'greaterThanOrEqual', formulae: [lo] };
  if (hi !== undefined) return { type, operator: c.exclusiveMaximum !== undefined ? 'lessThan' : 'lessThanOrEqual', formulae: [hi] };
  return { type, operator: 'between', formulae: [-1e15, 1e15] };
}

function validationOf(c: Column, optionsRange: string | undefined): ExcelJS.DataValidation | undefined {
  if (c.kind === 'enum' || c.kind === 'boolean') {
    const labels = (c.options ?? []).map((o) => o.label);
    const inline = `"${labels.join(',')}"`;
    const fits = inline.length <= 255 && labels.every((l) => !/[,"]/.test(l));
    return { type: 'list', formulae: [fits ? inline : optionsRange] };
  }
  if (c.kind === 'integer' || c.kind === 'number') return numberValidation(c);
  if (c.kind === 'date') return { type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))] };
  if (c.kind === 'string' && (c.maxLength !== undefined || (c.minLength ?? 0) > 1)) {
    return c.maxLength !== undefined
      ? { type: 'textLength', operator: 'between', formulae: [c.minLength ?? 0, c.maxLength] }
      : { type: 'textLength', operator: 'greaterThanOrEqual', formulae: [c.minLength] };
  }
  return undefined;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Draws the data sheet; returns the choice lists the hidden 选项 sheet must hold (by column). */
function dataSheet(wb: ExcelJS.Workbook, spec: SheetSpec): Array<{ title: string; labels: string[] }> {
  const lists: Array<{ title: string; labels: string[] }> = [];
  const ws = wb.addWorksheet(sheetName(spec.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    header: headerText(c), key: c.pointer, width: Math.min(40, Math.max(12, c.title.length * 2 + 4)),
    style: { numFmt: numFmt(c) },
  }));
  const header = ws.getRow(1);
  header.height = 24;
  let optionCol = 0;
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: c.required ? { argb: RED } : undefined };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? REQUIRED_FILL : HEADER_FILL } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.numFmt = '@';
    const rules = columnRules(c);
    cell.note = { texts: [{ text: `${c.title}\n${rules.join('\n')}` }] };
    let range: string | undefined;
    if (c.options && c.options.length) {
      optionCol++;
      const letter = colLetter(optionCol);
      lists.push({ title: c.title, labels: c.options.map((o) => o.label) });
      range = `'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${c.options.length + 1}`;
    }
    const v = validationOf(c, range);
    if (v) {
      const message = clip(rules.filter((r) => !r.startsWith('示例')).join('；'), 250);
      // exceljs keeps sheet-wide validations here; its typings do not declare the property.
      (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${colLetter(i + 1)}2:${colLetter(i + 1)}${LAST_ROW}`, {
        ...v, allowBlank: !c.required, showErrorMessage: true, errorStyle: 'stop', errorTitle: `「${clip(c.title, 20)}」填写有误`,
        error: message, showInputMessage: true, promptTitle: clip(c.title, 30), prompt: message,
      });
    }
  });
  return lists;
}

function instructionsSheet(wb: ExcelJS.Workbook, spec: SheetSpec) {
  const ws = wb.addWorksheet('填写说明');
  ws.columns = [{ width: 28 }, { width: 10 }, { width: 22 }, { width: 70 }, { width: 24 }];
  ws.addRow([`${spec.title} 导入模板 填写说明`]).font = { bold: true, size: 14 };
  ws.addRow(['1. 请在第一个工作表中从第 2 行起逐行填写，不要修改、删除或调换表头。']);
  ws.addRow(['2. 表头带 * 且为红色的列为必填；有下拉箭头的列请从下拉列表中选择。']);
  ws.addRow(['3. 日期请填写为日期格式（如 2025-06-30）；证件号码、电话等请按文本填写。']);
  ws.addRow(['4. 导入时逐行校验，任何一行有误则整个文件不导入，并列出每个错误的行号、列名和原因。']);
  if (spec.keyColumns.length) ws.addRow([`5. 同一文件中「${spec.keyColumns.map((c) => c.title).join('+')}」不能重复。`]);
  ws.addRow([]);
  const head = ws.addRow(['列名', '是否必填', '类型', '填写要求', '示例']);
  head.font = { bold: true };
  for (const c of spec.columns) {
    const rules = columnRules(c);
    ws.addRow([c.title, c.required ? '必填' : '选填', rules[1], rules.slice(2).filter((r) => !r.startsWith('示例')).join('；'), showValue(c.example)]);
  }
  ws.addRow([]);
  ws.addRow(['示例行（仅供参考，请勿填写在本工作表）']).font = { bold: true };
  const exHead = ws.addRow(spec.columns.map(headerText));
  exHead.font = { bold: true };
  const ex = ws.addRow(spec.columns.map((c) => exampleCell(c, c.example)));
  spec.columns.forEach((c, i) => { ex.getCell(i + 1).numFmt = numFmt(c); });
}

/** The .xlsx template of one sheet spec, as a buffer (templates are small). */
export async function buildTemplate(spec: SheetSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Beian';
  wb.created = new Date();
  // Order matters: the importer reads the first sheet, so data comes first, the hidden lists last.
  const lists = dataSheet(wb, spec);
  instructionsSheet(wb, spec);
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  lists.forEach((l, i) => {
    options.getCell(1, i + 1).value = l.title;
    l.labels.forEach((label, j) => { options.getCell(j + 2, i + 1).value = label; });
  });
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
