// No other live case of a type has the same key values (a person 在职 in one company only; 设备编号
// unique in an area). Case data is JSON: the key fields are compared in SQL as text (json_extract on
// SQLite, #>> on PostgreSQL) to find the few candidates, then again here so both databases judge
// alike. {value}, {number} (the other case) and {org} (its organisation) in the message.
import { Op, type WhereOptions } from 'sequelize';
import { getPointer } from '../../registry/pointer.js';
import type { RuleContext } from '../../runtime/rule-context.js';
import { rule } from '../entry.js';
import { pointerList } from '../schemas.js';
import { fail } from './failures.js';

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const norm = (v: unknown) => String(v).trim().toUpperCase();
const SAFE_KEY = /^[A-Za-z0-9_]+$/;
const stateList = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } as const;

/** A where clause comparing the text at a pointer of the case data, or undefined for unusual keys. */
function jsonTextEquals(ctx: RuleContext, pointer: string, value: unknown): WhereOptions | undefined {
  const keys = pointer.split('/').slice(1);
  if (keys.length === 0 || !keys.every((k) => SAFE_KEY.test(k))) return undefined;
  const { sequelize, dialect } = ctx.db;
  const expr = dialect === 'postgres'
    ? `UPPER("data"#>>'{${keys.join(',')}}')`
    : `UPPER(CAST(json_extract("data", '$.${keys.join('.')}') AS TEXT))`;
  return sequelize.where(sequelize.literal(expr), norm(value)) as WhereOptions;
}

async function orgName(ctx: RuleContext, orgId: unknown): Promise<string> {
  if (!orgId) return '';
  const org = await ctx.db.models.Org.findByPk(orgId as number, { attributes: ['name'], transaction: ctx.t, raw: true });
  return (org?.name as string | undefined) ?? '';
}

export default rule({
  title: '在某类业务单（限环节）中按关键字段唯一，如同一人只能在一家企业在职；消息可写 {value}、{number}、{org}',
  params: {
    type: 'object', required: ['type', 'key'],
    properties: {
      type: { type: 'string', minLength: 1 },
      key: pointerList,
      /** Only cases in these states count (default: every case not closed and not a draft). */
      states: stateList,
      /** same: only the applicant's own cases; other: only other organisations'; any (default). */
      org: { enum: ['same', 'other', 'any'] },
    },
    additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
    const values = p.key.map((k) => getPointer(ctx.data, k));
    if (values.some(blank)) return [];
    const and: WhereOptions[] = [{ typeId: p.type }];
    and.push(p.states ? { state: p.states } : { status: 'active' });
    if (ctx.caseId) and.push({ id: { [Op.ne]: ctx.caseId } });
    if (p.org === 'same') and.push({ orgId: ctx.orgId });
    if (p.org === 'other' && ctx.orgId) and.push({ [Op.or]: [{ orgId: { [Op.ne]: ctx.orgId } }, { orgId: null }] });
    p.key.forEach((k, i) => {
      const w = jsonTextEquals(ctx, k, values[i]);
      if (w) and.push(w);
    });
    const rows = await ctx.db.models.Case.findAll({
      where: { [Op.and]: and }, attributes: ['id', 'number', 'orgId', 'data'], limit: 50, transaction: ctx.t, raw: true,
    });
    const same = rows.find((c) => p.key.every((k, i) => !blank(getPointer(c.data, k)) && norm(getPointer(c.data, k)) === norm(values[i])));
    if (!same) return [];
    return fail(r, { value: values.map(String).join(' '), number: same.number, org: await orgName(ctx, same.orgId) });
  },
});
