// Rules that look at other cases, for registers kept as cases (a person, a facility, a plan):
// uniqueness among the live cases of a type (a person 在职 in one company only; 设备编号 unique in
// an area), a reference to another case (a plan's facility, of the same company), and a bound that
// applies only when the referenced case has some value (an elevator's maintenance period).
// Case data is JSON: the key fields are compared in SQL as text (json_extract on SQLite, #>> on
// PostgreSQL) to find the few candidates, then again here so both databases judge alike.
import { Op, type WhereOptions } from 'sequelize';
import type { FieldError } from '../errors.js';
import { getPointer, type RuleDef } from '../registry/index.js';
import type { RuleContext } from './rules.js';
import { fillMessage, type RuleCheck } from './rule-checks.js';

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const norm = (v: unknown) => String(v).trim().toUpperCase();
const SAFE_KEY = /^[A-Za-z0-9_]+$/;

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

const fail = (rule: RuleDef, vars: Record<string, unknown>): FieldError[] => [{ field: rule.field, message: fillMessage(rule.message, vars) }];

export const CASE_RULES: Record<string, RuleCheck> = {
  /** No other case of the type (in the given states) has the same key values. */
  async uniqueAmongCases(rule, ctx) {
    const p = rule.params as { type: string; key: string[]; states?: string[]; org?: 'same' | 'other' | 'any' };
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
    const same = rows.find((r) => p.key.every((k, i) => !blank(getPointer(r.data, k)) && norm(getPointer(r.data, k)) === norm(values[i])));
    if (!same) return [];
    return fail(rule, { value: values.map(String).join(' '), number: same.number, org: await orgName(ctx, same.orgId) });
  },

  /** The case id at `id` is a case of `type` (in `states`; of the applicant with ownOrg). */
  async existsAsCase(rule, ctx) {
    const p = rule.params as { id: string; type: string; states?: string[]; ownOrg?: boolean };
    const id = Number(getPointer(ctx.data, p.id));
    if (blank(getPointer(ctx.data, p.id))) return [];
    const where: Record<string, unknown> = { id: Number.isInteger(id) ? id : -1, typeId: p.type };
    if (p.states) where.state = p.states;
    if (p.ownOrg) where.orgId = ctx.orgId ?? -1;
    return (await ctx.db.models.Case.count({ where, transaction: ctx.t })) > 0 ? [] : fail(rule, {});
  },

  /** A number at most `max`; with whenCase only while the referenced case's field is one of `in`. */
  async numberAtMost(rule, ctx) {
    const p = rule.params as { value: string; max: number; whenCase?: { id: string; field: string; in: unknown[] } };
    const actual = getPointer(ctx.data, p.value);
    if (typeof actual !== 'number' || actual <= p.max) return [];
    if (p.whenCase) {
      const id = Number(getPointer(ctx.data, p.whenCase.id));
      if (!Number.isInteger(id) || id <= 0) return [];
      const ref = await ctx.db.models.Case.findByPk(id, { attributes: ['data'], transaction: ctx.t, raw: true });
      if (!ref || !p.whenCase.in.includes(getPointer(ref.data, p.whenCase.field))) return [];
    }
    return fail(rule, { actual, max: p.max });
  },
};
