// The durable timer poller. Timers are rows (written by the transition that entered the waiting
// state); every server polls for due ones and fires each in its own transaction. The claim
// (UPDATE … WHERE status = 'pending') and the transition commit together, so a timer fires exactly
// once across restarts and across servers sharing one PostgreSQL.
import { Op } from 'sequelize';
import type { Engine } from '../context.js';
import { fireTimer } from './case-runtime.js';

export interface TimerPoller {
  stop(): Promise<void>;
  /** Fires everything due now; resolves when done (tests and the CLI use it). */
  runDue(): Promise<number>;
}

export function startTimerPoller(engine: Engine): TimerPoller {
  let stopped = false;
  let running: Promise<number> | null = null;
  let handle: NodeJS.Timeout | null = null;

  const runDue = async (): Promise<number> => {
    const due = await engine.db.models.Timer.findAll({
      where: { status: 'pending', dueAt: { [Op.lte]: new Date() } },
      order: [['dueAt', 'ASC']], limit: 50, attributes: ['id'], raw: true,
    });
    let fired = 0;
    for (const { id } of due) {
      if (stopped) break;
      try {
        if (await fireTimer(engine, id as number)) fired++;
      } catch (err) {
        // A failing timer stays pending and is retried on the next poll (e.g. database briefly down).
        console.error(`timer ${id} failed: ${(err as Error).message}`);
      }
    }
    return fired;
  };

  const tick = async () => {
    if (stopped) return;
    try {
      running = runDue();
      await running;
    } catch {
      // the database may be unavailable for a moment; the next tick tries again
    } finally {
      running = null;
      if (!stopped) handle = setTimeout(tick, engine.config.timerPollMs);
    }
  };
  handle = setTimeout(tick, Math.min(engine.config.timerPollMs, 200));

  return {
    runDue,
    async stop() {
      stopped = true;
      if (handle) clearTimeout(handle);
      await running?.catch(() => undefined);
    },
  };
}
