// 检查: validates a form's data with its type's schema and rules without submitting or saving,
// answering per-row results (e.g. whether each 业委会成员 is a registered owner of the area).
import type { EnginePlugin } from './plugin.js';
import { requireUser } from '../auth/index.js';
import { checkCase, checkNew } from '../runtime/index.js';

const body = { type: 'object', properties: { data: { type: 'object' } } };

export const checkRoutes: EnginePlugin = async (app, { engine }) => {
  app.post<{ Params: { id: number }; Body: { data?: Record<string, unknown> } }>('/api/cases/:id/check', {
    schema: {
      tags: ['cases'], summary: '检查业务单数据（不提交）：表单与规则的全部问题及每行结果；可带未保存的 data',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } }, body,
    },
  }, async (req) => checkCase(engine, requireUser(req), req.params.id, req.body?.data));

  app.post<{ Params: { id: string }; Body: { data?: Record<string, unknown> } }>('/api/types/:id/check', {
    schema: {
      tags: ['types'], summary: '按业务类型当前版本检查数据（尚未建单时）',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } }, body,
    },
  }, async (req) => checkNew(engine, requireUser(req), req.params.id, req.body?.data ?? {}));
};
