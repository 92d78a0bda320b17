// Dates inside the rows of a list: one date after another in every row (a certificate's 有效期至
// after its 发证日期), and a date not yet passed (an expired certificate; meant as a warning, so
// the record is kept and the reviewer or the company sees the flag). Each bad row is reported on
// its own cell with 「第 N 行：」, like the other row rules.
import type { FieldError } from '../errors.js';
import { getPointer } from '../registry/pointer.js';
import type { RuleDef } from '../registry/types.js';
import { fillMessage, type RuleCheck } from './rule-checks.js';

type Row = Record<string, unknown>;
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);

const rowsAt = (data: unknown, pointer: string): Row[] => {
  const v = getPointer(data, pointer);
  return Array.isArray(v) ? v.map((r) => (r && typeof r === 'object' ? r as Row : {})) : [];
};

function rowError(rule: RuleDef, rows: string, index: number, column: string, vars: Row): FieldError {
  return { field: `${rows}/${index}${column}`, row: index + 1, message: `第 ${index + 1} 行：${fillMessage(rule.message, vars)}` };
}

export const ROW_DATE_RULES: Record<string, RuleCheck> = {
  async rowsDateAfter(rule, ctx) {
    const p = rule.params as { rows: string; date: string; after: string; orEqual?: boolean };
    return rowsAt(ctx.data, p.rows).flatMap((row, i) => {
      const date = getPointer(row, p.date);
      const after = getPointer(row, p.after);
      if (!isDate(date) || !isDate(after)) return [];
      const a = date.slice(0, 10);
      const b = after.slice(0, 10);
      return a > b || (p.orEqual && a === b) ? [] : [rowError(rule, p.rows, i, p.date, { ...row, date: a, after: b })];
    });
  },

  async rowsDatePassed(rule, ctx) {
    const p = rule.params as { rows: string; date: string };
    const today = (ctx.now ?? new Date()).toISOString().slice(0, 10);
    return rowsAt(ctx.data, p.rows).flatMap((row, i) => {
      const date = getPointer(row, p.date);
      return isDate(date) && date.slice(0, 10) < today ? [rowError(rule, p.rows, i, p.date, { ...row, date: date.slice(0, 10) })] : [];
    });
  },
};
