// Registers seen from inside the platform (login required), whole entries rather than the public
// fields of /api/public: the houses a developer registered to its area, the areas a company holds
// contracts for (its projects), the facilities of an area. Scoped like cases: an organisation sees
// the entries it owns, a department those of its district, an administrator all.
import { AppError } from '../errors.js';
import type { EnginePlugin } from './plugin.js';
import { requireUser } from '../auth/index.js';
import { findVisibleEntry, listVisibleEntries } from '../runtime/index.js';
import { PAGE_PARAM } from './request-guards.js';

const view = (r: Record<string, unknown>) => ({
  id: r.id, register: r.register, key: r.key, title: r.title, parentId: r.parentId, orgId: r.orgId,
  district: r.district, street: r.street, status: r.status, caseId: r.caseId,
  sourceNumber: (r.data as Record<string, unknown> | null)?.sourceNumber ?? null, registeredAt: r.createdAt, data: r.data,
});

const registerParam = { type: 'string', pattern: '^[a-z][a-z0-9-]*$' };

interface ListQuery { parentId?: number; q?: string; status?: 'active' | 'superseded' | 'all'; page?: number; pageSize?: number }

export const registerRoutes: EnginePlugin = async (app, { engine }) => {
  const known = (register: string) => {
    if (!engine.registry.registers[register]) throw new AppError('NOT_FOUND', { what: `名录 ${register}` });
  };

  app.get<{ Params: { register: string }; Querystring: ListQuery }>('/api/registers/:register', {
    schema: {
      tags: ['registers'], summary: '名录条目（本单位登记的，或本区县的），如某物业区域的房屋 /api/registers/houses?parentId=1',
      params: { type: 'object', required: ['register'], properties: { register: registerParam } },
      querystring: {
        type: 'object',
        properties: {
          parentId: { type: 'integer', minimum: 1 }, q: { type: 'string', maxLength: 100 },
          status: { type: 'string', enum: ['active', 'superseded', 'all'] },
          page: PAGE_PARAM, pageSize: { type: 'integer', minimum: 1, maximum: 500 },
        },
      },
    },
  }, async (req) => {
    const user = requireUser(req);
    const { register } = req.params;
    known(register);
    const { parentId, q, status = 'active' } = req.query;
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 50;
    const { rows, count } = await listVisibleEntries(engine, user, register, { parentId, q, status, page, pageSize });
    return { register, title: engine.registry.registers[register].title, total: count, page, pageSize, items: rows.map(view) };
  });

  app.get<{ Params: { register: string; id: number } }>('/api/registers/:register/:id', {
    schema: {
      tags: ['registers'], summary: '名录中的一条（含历史状态）',
      params: { type: 'object', required: ['register', 'id'], properties: { register: registerParam, id: { type: 'integer', minimum: 1 } } },
    },
  }, async (req) => {
    const user = requireUser(req);
    known(req.params.register);
    const entry = await findVisibleEntry(engine, user, req.params.id, req.params.register);
    if (!entry) throw new AppError('NOT_FOUND', { what: '名录条目' });
    return view(entry);
  });
};
