// Kept for published types: a field is filled in (an empty string or an empty list is not).
import { getPointer } from '../../registry/pointer.js';
import { guard } from '../entry.js';
import { pointer } from '../schemas.js';

export default guard({
  title: '表单字段已填写',
  params: { type: 'object', required: ['path'], properties: { path: { ...pointer, title: '表单字段' } }, additionalProperties: false },
  test: (scope, p) => {
    const v = getPointer(scope.data, p.path);
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  },
});
