// In every row, one column at most another (套内面积 ≤ 建筑面积); each bad row reported at its cell.
import { getPointer } from '../../registry/pointer.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { rowError } from './failures.js';
import { rowsAt } from './rows.js';
import { num } from './values.js';

export default rule({
  title: '列表每行中某列不超过另一列（如套内面积不超过建筑面积）',
  params: { type: 'object', required: ['rows', 'value', 'limit'], properties: { rows: pointer, value: pointer, limit: pointer }, additionalProperties: false },
  check: async (r, ctx) => {
    const p = r.params;
    return rowsAt(ctx.data, p.rows).flatMap((row, i) => {
      const value = num(getPointer(row, p.value));
      const limit = num(getPointer(row, p.limit));
      return value !== undefined && limit !== undefined && value > limit + 1e-9 ? [rowError(r, p.rows, i, p.value)] : [];
    });
  },
});
