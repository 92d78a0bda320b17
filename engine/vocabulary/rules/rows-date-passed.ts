// A date in a row not yet passed (an expired certificate). Meant as a warning, so the record is
// kept and the reviewer or the company sees the flag; {date} and the row's fields in the message.
import { getPointer } from '../../registry/pointer.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { isDate } from './dates.js';
import { rowError } from './failures.js';
import { objectRows } from './rows.js';
import { today } from './values.js';

export default rule({
  title: '列表每行中的日期尚未过去（宜作提醒，如证书已过期）；消息可写 {date} 与行内字段（如 {name}）',
  params: { type: 'object', required: ['rows', 'date'], properties: { rows: pointer, date: pointer }, additionalProperties: false },
  check: async (r, ctx) => {
    const p = r.params;
    const now = today(ctx.now ?? new Date());
    return objectRows(ctx.data, p.rows).flatMap((row, i) => {
      const date = getPointer(row, p.date);
      return isDate(date) && date.slice(0, 10) < now ? [rowError(r, p.rows, i, p.date, { ...row, date: date.slice(0, 10) })] : [];
    });
  },
});
