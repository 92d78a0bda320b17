// The end date at least N days after the start (移交资料 at least 20 days before the inspection);
// {actual} is the distance found.
import { rule } from '../entry.js';
import { countBound, pointer } from '../schemas.js';
import { distance } from './dates.js';
import { fail } from './failures.js';

export default rule({
  title: '两日期至少相隔给定天数（无结束日期时到今天为止）；消息可写 {actual}',
  params: { type: 'object', required: ['start', 'days'], properties: { start: pointer, end: pointer, days: countBound }, additionalProperties: false },
  check: async (r, ctx) => {
    const d = distance(ctx, r.params.start, r.params.end);
    return d !== undefined && d < r.params.days ? fail(r, { actual: d }) : [];
  },
});
