// A date that has happened already (not after today).
import { holdsRule } from '../entry.js';
import { pointer } from '../schemas.js';
import { at, str, today } from './values.js';

export default holdsRule({
  title: '日期不晚于今天',
  params: { type: 'object', required: ['date'], properties: { date: pointer }, additionalProperties: false },
  holds: (p, ctx) => {
    const d = str(at(ctx.data, p.date));
    return !d || d.slice(0, 10) <= today(ctx.now ?? new Date());
  },
});
