// An odd number of rows (a committee votes without ties): {count} in the message.
import { rule } from '../entry.js';
import { fail } from './failures.js';
import { rowSelection, selectRows } from './rows.js';

export default rule({
  title: '列表（如成员）的行数为奇数，可只数部分行',
  params: { type: 'object', required: ['rows'], properties: rowSelection, additionalProperties: false },
  check: async (r, ctx) => {
    const count = selectRows(ctx.data, r.params).length;
    return count % 2 === 1 ? [] : fail(r, { count });
  },
});
