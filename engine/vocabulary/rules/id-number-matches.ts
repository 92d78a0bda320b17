// Identity data that must agree with an ID number (GB 11643-1999): the birth date is digits 7–14
// and the 17th digit is odd for a man. The form asks for both anyway (a person's record shows
// them), so the server checks they are what the ID number says rather than trusting the browser.
// Each field that disagrees is reported on itself: {field} its name, {expected} what the ID number
// says. A malformed ID number is the codeValid rule's (or the idcard format's) to report.
import type { FieldError } from '../../errors.js';
import { getPointer } from '../../registry/pointer.js';
import { fillMessage } from '../../runtime/rule-checks.js';
import { checkIdNumber } from '../../validation/index.js';
import { rule } from '../entry.js';
import { pointer } from '../schemas.js';

const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export default rule({
  title: '出生日期、性别与身份证号码一致（GB 11643：第 7–14 位出生日期，第 17 位奇数为男）；消息可写 {field}、{expected}',
  params: {
    type: 'object', required: ['id'], anyOf: [{ required: ['birthDate'] }, { required: ['sex'] }],
    properties: {
      id: pointer, birthDate: pointer, sex: pointer,
      /** The form's values for male and female (default 男, 女). */
      sexValues: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
    },
    additionalProperties: false,
  },
  check: async (r, ctx) => {
    const p = r.params;
    const id = getPointer(ctx.data, p.id);
    if (!present(id)) return [];
    const check = checkIdNumber(id.trim(), { today: ctx.now });
    if (!check.ok) return [];
    const out: FieldError[] = [];
    const birth = p.birthDate ? getPointer(ctx.data, p.birthDate) : undefined;
    if (p.birthDate && present(birth) && birth.slice(0, 10) !== check.birthDate) {
      out.push({ field: p.birthDate, message: fillMessage(r.message, { field: '出生日期', expected: check.birthDate, actual: birth }) });
    }
    const sex = p.sex ? getPointer(ctx.data, p.sex) : undefined;
    const [male, female] = p.sexValues ?? ['男', '女'];
    const expected = check.sex === '男' ? male : female;
    if (p.sex && present(sex) && sex !== expected) {
      out.push({ field: p.sex, message: fillMessage(r.message, { field: '性别', expected, actual: sex }) });
    }
    return out;
  },
});
