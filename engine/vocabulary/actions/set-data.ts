// Writes one field of the case: a fixed value, a field of the decision, or the time of the step.
import { getPointer, setPointer } from '../../registry/pointer.js';
import { action } from '../entry.js';
import { pointer } from '../schemas.js';

export default action({
  title: '写入表单字段（固定值，或取自办理意见中的字段）',
  params: {
    type: 'object', required: ['path'],
    properties: { path: pointer, value: {}, fromDecision: pointer, now: { type: 'boolean' } },
    additionalProperties: false,
  },
  apply: (f, p) => ({
    data: setPointer(f.data, p.path, p.now ? f.now : p.fromDecision ? getPointer(f.decision, p.fromDecision) : p.value),
    flags: f.flags,
  }),
});
