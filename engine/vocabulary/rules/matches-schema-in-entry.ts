// The value satisfies the JSON Schema held by the referenced entry (an owner's answers to a
// survey): one error per field of the value, titled as that schema titles it (「总体满意度」为必填项).
// No entry: existsInRegister reports.
import type { FieldError } from '../../errors.js';
import { getPointer } from '../../registry/pointer.js';
import { canonical, entryData, schemaProblem, sharedAjv } from '../../runtime/data-schema.js';
import { validateForm } from '../../validation/index.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';

export default rule({
  title: '表单中的答卷符合所引用名录条目中的表单定义（如问卷答案符合调查的问题）；每个不符合的问题单独报告',
  params: {
    type: 'object', required: ['register', 'id', 'schema', 'value'],
    properties: {
      register: { type: 'string', minLength: 1 },
      /** Form pointer to the entry id. */
      id: pointer,
      /** Pointer into the entry's data to the JSON Schema. */
      schema: pointer,
      /** Form pointer to the value validated against it. */
      value: pointer,
    },
    additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
    const data = await entryData(ctx, p);
    const schema = data ? getPointer(data, p.schema) : undefined;
    if (!data) return [];
    if (schemaProblem(schema)) return [{ field: r.field, message: r.message }];
    const value = getPointer(ctx.data, p.value) ?? {};
    const errors: FieldError[] = validateForm(sharedAjv(), canonical(schema as Record<string, unknown>), value);
    return errors.map((e) => ({ ...e, field: `${p.value}${e.field}` }));
  },
});
