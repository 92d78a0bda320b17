// Kept for published types: the same as {"in": [code, {"var": "flags"}]}.
import { guard } from '../entry.js';

export default guard({
  title: '业务单带有某标记',
  params: { type: 'object', required: ['code'], properties: { code: { type: 'string', title: '标记代码' } }, additionalProperties: false },
  test: (scope, p) => scope.flags.includes(p.code),
});
