// Two dates at most N years apart, the same day N years later still inside (a five-year term).
// {actual} is the end date.
import { addYears } from '../../runtime/rule-checks.js';
import { rule } from '../entry.js';
import { countBound, pointer } from '../schemas.js';
import { fail } from './failures.js';
import { at, str } from './values.js';

export default rule({
  title: '两日期相隔不超过给定年数（如任期不超过五年）',
  params: { type: 'object', required: ['start', 'end', 'years'], properties: { start: pointer, end: pointer, years: countBound }, additionalProperties: false },
  check: async (r, ctx) => {
    const p = r.params;
    const start = str(at(ctx.data, p.start));
    const end = str(at(ctx.data, p.end));
    if (!start || !end) return [];
    return end.slice(0, 10) <= addYears(start, p.years) ? [] : fail(r, { actual: end.slice(0, 10) });
  },
});
