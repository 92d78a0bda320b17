// Rules that report their own failures instead of one fixed message: list rules check every row
// and fail per row (field = the row's pointer, message 「第 N 行：…」), value rules fill what they
// measured into the message ({actual}, {count}, {reason}). Declared in RULES (vocabulary.ts); run
// by runRules like the others, so a SUBMIT refuses exactly what the check endpoint shows.
import { Op } from 'sequelize';
import type { FieldError } from '../errors.js';
import { getPointer } from '../registry/pointer.js';
import type { RuleDef } from '../registry/types.js';
import { checkIdNumber, checkOrgCode, checkUscc, type CodeCheck } from '../validation/index.js';
import type { RuleContext } from './rule-context.js';

export type RuleCheck = (rule: RuleDef, ctx: RuleContext) => Promise<FieldError[]>;
type Params = Record<string, unknown>;
type Row = Record<string, unknown>;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const norm = (v: unknown) => String(v).trim().toUpperCase();
const blank = (v: unknown) => v === undefined || v === null || v === '';

/** Fills {name} placeholders from vars, leaving unknown ones as written. */
export function fillMessage(message: string, vars: Record<string, unknown>): string {
  return message.replace(/\{([\w.]+)\}/g, (all, k: string) => (blank(vars[k]) || typeof vars[k] === 'object' ? all : String(vars[k])));
}

const matches = (row: unknown, filter: unknown) =>
  Object.entries((filter as Params | undefined) ?? {}).every(([ptr, value]) => getPointer(row, ptr) === value);

/** The rows a list rule looks at, with their index in the list: where matches, whereNot does not. */
function selectRows(ctx: RuleContext, p: Params): Array<{ row: Row; index: number }> {
  const list = getPointer(ctx.data, p.rows as string);
  if (!Array.isArray(list)) return [];
  return list
    .map((row, index) => ({ row: row as Row, index }))
    .filter(({ row }) => row && typeof row === 'object' && matches(row, p.where) && (!p.whereNot || !matches(row, p.whereNot)));
}

const outside = (n: number, p: Params) => (num(p.min) !== undefined && n < (p.min as number)) || (num(p.max) !== undefined && n > (p.max as number));

/** The rule's own field, message filled with vars. */
const whole = (rule: RuleDef, vars: Record<string, unknown>): FieldError[] => [{ field: rule.field, message: fillMessage(rule.message, vars) }];

/** Whole days from a to b (ISO dates), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86_400_000);
}

/** The same day n years later (29 February → 28 February), as an ISO date. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const percent = (part: number, wholeValue: number) => `${((part / wholeValue) * 100).toFixed(2)}%`;

function ratioRule(strict: boolean): RuleCheck {
  return async (rule, ctx) => {
    const p = rule.params;
    const part = num(getPointer(ctx.data, p.part as string));
    const total = num(getPointer(ctx.data, p.whole as string));
    if (part === undefined || total === undefined || total <= 0) return [];
    // Cross-multiplied so 2/3 is exact: part / whole ≥ n / d ⇔ part·d ≥ whole·n.
    const lhs = part * (p.denominator as number);
    const rhs = total * (p.numerator as number);
    const ok = strict ? lhs > rhs + 1e-9 : lhs >= rhs - 1e-9;
    return ok ? [] : whole(rule, { actual: percent(part, total), part, whole: total });
  };
}

const CODE_CHECKS: Record<string, (s: string) => CodeCheck> = { uscc: checkUscc, orgcode: checkOrgCode, idcard: (s) => checkIdNumber(s) };

export const RULE_CHECKS: Record<string, RuleCheck> = {
  async rowsCountBetween(rule, ctx) {
    const count = selectRows(ctx, rule.params).length;
    return outside(count, rule.params) ? whole(rule, { count }) : [];
  },

  async rowsCountOdd(rule, ctx) {
    const count = selectRows(ctx, rule.params).length;
    return count % 2 === 1 ? [] : whole(rule, { count });
  },

  async rowsValueCount(rule, ctx) {
    const p = rule.params;
    const count = selectRows(ctx, p).filter(({ row }) => getPointer(row, p.field as string) === p.value).length;
    return outside(count, p) ? whole(rule, { count, value: p.value }) : [];
  },

  async rowsMatchRegister(rule, ctx) {
    const p = rule.params;
    const match = Object.entries(p.match as Record<string, string>);
    const rows = selectRows(ctx, p).filter(({ row }) => match.every(([, ptr]) => !blank(getPointer(row, ptr))));
    if (rows.length === 0) return [];
    const where: Record<string | symbol, unknown> = { register: p.register, status: 'active' };
    if (p.parent) {
      const parentId = Number(getPointer(ctx.data, p.parent as string));
      if (!parentId) return []; // no parent chosen: the parent's own rule reports it
      where.parentId = parentId;
    }
    // The entries of one parent (the houses of an area) are few enough to compare here, which
    // keeps JSON field matching identical on SQLite and PostgreSQL.
    const entries = await ctx.db.models.RegisterEntry.findAll({ where: { [Op.and]: [where] }, attributes: ['data'], transaction: ctx.t, raw: true });
    const keys = new Set(entries.map((e) => match.map(([field]) => norm((e.data as Row)?.[field] ?? '')).join('\u0000')));
    const report = (p.report as string | undefined) ?? match[0][1];
    return rows
      .filter(({ row }) => !keys.has(match.map(([, ptr]) => norm(getPointer(row, ptr))).join('\u0000')))
      .map(({ row, index }) => ({
        field: `${p.rows}/${index}${report}`,
        row: index + 1,
        message: `第 ${index + 1} 行：${fillMessage(rule.message, row)}`,
      }));
  },

  ratioAtLeast: ratioRule(false),
  ratioMoreThan: ratioRule(true),

  async daysBetweenAtMost(rule, ctx) {
    const p = rule.params;
    const start = str(getPointer(ctx.data, p.start as string));
    const end = p.end ? str(getPointer(ctx.data, p.end as string)) : isoDay(ctx.now ?? new Date());
    if (!start || !end) return [];
    const actual = daysBetween(start, end);
    return actual <= (p.days as number) ? [] : whole(rule, { actual });
  },

  async yearsBetweenAtMost(rule, ctx) {
    const p = rule.params;
    const start = str(getPointer(ctx.data, p.start as string));
    const end = str(getPointer(ctx.data, p.end as string));
    if (!start || !end) return [];
    return end.slice(0, 10) <= addYears(start, p.years as number) ? [] : whole(rule, { actual: end.slice(0, 10) });
  },

  async codeValid(rule, ctx) {
    const p = rule.params;
    const value = str(getPointer(ctx.data, p.value as string));
    if (!value) return [];
    const check = CODE_CHECKS[p.format as string](value);
    if (check.ok || (p.allowPilot === true && check.pilotCandidate)) return [];
    return whole(rule, { reason: check.reason });
  },
};
