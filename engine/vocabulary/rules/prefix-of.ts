// One code begins with another (a street code lies in its district).
import { holdsRule } from '../entry.js';
import { pointer } from '../schemas.js';
import { at, str } from './values.js';

export default holdsRule({
  title: '字段以另一字段开头（如街道编码属于区县）',
  params: { type: 'object', required: ['value', 'prefix'], properties: { value: pointer, prefix: pointer }, additionalProperties: false },
  holds: (p, ctx) => {
    const value = str(at(ctx.data, p.value));
    const prefix = str(at(ctx.data, p.prefix));
    return !value || !prefix || value.startsWith(prefix);
  },
});
