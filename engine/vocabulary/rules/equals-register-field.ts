// A form field equals a field of the register entry the form refers to (项目名称 = the area's).
// Missing inputs hold: the form's required checks and existsInRegister report those.
import { getPointer } from '../../registry/pointer.js';
import { holdsRule } from '../entry.js';
import { pointer } from '../schemas.js';

const present = (v: unknown) => v !== undefined && v !== null && v !== '';
const same = (a: unknown, b: unknown) => String(a).trim() === String(b).trim();

export default holdsRule({
  title: '表单字段与所引用名录条目的字段一致（如项目名称、开发建设单位）',
  params: {
    type: 'object', required: ['register', 'id', 'field', 'value'],
    properties: { register: { type: 'string', minLength: 1 }, id: pointer, field: pointer, value: pointer }, additionalProperties: false,
  },
  holds: async (p, ctx) => {
    const id = getPointer(ctx.data, p.id);
    const value = getPointer(ctx.data, p.value);
    if (!present(id) || !present(value)) return true;
    const entry = await ctx.db.models.RegisterEntry.findOne({
      where: { id: Number(id), register: p.register }, attributes: ['data'], transaction: ctx.t, raw: true,
    });
    const expected = getPointer(entry?.data, p.field);
    // No entry or nothing to compare with: existsInRegister says whether the reference is valid.
    return !present(expected) || same(expected, value);
  },
});
