// Rows unique on their key columns (楼栋、单元、房号); each repeat is reported at its cell and may
// name the row it repeats ({first}).
import type { FieldError } from '../../errors.js';
import { registerKey } from '../../runtime/rule-context.js';
import { rule } from '../entry.js';
import { rowError } from './failures.js';
import { rowKey, rowsAt } from './rows.js';

export default rule({
  title: '列表各行按关键列不重复（如楼栋、单元、房号）；消息可写 {first}（重复的首行）',
  params: { type: 'object', required: ['rows', 'key'], properties: rowKey, additionalProperties: false },
  check: async (r, ctx) => {
    const p = r.params;
    const column = p.column ?? p.key[p.key.length - 1];
    const seen = new Map<string, number>();
    const errors: FieldError[] = [];
    rowsAt(ctx.data, p.rows).forEach((row, i) => {
      const key = registerKey(row, p.key);
      if (!key) return;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else errors.push(rowError(r, p.rows, i, column, { first: first + 1 }));
    });
    return errors;
  },
});
