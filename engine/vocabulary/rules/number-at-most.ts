// A number at most `max`; with whenEntry only while the referenced register entry's field is one
// of `in` (an elevator's maintenance period). {actual} and {max} in the message.
import { getPointer } from '../../registry/pointer.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';
import { fail } from './failures.js';

export default rule({
  title: '数值不超过上限，可只在所引用名录条目的字段取某些值时适用（如电梯维保周期不超过 15 日）；消息可写 {actual}',
  params: {
    type: 'object', required: ['value', 'max'],
    properties: {
      value: pointer,
      max: { type: 'number' },
      whenEntry: {
        type: 'object', required: ['register', 'id', 'field', 'in'], additionalProperties: false,
        properties: { register: { type: 'string', minLength: 1 }, id: pointer, field: pointer, in: { type: 'array', minItems: 1 } },
      },
    },
    additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
    const actual = getPointer(ctx.data, p.value);
    if (typeof actual !== 'number' || actual <= p.max) return [];
    if (p.whenEntry) {
      const id = Number(getPointer(ctx.data, p.whenEntry.id));
      if (!Number.isInteger(id) || id <= 0) return [];
      const entry = await ctx.db.models.RegisterEntry.findOne({ where: { id, register: p.whenEntry.register }, attributes: ['data'], transaction: ctx.t, raw: true });
      if (!entry || !(p.whenEntry.in as unknown[]).includes(getPointer(entry.data, p.whenEntry.field))) return [];
    }
    return fail(r, { actual, max: p.max });
  },
});
