// The register entries this case wrote are withdrawn (a survey closed, a record taken back).
import { action } from '../entry.js';
import { registerName } from '../schemas.js';

export default action({
  title: '撤下本业务单登记的名录条目（如调查结束、动态撤回）',
  params: { type: 'object', required: ['register'], properties: { register: { ...registerName, title: '名录' } }, additionalProperties: false },
  register: (p) => p.register,
  run: async ({ engine, t, c }, p) => {
    await engine.db.models.RegisterEntry.update({ status: 'withdrawn' }, { where: { register: p.register, caseId: c.id, status: 'active' }, transaction: t });
  },
});
