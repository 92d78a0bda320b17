// Starts cases of another type from this one (a patrol's faults become repairs), one per row
// that matches `where`, or one for the whole case. Creating and moving the new case is the case
// runtime's work: it is reached through engine.cases, so this file does not import the runtime
// that imports it (the old effects → case-runtime → effects circle).
import { AppError } from '../../errors.js';
import { getPointer } from '../../registry/pointer.js';
import { action } from '../entry.js';
import { pointer } from '../schemas.js';

const name = { type: 'string', minLength: 1 } as const;

export default action({
  title: '发起另一业务（如巡检异常转报修），可按明细行逐条发起',
  params: {
    type: 'object', required: ['type'],
    properties: {
      type: { ...name, title: '业务类型' },
      /** Pointer to rows: one new case per row (that matches `where`). */
      each: { ...pointer, title: '逐行发起的列表字段' },
      where: { type: 'object', title: '条件', required: ['path', 'equals'], properties: { path: { ...pointer, title: '表单字段' }, equals: { title: '等于' } }, additionalProperties: false },
      /** New case field → pointer into this case's data. */
      data: { type: 'object', additionalProperties: pointer, title: '数据对应关系' },
      /** New case field → pointer into the row. */
      rowData: { type: 'object', additionalProperties: pointer, title: '行数据对应关系' },
      /** The new case's organisation: this case's (default) or the org id at a pointer. */
      orgFrom: { ...pointer, title: '所属单位字段' },
      /** New case fields that receive this case's id, business number and organisation id (e.g. the plan of a record). */
      link: { type: 'object', title: '关联字段', additionalProperties: false, properties: { id: { ...name, title: '编号字段' }, number: { ...name, title: '业务编号字段' }, org: { ...name, title: '单位字段' } } },
      /** Fixed fields written into every new case (e.g. a repair's urgency). */
      constants: { type: 'object', title: '固定写入的值' },
      /** An event sent to each new case at once (e.g. its 保存), as the system, without validation. */
      event: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$', title: '发起后自动作出的决定' },
    },
    additionalProperties: false,
  },
  run: async ({ engine, t, c, now }, p) => {
    const rows = p.each ? ((getPointer(c.data, p.each) as unknown[] | undefined) ?? []) : [c.data];
    const cases = engine.cases;
    if (!cases) throw new Error('engine.cases is not set: the case runtime was not started');
    for (const row of rows) {
      if (p.where && getPointer(row, p.where.path) !== p.where.equals) continue;
      // Looked up only when a case is really started: no matching row, no need for the type.
      const def = engine.registry.current(p.type);
      if (!def) throw new AppError('RULE_VIOLATION', { message: `无法发起业务：业务类型 ${p.type} 不存在` });
      const data: Record<string, unknown> = {};
      for (const [to, from] of Object.entries(p.data ?? {})) data[to] = getPointer(c.data, from);
      for (const [to, from] of Object.entries(p.rowData ?? {})) data[to] = getPointer(row, from);
      const orgId = p.orgFrom ? Number(getPointer(c.data, p.orgFrom)) || null : c.orgId;
      Object.assign(data, p.constants ?? {});
      const link = p.link ?? {};
      if (link.id) data[link.id] = c.id;
      if (link.number) data[link.number] = c.number;
      if (link.org && c.orgId) data[link.org] = c.orgId;
      const actorName = `系统（由业务单 ${c.number} 发起）`;
      const created = await cases.create(t, def, { data, orgId, createdBy: null, actorName }, now);
      if (p.event) await cases.sendAsSystem(t, def, created, p.event, actorName, now);
    }
  },
});
