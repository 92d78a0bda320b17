// Rules for registers kept as cases (a person, a facility, a plan): uniqueness among the live cases
// of a type (a person 在职 in one company only; 设备编号 unique in an area), and a bound that applies
// only when a referenced register entry has some value (an elevator's maintenance period).
// Case data is JSON: the key fields are compared in SQL as text (json_extract on SQLite, #>> on
// PostgreSQL) to find the few candidates, then again here so both databases judge alike.
import { Op, type WhereOptions } from 'sequelize';
import type { FieldError } from '../errors.js';
import { getPointer } from '../registry/pointer.js';
import type { RuleDef } from '../registry/types.js';
import type { RuleContext } from './rule-context.js';
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

  /** A number at most `max`; with whenEntry only while the referenced register entry's field is one of `in`. */
  async numberAtMost(rule, ctx) {
    const p = rule.params as { value: string; max: number; whenEntry?: { register: string; id: string; field: string; in: unknown[] } };
    const actual = getPointer(ctx.data, p.value);
    if (typeof actual !== 'number' || actual <= p.max) return [];
    if (p.whenEntry) {
      const id = Number(getPointer(ctx.data, p.whenEntry.id));
      if (!Number.isInteger(id) || id <= 0) return [];
      const entry = await ctx.db.models.RegisterEntry.findOne({ where: { id, register: p.whenEntry.register }, attributes: ['data'], transaction: ctx.t, raw: true });
      if (!entry || !p.whenEntry.in.includes(getPointer(entry.data, p.whenEntry.field))) return [];
    }
    return fail(rule, { actual, max: p.max });
  },
};
