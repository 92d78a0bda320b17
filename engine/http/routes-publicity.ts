// The portal's 公示 and 企业信用: cases in a public state (meta.public) with their public fields,
// 异议 lodged by anyone during the period (rate-limited per IP), and an organisation's entries in a
// public register (e.g. its credit record), history included.
import { AppError } from '../errors.js';
import type { EnginePlugin } from './plugin.js';
import { enforceRateLimit, registrationTypes } from '../auth/index.js';
import { maskIdNumber } from '../validation/index.js';
import { listPublicCases, lodgeObjection, publicCaseView, type PublicityQuery } from '../runtime/index.js';
import { PAGE_PARAM } from './request-guards.js';

// 异议 are anonymous: a handful per address per hour is plenty for a person and stops flooding.
const OBJECTIONS_PER_IP = 10;
const OBJECTION_WINDOW_MS = 60 * 60 * 1000;

const caseParam = { type: 'object', required: ['caseId'], properties: { caseId: { type: 'integer', minimum: 1 } } };

export const publicityRoutes: EnginePlugin = async (app, { engine }) => {
  app.get<{ Querystring: PublicityQuery }>('/api/public/publicity', {
    schema: {
      tags: ['public'], summary: '公示中的业务（如良好行为申报），可在公示期内提出异议',
      querystring: {
        type: 'object',
        properties: {
          type: { type: 'string', maxLength: 64 }, district: { type: 'string', maxLength: 12 }, area: { type: 'integer', minimum: 1 },
          page: PAGE_PARAM, pageSize: { type: 'integer', minimum: 1, maximum: 100 },
        },
      },
    },
  }, async (req) => listPublicCases(engine, req.query));

  app.get<{ Params: { caseId: number } }>('/api/public/publicity/:caseId', {
    schema: { tags: ['public'], summary: '一条公示', params: caseParam },
  }, async (req) => publicCaseView(engine, req.params.caseId));

  app.post<{ Params: { caseId: number }; Body: Record<string, unknown> }>('/api/public/publicity/:caseId/objections', {
    schema: { tags: ['public'], summary: '对公示提出异议（无需登录；姓名、联系电话、异议内容）', params: caseParam, body: { type: 'object' } },
  }, async (req, reply) => {
    await enforceRateLimit(engine, `objection:${req.ip}`, OBJECTIONS_PER_IP, OBJECTION_WINDOW_MS);
    const created = await lodgeObjection(engine, req.params.caseId, req.body, req.ip);
    reply.status(201);
    return created;
  });

  app.get<{ Params: { code: string; register: string } }>('/api/public/orgs/:code/:register', {
    schema: {
      tags: ['public'], summary: '某单位在公开名录中的全部条目（如企业信用记录、企业备案信息），含已被替代的历史版本',
      params: {
        type: 'object', required: ['code', 'register'],
        properties: { code: { type: 'string', pattern: '^[0-9A-Z]{9,18}$' }, register: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } },
      },
    },
  }, async (req) => {
    const def = engine.registry.registers[req.params.register];
    if (!def?.public) throw new AppError('NOT_FOUND', { what: `公开名录 ${req.params.register}` });
    const org = await engine.db.models.Org.findOne({ where: { code: req.params.code }, attributes: ['id', 'name', 'code', 'kind'], raw: true });
    // People (an owner's account is registered under the ID number) have no public page: answering
    // would turn this into a lookup of names by ID number (个人信息保护法).
    const people = registrationTypes(engine).filter((t) => t.settings.registration.codeFormat === 'idcard').map((t) => t.settings.registration.orgType);
    if (!org || people.includes(org.kind as string)) throw new AppError('NOT_FOUND', { what: `单位 ${req.params.code}` });
    const rows = await engine.db.models.RegisterEntry.findAll({
      where: { register: req.params.register, orgId: org.id }, order: [['createdAt', 'DESC'], ['id', 'DESC']], raw: true,
    });
    const today = new Date().toISOString().slice(0, 10);
    const items = rows.map((r) => {
      const data = r.data as Record<string, unknown>;
      const fields: Record<string, unknown> = {};
      for (const f of def.publicFields ?? []) if (data[f] !== undefined) fields[f] = data[f];
      for (const f of def.maskedFields ?? []) if (typeof fields[f] === 'string') fields[f] = maskIdNumber(fields[f] as string);
      const validUntil = typeof data.validUntil === 'string' ? data.validUntil : null;
      return {
        id: r.id, title: r.title, status: r.status, parentId: r.parentId, district: r.district, registeredAt: r.createdAt,
        validUntil, expired: validUntil ? validUntil < today : false, data: fields,
      };
    });
    return { org: { name: org.name, code: org.code, kind: org.kind }, register: req.params.register, title: def.title, items };
  });
};
