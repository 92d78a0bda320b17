// The condition builder's rows (field / operator / value, joined by 并且 or 或者) and the engine
// expression (JSON Logic) they stand for, both ways. Only expressions a JSON Schema `if` can say are
// built here (exprToSchemaIf translates them); one the rows cannot show is kept and described.
import type { Expr } from '../../../../engine/expression/index';
import { isObj, type Field } from './fieldKinds';

export type RowOp = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'filled' | 'empty';
export interface Row { field: string; op: RowOp; value?: unknown }
export interface Rows { join: 'and' | 'or'; rows: Row[] }

export const OP_TITLES: Record<RowOp, string> = {
  '==': '等于', '!=': '不等于', '>': '大于', '>=': '大于或等于', '<': '小于', '<=': '小于或等于', in: '是其中之一', filled: '已填写', empty: '未填写',
};
/** Operators offered for a field of a kind (numbers compare, choices match). */
export function opsFor(f: Field | undefined): RowOp[] {
  if (!f) return ['=='];
  if (f.kind === 'number' || f.kind === 'integer') return ['==', '!=', '>', '>=', '<', '<=', 'filled', 'empty'];
  if (f.kind === 'select') return ['==', '!=', 'in', 'filled', 'empty'];
  if (f.kind === 'boolean') return ['=='];
  return ['==', '!=', 'filled', 'empty'];
}

const fieldVar = (field: string) => ({ var: `data.${field}` });
const varField = (e: unknown): string | null => (isObj(e) && typeof e.var === 'string' && e.var.startsWith('data.') ? e.var.slice(5) : null);

function rowExpr(r: Row): Expr {
  const v = fieldVar(r.field);
  if (r.op === 'filled') return { '!!': v };
  if (r.op === 'empty') return { '!': v };
  return { [r.op]: [v, r.value] };
}

function rowOf(e: unknown): Row | null {
  if (!isObj(e) || Object.keys(e).length !== 1) return null;
  const [op] = Object.keys(e);
  const arg = e[op];
  if (op === '!!' || op === '!') {
    const field = varField(Array.isArray(arg) ? arg[0] : arg);
    return field ? { field, op: op === '!!' ? 'filled' : 'empty' } : null;
  }
  if (!(op in OP_TITLES) || !Array.isArray(arg) || arg.length !== 2) return null;
  const field = varField(arg[0]);
  if (!field || isObj(arg[1])) return null;
  return { field, op: op as RowOp, value: arg[1] };
}

export function exprOfRows(r: Rows): Expr {
  const parts = r.rows.map(rowExpr);
  return parts.length === 1 ? parts[0] : { [r.join]: parts };
}

/** The rows of an expression, or null when the builder cannot show it. */
export function rowsOfExpr(e: Expr): Rows | null {
  const one = rowOf(e);
  if (one) return { join: 'and', rows: [one] };
  if (!isObj(e) || Object.keys(e).length !== 1) return null;
  const join = 'and' in e ? 'and' : 'or' in e ? 'or' : null;
  if (!join || !Array.isArray(e[join])) return null;
  const rows = (e[join] as unknown[]).map(rowOf);
  return rows.every((r): r is Row => r !== null) && rows.length > 0 ? { join, rows } : null;
}

/** The expression with every `data.<from>` (and `data.<from>.…`) read as `data.<to>`. */
export function renameVar(e: Expr, from: string, to: string): Expr {
  if (Array.isArray(e)) return e.map((x) => renameVar(x, from, to));
  if (!isObj(e)) return e;
  if (typeof e.var === 'string' && (e.var === `data.${from}` || e.var.startsWith(`data.${from}.`))) return { ...e, var: `data.${to}${e.var.slice(5 + from.length)}` };
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, renameVar(v, from, to)]));
}

/** The top-level field names an expression reads. */
export function fieldsRead(e: Expr): string[] {
  if (Array.isArray(e)) return e.flatMap(fieldsRead);
  if (!isObj(e)) return [];
  if (typeof e.var === 'string' && e.var.startsWith('data.')) return [e.var.slice(5).split('.')[0]];
  return Object.values(e).flatMap(fieldsRead);
}

/** Fields a condition may read: the form's fields and the fields of its groups (dotted). */
export function conditionFields(fields: Field[]): Array<{ path: string; title: string; field: Field }> {
  return fields.flatMap((f) => {
    if (f.kind === 'group') return (f.children ?? []).filter((c) => c.kind !== 'group').map((c) => ({ path: `${f.name}.${c.name}`, title: `${f.title}「${c.title}」`, field: c }));
    if (['table', 'attachments', 'custom', 'other', 'daterange', 'multiselect', 'tags', 'entries'].includes(f.kind)) return [];
    return [{ path: f.name, title: f.title, field: f }];
  });
}
