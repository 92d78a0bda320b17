// The parts together do not exceed the total (e.g. the areas of the uses within the total area).
import { holdsRule } from '../entry.js';
import { pointer, pointerList } from '../schemas.js';
import { at, num } from './values.js';

export default holdsRule({
  title: '若干字段之和不超过另一字段',
  params: { type: 'object', required: ['parts', 'total'], properties: { parts: pointerList, total: pointer }, additionalProperties: false },
  holds: (p, ctx) => {
    const parts = p.parts.map((x) => num(at(ctx.data, x)));
    const total = num(at(ctx.data, p.total));
    if (total === undefined || parts.some((x) => x === undefined)) return true;
    return (parts as number[]).reduce((a, b) => a + b, 0) <= total + 1e-9;
  },
});
