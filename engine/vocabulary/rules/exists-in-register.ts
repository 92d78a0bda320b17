// The entry at `id`, or without `id` any entry under the `parent` the form names (e.g. a contract
// of this company for the chosen area); optionally of the applicant and with given data.
import { getPointer } from '../../registry/pointer.js';
import { rawOf } from '../../runtime/rule-context.js';
import { holdsRule } from '../entry.js';
import { pointer } from '../schemas.js';

const blank = (v: unknown) => v === undefined || v === null || v === '';
const same = (a: unknown, b: unknown) => String(a ?? '').trim().toUpperCase() === String(b ?? '').trim().toUpperCase();

export default holdsRule({
  title: '引用的名录条目存在且有效（可限本单位、限上级条目、限条目数据）',
  params: {
    type: 'object', required: ['register'], anyOf: [{ required: ['id'] }, { required: ['parent'] }],
    properties: {
      register: { type: 'string' },
      /** Pointer to the entry id; without it, any entry matching the other filters will do. */
      id: pointer,
      ownOrg: { type: 'boolean' },
      /** Pointer to the parent entry id (e.g. the chosen area: a contract under it). */
      parent: pointer,
      /** Entry data pointer → required value (e.g. { "/contractType": "前期" }). */
      dataEquals: { type: 'object', propertyNames: pointer, additionalProperties: {} },
      /** Entry data pointer → form pointer whose value it must equal (trimmed, case-insensitive). */
      match: { type: 'object', propertyNames: pointer, additionalProperties: pointer },
    },
    additionalProperties: false,
  },
  holds: async (p, ctx) => {
    const at = (ptr: string) => getPointer(ctx.data, ptr);
    const conds = ['"register" = ?', "status = 'active'"];
    const params: unknown[] = [p.register];
    if (p.id !== undefined) {
      if (blank(at(p.id))) return true;
      conds.push('id = ?');
      params.push(Number(at(p.id)));
    }
    if (p.parent !== undefined) {
      if (blank(at(p.parent))) return true;
      conds.push('parent_id = ?');
      params.push(Number(at(p.parent)));
    }
    if (p.ownOrg) {
      conds.push(ctx.orgId === null || ctx.orgId === undefined ? 'org_id IS NULL' : 'org_id = ?');
      if (ctx.orgId !== null && ctx.orgId !== undefined) params.push(ctx.orgId);
    }
    const where = conds.join(' AND ');
    if (!p.dataEquals && !p.match) return !!(await rawOf(ctx).get(`SELECT 1 AS hit FROM register_entries WHERE ${where} LIMIT 1`, params));
    // Data fields are compared here, not in SQL, so JSON matching is the same on SQLite and PostgreSQL.
    const wanted = Object.entries(p.match ?? {}).map(([ptr, from]) => [ptr, at(from)] as const);
    if (wanted.some(([, v]) => blank(v))) return true;
    const entries = await rawOf(ctx).all(`SELECT data FROM register_entries WHERE ${where}`, params);
    return entries.some((e) => Object.entries(p.dataEquals ?? {}).every(([ptr, v]) => getPointer(e.data, ptr) === v)
      && wanted.every(([ptr, v]) => same(getPointer(e.data, ptr), v)));
  },
});
