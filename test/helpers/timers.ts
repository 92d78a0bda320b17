// A timer the poller gave up on (status dead, as engine/runtime/timers.ts leaves it after its last
// failed attempt), made directly in the database: poison-timers.test.ts shows how one dies; the
// browser tests only need one to show and retry.
import type { TestApp } from './app.js';

/**
 * A dead timer of the case, due an hour ago. Its event is one no workflow listens to: once 重试
 * puts it back in the poll it fires without moving the case under test.
 */
export async function deadTimer(app: TestApp, caseId: number, lastError = '业务类型 版本 99 不存在'): Promise<number> {
  const { Timer } = app.engine.db.models;
  const timer = await Timer.create({
    caseId, sendId: `dead-${caseId}-${Math.random().toString(36).slice(2, 8)}`, eventType: 'xstate.after.dead-timer',
    dueAt: new Date(app.engine.clock.now() - 3_600_000), status: 'dead', attempts: 3, lastError, nextAttemptAt: null,
  });
  return timer.get('id') as number;
}
