// Rows whose key is not yet active in a register (under the parent entry the form names, e.g. the
// houses of one area); each registered one is reported at its cell.
import { Op } from 'sequelize';
import { getPointer } from '../../registry/pointer.js';
import { registerKey, type RuleContext } from '../../runtime/rule-context.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { rowError } from './failures.js';
import { rowKey, rowsAt } from './rows.js';

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

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

export default rule({
  title: '列表各行的关键列尚未在名录中登记（可限同一上级条目，如同一物业区域）',
  params: {
    type: 'object', required: ['rows', 'key', 'register'],
    properties: { ...rowKey, register: { type: 'string', minLength: 1 }, parent: pointer }, additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
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
    return rows.flatMap((key, i) => (key && taken.has(key) ? [rowError(r, p.rows, i, column)] : []));
  },
});
