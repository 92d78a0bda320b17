// In every row one date after another (a certificate's 有效期至 after its 发证日期); each bad row
// is reported at its cell, {date}, {after} and the row's fields fillable into the message.
import { getPointer } from '../../registry/pointer.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { isDate } from './dates.js';
import { rowError } from './failures.js';
import { objectRows } from './rows.js';

export default rule({
  title: '列表每行中一个日期晚于另一个日期（如证书有效期至晚于发证日期）',
  params: {
    type: 'object', required: ['rows', 'date', 'after'],
    properties: { rows: pointer, date: pointer, after: pointer, orEqual: { type: 'boolean' } }, additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
    return objectRows(ctx.data, p.rows).flatMap((row, i) => {
      const date = getPointer(row, p.date);
      const after = getPointer(row, p.after);
      if (!isDate(date) || !isDate(after)) return [];
      const a = date.slice(0, 10);
      const b = after.slice(0, 10);
      return a > b || (p.orEqual && a === b) ? [] : [rowError(r, p.rows, i, p.date, { ...row, date: a, after: b })];
    });
  },
});
