// Rules over the rows of a table in a form (houses, facilities, fee lines …): keys unique among
// the rows and not yet registered, a column bounded by another, a column's sum bounded by a total.
// A row rule reports every bad row on its own: `field` is the full pointer (/houses/3/room), the
// message starts with 「第 4 行：」 and the error carries the row number (runRules adds the column's
// Chinese title from the form). Messages may name values: {first} (the row a duplicate repeats),
// {sum} and {total} (rowSumAtMost).
import { Op } from 'sequelize';
import type { FieldError } from '../errors.js';
import { getPointer } from '../registry/pointer.js';
import type { JsonSchema, RuleDef } from '../registry/types.js';
import { registerKey, type RuleContext } from './rule-context.js';
import { fillMessage, type RuleCheck } from './rule-checks.js';

type Node = Record<string, unknown>;
const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

const rowsAt = (data: unknown, pointer: string): unknown[] => {
  const v = getPointer(data, pointer);
  return Array.isArray(v) ? v : [];
};

/** The schema under a pointer of the form, following local $refs and array items. */
function schemaAt(root: JsonSchema, segments: string[]): Node | undefined {
  const deref = (s: unknown): unknown => {
    for (let i = 0; i < 8 && isObj(s) && typeof s.$ref === 'string' && s.$ref.startsWith('#/'); i++) {
      s = (s.$ref as string).slice(2).split('/').reduce<unknown>((cur, k) => (isObj(cur) ? cur[k] : undefined), root);
    }
    return s;
  };
  let cur = deref(root);
  for (const seg of segments) {
    if (!isObj(cur)) return undefined;
    cur = deref(seg === '[]' ? cur.items : isObj(cur.properties) ? cur.properties[seg] : undefined);
  }
  return isObj(cur) ? cur : undefined;
}

/** The Chinese title of the field at a data pointer (/houses/3/room → 房号), read from the form. */
export function fieldTitle(schema: JsonSchema, pointer: string): string | undefined {
  const segs = pointer.split('/').slice(1).map((k) => (/^\d+$/.test(k) ? '[]' : k.replace(/~1/g, '/').replace(/~0/g, '~')));
  const title = schemaAt(schema, segs)?.title;
  return typeof title === 'string' ? title : undefined;
}

function rowError(rule: RuleDef, rows: string, index: number, column: string, values: Record<string, unknown> = {}): FieldError {
  return { field: `${rows}/${index}${column}`, row: index + 1, message: `第 ${index + 1} 行：${fillMessage(rule.message, values)}` };
}

/** Keys of several rows looked up in a register at once, chunked to stay under SQL parameter limits. */
async function activeKeys(ctx: RuleContext, register: string, keys: string[], parentId: number | undefined): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const where: Record<string | symbol, unknown> = { register, key: keys.slice(i, i + 500), status: 'active' };
    if (parentId !== undefined) where.parentId = parentId;
    // Entries this very case registered are not duplicates of themselves.
    if (ctx.caseId) where[Op.or] = [{ caseId: { [Op.ne]: ctx.caseId } }, { caseId: null }];
    const rows = await ctx.db.models.RegisterEntry.findAll({ where, attributes: ['key'], transaction: ctx.t, raw: true });
    for (const r of rows) found.add(r.key as string);
  }
  return found;
}

export const ROW_RULES: Record<string, RuleCheck> = {
  /** Rows unique on their key columns; each repeat names the row it repeats. */
  async rowsUnique(rule, ctx) {
    const p = rule.params as { rows: string; key: string[]; column?: string };
    const column = p.column ?? p.key[p.key.length - 1];
    const seen = new Map<string, number>();
    const errors: FieldError[] = [];
    rowsAt(ctx.data, p.rows).forEach((row, i) => {
      const key = registerKey(row, p.key);
      if (!key) return;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else errors.push(rowError(rule, p.rows, i, column, { first: first + 1 }));
    });
    return errors;
  },

  /** Rows whose key is already active in a register (under the parent entry the form names). */
  async rowsNotRegistered(rule, ctx) {
    const p = rule.params as { rows: string; key: string[]; register: string; parent?: string; column?: string };
    const column = p.column ?? p.key[p.key.length - 1];
    let parentId: number | undefined;
    if (p.parent) {
      const v = getPointer(ctx.data, p.parent);
      if (!present(v)) return []; // no parent chosen: the form's own check reports it
      parentId = Number(v);
    }
    const rows = rowsAt(ctx.data, p.rows).map((row) => registerKey(row, p.key));
    const keys = [...new Set(rows.filter((k): k is string => !!k))];
    if (!keys.length) return [];
    const taken = await activeKeys(ctx, p.register, keys, parentId);
    return rows.flatMap((key, i) => (key && taken.has(key) ? [rowError(rule, p.rows, i, column)] : []));
  },

  /** In every row, one column is at most another (套内面积 ≤ 建筑面积). */
  async rowsAtMost(rule, ctx) {
    const p = rule.params as { rows: string; value: string; limit: string };
    return rowsAt(ctx.data, p.rows).flatMap((row, i) => {
      const value = num(getPointer(row, p.value));
      const limit = num(getPointer(row, p.limit));
      return value !== undefined && limit !== undefined && value > limit + 1e-9 ? [rowError(rule, p.rows, i, p.value)] : [];
    });
  },

  /**
   * The sum of a column over the rows (plus, optionally, the same field of the entries already
   * registered under a parent) is at most a total: a field of the form, or a field of a register
   * entry the form refers to (the area's 总建筑面积).
   */
  async rowSumAtMost(rule, ctx) {
    const p = rule.params as {
      rows: string; column: string; total?: string;
      entry?: { register: string; id: string; field: string };
      addRegistered?: { register: string; parent: string };
    };
    let total: number | undefined;
    if (p.total) total = num(getPointer(ctx.data, p.total));
    else if (p.entry) {
      const id = getPointer(ctx.data, p.entry.id);
      const entry = present(id)
        ? await ctx.db.models.RegisterEntry.findOne({ where: { id: Number(id), register: p.entry.register }, attributes: ['data'], transaction: ctx.t, raw: true })
        : null;
      total = num(getPointer(entry?.data, p.entry.field));
    }
    if (total === undefined) return [];
    let sum = rowsAt(ctx.data, p.rows).reduce<number>((acc, row) => acc + (num(getPointer(row, p.column)) ?? 0), 0);
    if (p.addRegistered) {
      const parent = getPointer(ctx.data, p.addRegistered.parent);
      if (present(parent)) {
        const where: Record<string | symbol, unknown> = { register: p.addRegistered.register, parentId: Number(parent), status: 'active' };
        if (ctx.caseId) where[Op.or] = [{ caseId: { [Op.ne]: ctx.caseId } }, { caseId: null }];
        const entries = await ctx.db.models.RegisterEntry.findAll({ where, attributes: ['data'], transaction: ctx.t, raw: true });
        for (const e of entries) sum += num(getPointer(e.data, p.column)) ?? 0;
      }
    }
    if (sum <= total + 1e-9) return [];
    const round = (n: number) => Math.round(n * 100) / 100;
    return [{ field: rule.field, message: fillMessage(rule.message, { sum: round(sum), total: round(total) }) }];
  },
};
