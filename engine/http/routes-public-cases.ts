// The anonymous public's own cases: start one (types with settings.publicStart), follow it with
// the business number and 查询码, and take their own steps (e.g. rate the answer).
import type { EnginePlugin } from './plugin.js';
import { createPublicCase, publicCaseView, sendPublicEvent } from '../runtime/public-cases.js';

const numberParam = { type: 'object', required: ['number'], properties: { number: { type: 'string', maxLength: 40 } } };

export const publicCaseRoutes: EnginePlugin = async (app, { engine }) => {
  app.post<{ Body: { type: string; data: unknown } }>('/api/public/cases', {
    schema: {
      tags: ['public'], summary: '公众办理（无需登录，如投诉）：返回业务编号与查询码',
      body: { type: 'object', required: ['type', 'data'], properties: { type: { type: 'string', maxLength: 64 }, data: { type: 'object' } } },
    },
  }, async (req, reply) => {
    reply.status(201);
    return createPublicCase(engine, req.body.type, req.body.data, req.ip);
  });

  app.get<{ Params: { number: string }; Querystring: { code: string } }>('/api/public/cases/:number', {
    schema: {
      tags: ['public'], summary: '凭业务编号与查询码查看办理进度', params: numberParam,
      querystring: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 40 } } },
    },
  }, async (req) => publicCaseView(engine, req.params.number, req.query.code));

  app.post<{ Params: { number: string }; Body: { code: string; event: string; data?: unknown } }>('/api/public/cases/:number/events', {
    schema: {
      tags: ['public'], summary: '公众办理本人环节（如评价答复）', params: numberParam,
      body: {
        type: 'object', required: ['code', 'event'],
        properties: { code: { type: 'string', maxLength: 40 }, event: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' }, data: { type: 'object' } },
      },
    },
  }, async (req) => sendPublicEvent(engine, req.params.number, req.body.code, req.body.event, req.body.data ?? {}));
};
