// The form value is one of the referenced entry's list (the owner's area among a survey's areas).
import { getPointer } from '../../registry/pointer.js';
import { entryData } from '../../runtime/data-schema.js';
import { holdsRule } from '../entry.js';
import { pointer } from '../schemas.js';

const blank = (v: unknown) => v === undefined || v === null || v === '';

export default holdsRule({
  title: '表单字段的值列在所引用名录条目的某个列表中（如本小区在调查范围内）',
  params: {
    type: 'object', required: ['register', 'id', 'list', 'value'],
    properties: { register: { type: 'string', minLength: 1 }, id: pointer, list: pointer, value: pointer },
    additionalProperties: false,
  },
  holds: async (p, ctx) => {
    const value = getPointer(ctx.data, p.value);
    if (blank(value)) return true;
    const data = await entryData(ctx, p);
    if (!data) return true;
    const list = getPointer(data, p.list);
    return Array.isArray(list) && list.some((x) => String(x).trim() === String(value).trim());
  },
});
