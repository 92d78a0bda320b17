// How many rows have a field equal to a value (exactly one 主任): {count} and {value} in the message.
import { getPointer } from '../../registry/pointer.js';
import { rule } from '../entry.js';
import { countBound, pointer } from '../schemas.js';
import { fail } from './failures.js';
import { outside, rowSelection, selectRows } from './rows.js';

export default rule({
  title: '列表中某字段等于某值的行数在给定范围内（如恰好一名主任）',
  params: {
    type: 'object', required: ['rows', 'field', 'value'],
    properties: { ...rowSelection, field: pointer, value: {}, min: countBound, max: countBound }, additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
    const count = selectRows(ctx.data, p).filter(({ row }) => getPointer(row, p.field) === p.value).length;
    return outside(count, p) ? fail(r, { count, value: p.value }) : [];
  },
});
