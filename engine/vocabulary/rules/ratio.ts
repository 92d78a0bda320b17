// The two ratio rules (at least, more than) share their parameters and code: part / whole against
// numerator / denominator, cross-multiplied so 2/3 is exact. {actual} is the ratio in percent.
import { getPointer } from '../../registry/pointer.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { fail } from './failures.js';
import { num } from './values.js';

const fraction = { part: pointer, whole: pointer, numerator: { type: 'number', exclusiveMinimum: 0 }, denominator: { type: 'number', exclusiveMinimum: 0 } } as const;
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(2)}%`;

export const ratioRule = (title: string, strict: boolean) => rule({
  title,
  params: { type: 'object', required: ['part', 'whole', 'numerator', 'denominator'], properties: fraction, additionalProperties: false },
  check: async (r, ctx) => {
    const p = r.params;
    const part = num(getPointer(ctx.data, p.part));
    const total = num(getPointer(ctx.data, p.whole));
    if (part === undefined || total === undefined || total <= 0) return [];
    // part / whole ≥ n / d ⇔ part·d ≥ whole·n.
    const lhs = part * p.denominator;
    const rhs = total * p.numerator;
    const ok = strict ? lhs > rhs + 1e-9 : lhs >= rhs - 1e-9;
    return ok ? [] : fail(r, { actual: percent(part, total), part, whole: total });
  },
});
