// Every selected row matches an active register entry (a member is an owner registered in the
// area): each row that does not is reported at its cell, its fields fillable into the message.
import { Op } from 'sequelize';
import { getPointer } from '../../registry/pointer.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { fillMessage } from '../../runtime/rule-checks.js';
import { rowSelection, selectRows } from './rows.js';

type Row = Record<string, unknown>;
const norm = (v: unknown) => String(v).trim().toUpperCase();
const blank = (v: unknown) => v === undefined || v === null || v === '';

export default rule({
  title: '每行与名录中某条目相符（如成员是该物业区域登记的业主）',
  params: {
    type: 'object', required: ['rows', 'register', 'match'],
    properties: {
      ...rowSelection,
      register: { type: 'string', minLength: 1 },
      /** Pointer into the case data to the parent entry id (e.g. the area): only its children count. */
      parent: pointer,
      /** Entry data field → row pointer; every one must be equal (trimmed, case-insensitive). */
      match: { type: 'object', minProperties: 1, additionalProperties: pointer },
      /** Row pointer the error is reported on (default: the first of match). */
      report: pointer,
    },
    additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
    const match = Object.entries(p.match);
    const rows = selectRows(ctx.data, p).filter(({ row }) => match.every(([, ptr]) => !blank(getPointer(row, ptr))));
    if (rows.length === 0) return [];
    const where: Record<string | symbol, unknown> = { register: p.register, status: 'active' };
    if (p.parent) {
      const parentId = Number(getPointer(ctx.data, p.parent));
      if (!parentId) return []; // no parent chosen: the parent's own rule reports it
      where.parentId = parentId;
    }
    // The entries of one parent (the houses of an area) are few enough to compare here, which
    // keeps JSON field matching identical on SQLite and PostgreSQL.
    const entries = await ctx.db.models.RegisterEntry.findAll({ where: { [Op.and]: [where] }, attributes: ['data'], transaction: ctx.t, raw: true });
    const keys = new Set(entries.map((e) => match.map(([field]) => norm((e.data as Row)?.[field] ?? '')).join('\u0000')));
    const report = p.report ?? match[0][1];
    return rows
      .filter(({ row }) => !keys.has(match.map(([, ptr]) => norm(getPointer(row, ptr))).join('\u0000')))
      .map(({ row, index }) => ({
        field: `${p.rows}/${index}${report}`,
        row: index + 1,
        message: `第 ${index + 1} 行：${fillMessage(r.message, row)}`,
      }));
  },
});
