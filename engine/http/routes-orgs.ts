// Registered organisations for pickers in decision forms (a complaint is forwarded to a property
// company): id, name and code of the organisations of one kind, for the departments only — the
// same names and codes the public registers show, without any registration data.
import type { EnginePlugin } from './plugin.js';
import { requireUser } from '../auth/index.js';
import { requireStaff } from '../runtime/index.js';

const MAX_ORGS = 1000;

export const orgRoutes: EnginePlugin = async (app, { engine }) => {
  app.get<{ Querystring: { kind?: string } }>('/api/orgs', {
    schema: {
      tags: ['registers'],
      summary: '已注册机构列表（供办理时选择，如投诉转办的物业服务企业）',
      description: '受理窗口、审核人员、系统管理员可用；本辖区的机构排在前面。',
      querystring: { type: 'object', properties: { kind: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 32, description: '机构类别（如 company）' } } },
    },
  }, async (req) => {
    const user = requireStaff(engine.registry.roles, requireUser(req));
    const rows = await engine.db.models.Org.findAll({
      where: req.query.kind ? { kind: req.query.kind } : {},
      attributes: ['id', 'kind', 'code', 'name', 'district', 'local'],
      order: [['name', 'ASC'], ['id', 'ASC']], limit: MAX_ORGS, raw: true,
    });
    // SQLite answers raw booleans as 0/1.
    const own = (o: { district?: unknown }) => (user.district && o.district === user.district ? 0 : 1);
    const items = rows
      .map((o) => ({ id: o.id as number, kind: o.kind as string, code: o.code as string, name: o.name as string, district: (o.district as string | null) ?? null, local: o.local === null || o.local === undefined ? null : Boolean(o.local) }))
      .sort((a, b) => own(a) - own(b));
    return { items, total: items.length };
  });
};
