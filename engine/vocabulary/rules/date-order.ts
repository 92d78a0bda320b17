// A start date not after its end date (YYYY-MM-DD strings compare in date order).
import { holdsRule } from '../entry.js';
import { pointer } from '../schemas.js';
import { at, str } from './values.js';

export default holdsRule({
  title: '开始日期不晚于结束日期',
  params: { type: 'object', required: ['start', 'end'], properties: { start: pointer, end: pointer }, additionalProperties: false },
  holds: (p, ctx) => {
    const start = str(at(ctx.data, p.start));
    const end = str(at(ctx.data, p.end));
    return !start || !end || start <= end;
  },
});
