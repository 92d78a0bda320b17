// Two dates at most N natural days apart; without an end date the distance runs to today (UTC).
// {actual} is the distance found.
import { daysBetween } from '../../runtime/rule-checks.js';
import { rule } from '../entry.js';
import { countBound, pointer } from '../schemas.js';
import { fail } from './failures.js';
import { at, str, today } from './values.js';

export default rule({
  title: '两日期相隔不超过给定天数（无结束日期时到今天为止）',
  params: {
    type: 'object', required: ['start', 'days'],
    properties: { start: pointer, end: pointer, days: countBound }, additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
    const start = str(at(ctx.data, p.start));
    const end = p.end ? str(at(ctx.data, p.end)) : today(ctx.now ?? new Date());
    if (!start || !end) return [];
    const actual = daysBetween(start, end);
    return actual <= p.days ? [] : fail(r, { actual });
  },
});
