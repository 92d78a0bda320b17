// Puts a visible flag on the case (e.g. overdue); setting it again replaces its message.
import { action } from '../entry.js';

export default action({
  title: '为业务单设置标记（如逾期）',
  params: {
    type: 'object', required: ['code', 'message'],
    properties: { code: { type: 'string', title: '标记代码' }, message: { type: 'string', title: '提示信息' } }, additionalProperties: false,
  },
  apply: (f, p) => ({ data: f.data, flags: [...f.flags.filter((x) => x.code !== p.code), { code: p.code, message: p.message, at: f.now }] }),
});
