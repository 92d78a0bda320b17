// Kept for published types: the same as {"===": [{"var": "decision.…"}, value]}.
import { getPointer } from '../../registry/pointer.js';
import { guard } from '../entry.js';
import { pointer } from '../schemas.js';

export default guard({
  title: '办理意见中的字段等于某值',
  params: { type: 'object', required: ['path', 'value'], properties: { path: { ...pointer, title: '办理意见字段' }, value: { title: '值' } }, additionalProperties: false },
  test: (scope, p) => getPointer(scope.decision, p.path) === p.value,
});
