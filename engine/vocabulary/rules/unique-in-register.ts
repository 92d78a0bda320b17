// No active register entry has the same key (entries this case wrote itself do not count).
import { rawOf, registerKey } from '../../runtime/rule-context.js';
import { holdsRule } from '../entry.js';
import { pointerList } from '../schemas.js';

export default holdsRule({
  title: '在名录中唯一',
  params: { type: 'object', required: ['register', 'key'], properties: { register: { type: 'string' }, key: pointerList }, additionalProperties: false },
  holds: async (p, ctx) => {
    const key = registerKey(ctx.data, p.key);
    if (!key) return true;
    const other = ctx.caseId ? ' AND (case_id IS NULL OR case_id <> ?)' : '';
    const hit = await rawOf(ctx).get(
      `SELECT 1 AS hit FROM register_entries WHERE "register" = ? AND "key" = ? AND status = 'active'${other} LIMIT 1`,
      [p.register, key, ...(ctx.caseId ? [ctx.caseId] : [])],
    );
    return !hit;
  },
});
