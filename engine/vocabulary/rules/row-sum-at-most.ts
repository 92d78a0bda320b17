// The sum of a column over the rows (plus, optionally, the same field of the entries already
// registered under a parent) is at most a total: a field of the form, or a field of a register
// entry the form refers to (the area's 总建筑面积). {sum} and {total} in the message.
import { Op } from 'sequelize';
import { getPointer } from '../../registry/pointer.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { fail } from './failures.js';
import { rowsAt } from './rows.js';
import { num } from './values.js';

const present = (v: unknown) => v !== undefined && v !== null && v !== '';
const round = (n: number) => Math.round(n * 100) / 100;

export default rule({
  title: '列表某列之和（可加上名录中已登记的）不超过表单字段或所引用名录条目的字段；消息可写 {sum}、{total}',
  params: {
    type: 'object', required: ['rows', 'column'], oneOf: [{ required: ['total'] }, { required: ['entry'] }],
    properties: {
      rows: pointer,
      column: pointer,
      total: pointer,
      entry: {
        type: 'object', required: ['register', 'id', 'field'], additionalProperties: false,
        properties: { register: { type: 'string', minLength: 1 }, id: pointer, field: pointer },
      },
      addRegistered: {
        type: 'object', required: ['register', 'parent'], additionalProperties: false,
        properties: { register: { type: 'string', minLength: 1 }, parent: pointer },
      },
    },
    additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
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
    return sum <= total + 1e-9 ? [] : fail(r, { sum: round(sum), total: round(total) });
  },
});
