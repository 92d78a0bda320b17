// Kept for published types: the same as {"===": [{"var": "data.…"}, value]}.
import { getPointer } from '../../registry/pointer.js';
import { guard } from '../entry.js';
import { pointer } from '../schemas.js';

export default guard({
  title: '表单字段等于某值',
  params: { type: 'object', required: ['path', 'value'], properties: { path: { ...pointer, title: '表单字段' }, value: { title: '值' } }, additionalProperties: false },
  test: (scope, p) => getPointer(scope.data, p.path) === p.value,
});
