// How many rows a list has (or how many of the selected rows): {count} in the message.
import { rule } from '../entry.js';
import { countBound } from '../schemas.js';
import { fail } from './failures.js';
import { outside, rowSelection, selectRows } from './rows.js';

export default rule({
  title: '列表（如成员）的行数在给定范围内，可只数部分行',
  params: { type: 'object', required: ['rows'], properties: { ...rowSelection, min: countBound, max: countBound }, additionalProperties: false },
  check: async (r, ctx) => {
    const count = selectRows(ctx.data, r.params).length;
    return outside(count, r.params) ? fail(r, { count }) : [];
  },
});
