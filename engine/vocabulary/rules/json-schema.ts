// The field holds a usable form definition (a survey's questions); {reason} says what is wrong.
import { getPointer } from '../../registry/pointer.js';
import { schemaProblem } from '../../runtime/data-schema.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { fail } from './failures.js';

export default rule({
  title: '字段是有效的表单定义（JSON Schema draft-07：根为对象、至少一项、每项有标题；不允许正则表达式与外部引用）；消息可写 {reason}',
  params: { type: 'object', required: ['value'], properties: { value: pointer }, additionalProperties: false },
  check: async (r, ctx) => {
    const value = getPointer(ctx.data, r.params.value);
    if (value === undefined) return []; // required is the form's job
    const reason = schemaProblem(value);
    return reason ? fail(r, { reason }) : [];
  },
});
