// The inbox: one generic task list for every type, claim / release / reassign / complete.
import { AppError } from '../errors.js';
import type { EnginePlugin } from './plugin.js';
import { requireUser } from '../auth/index.js';
import { caseView, claimTask, listInbox, reassignTask, releaseTask, sendEvent, type InboxQuery } from '../runtime/index.js';
import { PAGE_PARAM } from './request-guards.js';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } };

export const taskRoutes: EnginePlugin = async (app, { engine }) => {
  app.get<{ Querystring: InboxQuery }>('/api/tasks', {
    schema: {
      tags: ['tasks'], summary: '待办（按角色与辖区限定）',
      querystring: {
        type: 'object',
        properties: {
          type: { type: 'string' }, state: { type: 'string' }, overdue: { type: 'boolean' }, mine: { type: 'boolean' },
          q: { type: 'string', maxLength: 100 }, page: PAGE_PARAM, pageSize: { type: 'integer', minimum: 1, maximum: 100 },
        },
      },
    },
  }, async (req) => listInbox(engine, requireUser(req), req.query));

  app.post<{ Params: { id: number } }>('/api/tasks/:id/claim', { schema: { tags: ['tasks'], summary: '签收', params: idParam } }, async (req) => {
    await claimTask(engine, requireUser(req), req.params.id);
    return { ok: true };
  });

  app.post<{ Params: { id: number } }>('/api/tasks/:id/release', { schema: { tags: ['tasks'], summary: '退回签收（放回公共待办）', params: idParam } }, async (req) => {
    await releaseTask(engine, requireUser(req), req.params.id);
    return { ok: true };
  });

  app.post<{ Params: { id: number }; Body: { username: string } }>('/api/tasks/:id/reassign', {
    schema: {
      tags: ['tasks'], summary: '转办给同角色同辖区的同事', params: idParam,
      body: { type: 'object', required: ['username'], properties: { username: { type: 'string', maxLength: 64 } } },
    },
  }, async (req) => {
    await reassignTask(engine, requireUser(req), req.params.id, req.body.username);
    return { ok: true };
  });

  app.post<{ Params: { id: number }; Body: { event: string; data?: unknown } }>('/api/tasks/:id/complete', {
    schema: {
      tags: ['tasks'], summary: '办理待办（受理、退回、通过、不予备案……）', params: idParam,
      body: { type: 'object', required: ['event'], properties: { event: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' }, data: { type: 'object' } } },
    },
  }, async (req) => {
    const user = requireUser(req);
    const task = await engine.db.read.get('SELECT case_id FROM tasks WHERE id = ?', [req.params.id]);
    if (!task) throw new AppError('NOT_FOUND', { what: '待办' });
    await sendEvent(engine, user, task.caseId as number, { event: req.body.event, decision: req.body.data ?? {}, taskId: req.params.id });
    return caseView(engine, user, task.caseId as number);
  });
};
