// The distance the regulations' day rules measure: natural days from one date to another, or to
// today (a UTC date, as notFuture reads it). Missing dates give no distance, so those rules hold:
// the form's required and format checks report them.
import { getPointer } from '../../registry/pointer.js';
import { daysBetween } from '../../runtime/rule-checks.js';
import type { RuleContext } from '../../runtime/rule-context.js';

export const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);

/** Days from the date at `start` to the date at `end` (or today); undefined when either is missing. */
export function distance(ctx: RuleContext, start: string, end?: string): number | undefined {
  const a = getPointer(ctx.data, start);
  const b = end ? getPointer(ctx.data, end) : (ctx.now ?? new Date()).toISOString();
  return isDate(a) && isDate(b) ? daysBetween(a, b) : undefined;
}
