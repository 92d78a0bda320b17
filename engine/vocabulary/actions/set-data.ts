// Writes one field of the case: a fixed value, a field of the decision, or the time of the step.
import { getPointer, setPointer } from '../../registry/pointer.js';
import { action } from '../entry.js';
import { pointer } from '../schemas.js';

export default action({
  title: '写入表单字段（固定值，或取自办理意见中的字段）',
  params: {
    type: 'object', required: ['path'],
    properties: {
      path: { ...pointer, title: '表单字段' },
      value: { title: '值' },
      fromDecision: { ...pointer, title: '取自办理意见的字段' },
      now: { type: 'boolean', title: '写入当前时间' },
    },
    additionalProperties: false,
  },
  apply: (f, p) => ({
    data: setPointer(f.data, p.path, p.now ? f.now : p.fromDecision ? getPointer(f.decision, p.fromDecision) : p.value),
    flags: f.flags,
  }),
});
