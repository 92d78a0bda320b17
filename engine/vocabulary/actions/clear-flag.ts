// Takes a flag off the case.
import { action } from '../entry.js';

export default action({
  title: '清除业务单标记',
  params: { type: 'object', required: ['code'], properties: { code: { type: 'string', title: '标记代码' } }, additionalProperties: false },
  apply: (f, p) => ({ data: f.data, flags: f.flags.filter((x) => x.code !== p.code) }),
});
