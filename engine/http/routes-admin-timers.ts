// /api/admin/timers: timers the poller gave up on (engine/runtime/timers.ts) — with their case,
// last error and attempts — and a retry that puts one back in the poll with a full set of
// attempts. Admins only (admin-area.ts's hook); a retry is audited.
import { AppError } from '../errors.js';
import type { EnginePlugin } from './plugin.js';
import { audit } from '../admin/index.js';
import { stateTitle } from '../runtime/index.js';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } } };
const statusQuery = {
  type: 'object', additionalProperties: false,
  // dead: given up; retrying: failed at least once, still tried (the backoff's next attempt shown).
  properties: { status: { type: 'string', enum: ['dead', 'retrying'], default: 'dead' } },
};

export const adminTimerRoutes: EnginePlugin = async (app, { engine }) => {
  app.get('/timers', { schema: { tags: ['admin'], summary: '失败的定时任务：已停止重试（dead）或正在重试（retrying）', querystring: statusQuery } }, async (req) => {
    const { status } = req.query as { status: 'dead' | 'retrying' };
    const rows = await engine.db.read.all(
      `SELECT t.id, t.case_id, c.number AS case_number, c.type_id, c.title AS case_title, c.state, t.event_type, t.due_at,
              t.attempts, t.last_error, t.next_attempt_at, t.status
         FROM timers t JOIN cases c ON c.id = t.case_id
        WHERE t.status = ? ${status === 'retrying' ? 'AND t.attempts > 0' : ''}
        ORDER BY t.due_at LIMIT 500`,
      [status === 'dead' ? 'dead' : 'pending'],
    );
    return {
      items: rows.map((r) => ({
        id: r.id, caseId: r.caseId, caseNumber: r.caseNumber, typeId: r.typeId, typeTitle: engine.registry.current(String(r.typeId))?.settings.title ?? r.typeId,
        caseTitle: r.caseTitle, state: r.state, stateTitle: stateTitleOf(String(r.typeId), String(r.state)), event: r.eventType, dueAt: iso(r.dueAt), attempts: r.attempts, lastError: r.lastError,
        nextAttemptAt: r.status === 'dead' ? null : iso(r.nextAttemptAt), status: r.status,
      })),
    };
  });

  app.post('/timers/:id/retry', { schema: { tags: ['admin'], summary: '重试一个已停止重试的定时任务', params: idParam } }, async (req) => {
    const { id } = req.params as { id: number };
    const { Timer } = engine.db.models;
    await engine.db.tx(async (t) => {
      const [changed] = await Timer.update(
        { status: 'pending', attempts: 0, nextAttemptAt: new Date(engine.clock.now()) },
        { where: { id, status: 'dead' }, transaction: t },
      );
      if (!changed) throw new AppError('NOT_FOUND', { what: `已停止重试的定时任务 #${id}` });
      await audit(engine, req.user!.id, 'timer.retry', `timer:${id}`, undefined, t);
    });
    return { id, status: 'pending' };
  });

  function stateTitleOf(typeId: string, state: string): string {
    const def = engine.registry.current(typeId);
    return def ? stateTitle(def.workflow, state.split(',')) : state;
  }
};

/** Dates come back as Date (PostgreSQL) or text (SQLite): one ISO form for the console. */
function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}
