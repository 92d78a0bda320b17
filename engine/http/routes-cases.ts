// Cases: create a draft, list the caller's cases, read one, edit a draft, send applicant events.
import type { EnginePlugin } from './plugin.js';
import { requireUser } from '../auth/index.js';
import { caseView, createCase, listCases, sendEvent, updateDraft, type CaseListQuery } from '../runtime/index.js';
import { PAGE_PARAM } from './request-guards.js';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } };

const nullable = (type: string, description?: string) => ({ type: [type, 'null'], ...(description ? { description } : {}) });
/** GET /api/cases: one page of cases, each with its type's list-column values (not the data). */
const caseListResponse = {
  type: 'object',
  required: ['total', 'page', 'pageSize', 'items'],
  properties: {
    total: { type: 'integer' },
    totalCapped: { type: 'boolean', description: '为 true 时 total 为计数上限（至少有这么多条）' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        properties: {
          id: { type: 'integer' }, number: { type: 'string', description: '业务编号' },
          typeId: { type: 'string' }, typeVersion: { type: 'integer' }, typeTitle: { type: 'string' },
          title: nullable('string', '名称（settings.titleField）'), state: { type: 'string' }, stateTitle: { type: 'string' },
          status: { type: 'string', enum: ['draft', 'active', 'closed'] }, district: nullable('string'), orgId: nullable('integer'),
          version: { type: 'integer' }, flags: { type: 'array', items: {} },
          createdAt: { type: 'string' }, updatedAt: { type: 'string' }, submittedAt: nullable('string'), closedAt: nullable('string'),
          columns: {
            type: 'object', additionalProperties: true,
            description: '业务类型 settings.listColumns 所列字段的值（JSON Pointer → 值，未填为 null）；身份证号码已脱敏，长文本截断',
          },
        },
      },
    },
  },
};

export const caseRoutes: EnginePlugin = async (app, { engine }) => {
  app.post<{ Body: { type: string; data?: unknown } }>('/api/cases', {
    schema: {
      tags: ['cases'], summary: '新建业务单（草稿）',
      body: { type: 'object', required: ['type'], properties: { type: { type: 'string', maxLength: 64 }, data: { type: 'object' } } },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await createCase(engine, user, req.body.type, req.body.data ?? {});
    reply.status(201);
    return caseView(engine, user, id);
  });

  app.get<{ Querystring: CaseListQuery }>('/api/cases', {
    schema: {
      tags: ['cases'], summary: '我的业务单（按角色与辖区限定）',
      querystring: {
        type: 'object',
        properties: {
          type: { type: 'string' }, state: { type: 'string' }, status: { type: 'string', enum: ['draft', 'active', 'closed'] },
          q: { type: 'string', maxLength: 100 }, page: PAGE_PARAM, pageSize: { type: 'integer', minimum: 1, maximum: 100 },
          filter: { anyOf: [{ type: 'string', maxLength: 100 }, { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 100 } }] },
        },
      },
      response: { 200: caseListResponse },
    },
  }, async (req) => listCases(engine, requireUser(req), req.query));

  app.get<{ Params: { id: number } }>('/api/cases/:id', {
    schema: { tags: ['cases'], summary: '业务单详情：数据、环节、待办、办理记录、附件', params: idParam },
  }, async (req) => caseView(engine, requireUser(req), req.params.id));

  app.patch<{ Params: { id: number }; Body: { data: unknown; version?: number } }>('/api/cases/:id', {
    schema: {
      tags: ['cases'], summary: '保存草稿（可部分填写，提交时完整校验）', params: idParam,
      body: { type: 'object', required: ['data'], properties: { data: { type: 'object' }, version: { type: 'integer' } } },
    },
  }, async (req) => {
    const user = requireUser(req);
    await updateDraft(engine, user, req.params.id, req.body.data, req.body.version);
    return caseView(engine, user, req.params.id);
  });

  app.post<{ Params: { id: number }; Body: { event: string; data?: unknown; decision?: unknown; version: number } }>('/api/cases/:id/events', {
    schema: {
      tags: ['cases'], summary: '申请人操作（如 SUBMIT 保存并提交）', params: idParam,
      body: {
        type: 'object', required: ['event', 'version'],
        properties: { event: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' }, data: { type: 'object' }, decision: { type: 'object' }, version: { type: 'integer' } },
      },
    },
  }, async (req) => {
    const user = requireUser(req);
    await sendEvent(engine, user, req.params.id, { event: req.body.event, data: req.body.data, decision: req.body.decision, version: req.body.version });
    return caseView(engine, user, req.params.id);
  });
};
