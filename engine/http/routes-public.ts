// What the portal shows without login. Registers declared public (registers/<name>.json) are
// listed at /api/public/<name>, with only their public fields and ID numbers masked.
import { AppError } from '../errors.js';
import type { EnginePlugin } from './plugin.js';
import { maskIdNumber } from '../validation/index.js';
import { PAGE_PARAM } from './request-guards.js';
import { districtNames, findActiveEntry, listPublicEntries } from '../runtime/index.js';

export const publicRoutes: EnginePlugin = async (app, { engine }) => {
  const publicView = (register: string, entry: Record<string, unknown>, names: Map<string, string>) => {
    const def = engine.registry.registers[register];
    const data = entry.data as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    for (const f of def.publicFields ?? []) if (data[f] !== undefined) fields[f] = data[f];
    for (const f of def.maskedFields ?? []) if (typeof fields[f] === 'string') fields[f] = maskIdNumber(fields[f] as string);
    return {
      id: entry.id, title: entry.title, district: entry.district, districtName: names.get(entry.district as string) ?? null,
      street: entry.street, streetName: names.get(entry.street as string) ?? null, parentId: entry.parentId,
      registeredAt: entry.createdAt, data: fields,
    };
  };
  const mustBePublic = (register: string) => {
    if (!engine.registry.registers[register]?.public) throw new AppError('NOT_FOUND', { what: `公开名录 ${register}` });
  };

  app.get<{ Params: { register: string }; Querystring: { district?: string; q?: string; parentId?: number; page?: number; pageSize?: number } }>('/api/public/:register', {
    schema: {
      tags: ['public'], summary: '公开名录（如已备案的物业区域 /api/public/areas）',
      params: { type: 'object', properties: { register: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } } },
      querystring: {
        type: 'object',
        properties: {
          district: { type: 'string', maxLength: 12 }, q: { type: 'string', maxLength: 100 }, parentId: { type: 'integer' },
          page: PAGE_PARAM, pageSize: { type: 'integer', minimum: 1, maximum: 100 },
        },
      },
    },
  }, async (req) => {
    const { register } = req.params;
    mustBePublic(register);
    const { district, q, parentId } = req.query;
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    const { rows, count } = await listPublicEntries(engine, register, { district, q, parentId, page, pageSize });
    const names = await districtNames(engine);
    return { total: count, page, pageSize, items: rows.map((r) => publicView(register, r, names)) };
  });

  app.get<{ Params: { register: string; id: number } }>('/api/public/:register/:id', {
    schema: {
      tags: ['public'], summary: '公开名录中的一条',
      params: { type: 'object', properties: { register: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, id: { type: 'integer' } } },
    },
  }, async (req) => {
    mustBePublic(req.params.register);
    const entry = await findActiveEntry(engine, req.params.register, req.params.id);
    if (!entry) throw new AppError('NOT_FOUND', { what: '条目' });
    return publicView(req.params.register, entry, await districtNames(engine));
  });
};
