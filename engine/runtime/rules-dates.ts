// Date-distance rules besides daysBetweenAtMost (rule-checks.ts): the regulations' "at least N days
// before" and the explanation a late filing owes. Natural days; without an end date the distance
// runs to today (a UTC date, as notFuture reads it). Rules whose dates are missing hold: the form's
// required and format checks report those.
import type { FieldError } from '../errors.js';
import { getPointer } from '../registry/pointer.js';
import type { RuleDef } from '../registry/types.js';
import type { RuleContext } from './rule-context.js';
import { daysBetween, type RuleCheck } from './rule-checks.js';

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Days from the date at `start` to the date at `end` (or today); undefined when either is missing. */
function distance(ctx: RuleContext, start: string, end?: string): number | undefined {
  const a = getPointer(ctx.data, start);
  const b = end ? getPointer(ctx.data, end) : (ctx.now ?? new Date()).toISOString();
  return isDate(a) && isDate(b) ? daysBetween(a, b) : undefined;
}

const broken = (rule: RuleDef, actual: number): FieldError[] => [{ field: rule.field, message: rule.message.replace(/\{actual\}/g, String(actual)) }];

export const DATE_RULES: Record<string, RuleCheck> = {
  /** The end date is at least `days` after the start (移交资料 at least 20 days before the inspection). */
  async daysBetweenAtLeast(rule, ctx) {
    const p = rule.params as { start: string; end?: string; days: number };
    const d = distance(ctx, p.start, p.end);
    return d !== undefined && d < p.days ? broken(rule, d) : [];
  },
  /** Once more than `days` have passed since a date, a field is required (the 逾期 explanation). */
  async requiredAfterDays(rule, ctx) {
    const p = rule.params as { since: string; days: number; required: string };
    const d = distance(ctx, p.since);
    return d !== undefined && d > p.days && blank(getPointer(ctx.data, p.required)) ? broken(rule, d) : [];
  },
};
