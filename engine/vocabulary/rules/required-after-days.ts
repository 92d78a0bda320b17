// Once more than N days have passed since a date, a field is required (the 逾期 explanation);
// {actual} is the days passed.
import { getPointer } from '../../registry/pointer.js';
import { rule } from '../entry.js';
import { countBound, pointer } from '../schemas.js';
import { distance } from './dates.js';
import { fail } from './failures.js';

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

export default rule({
  title: '自某日期起超过给定天数后，某字段必填（如逾期说明）',
  params: { type: 'object', required: ['since', 'days', 'required'], properties: { since: pointer, days: countBound, required: pointer }, additionalProperties: false },
  check: async (r, ctx) => {
    const p = r.params;
    const d = distance(ctx, p.since);
    return d !== undefined && d > p.days && blank(getPointer(ctx.data, p.required)) ? fail(r, { actual: d }) : [];
  },
});
