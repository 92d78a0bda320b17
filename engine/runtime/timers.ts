// The durable timer poller. Timers are rows (written by the transition that entered the waiting
// state); every server polls for due ones and fires each in its own transaction. The claim
// (UPDATE … WHERE status = 'pending') and the transition commit together, so a timer fires exactly
// once across restarts and across servers sharing one PostgreSQL.
//
// A timer whose transition fails is not retried on every poll: its attempts and last error are
// recorded and its next attempt is put off, twice as long after each failure; after
// timerMaxAttempts it is given up ('dead') and listed for administrators, who may retry it
// (routes-admin-timers.ts). The poll takes the timers whose next attempt is due (the due time until
// a first failure), earliest first, so failing timers never hold back healthy ones.
import { col, fn, Op, where } from 'sequelize';
import type { Engine } from '../context.js';
import { errorForLog } from '../logger.js';
import { fireTimer } from './case-runtime.js';

export interface TimerPoller {
  stop(): Promise<void>;
  /** Fires everything due now; resolves when done (tests and the CLI use it). */
  runDue(): Promise<number>;
}

/** Timers taken per poll: a bound on one poll's work, not on how many may be due. */
const BATCH = 50;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** When a timer is next tried: its next attempt after a failure, else its due time. */
export const nextAttempt = () => fn('COALESCE', col('next_attempt_at'), col('due_at'));

/** Records a failed attempt: later retry with backoff, or give up after the last attempt. */
async function recordFailure(engine: Engine, id: number, err: unknown): Promise<void> {
  const { Timer } = engine.db.models;
  const { timerMaxAttempts, timerRetryMs } = engine.config;
  const message = errorForLog(err).message.slice(0, 1000) || String(err).slice(0, 1000);
  const outcome = await engine.db.tx(async (t) => {
    const row = await Timer.findOne({ where: { id, status: 'pending' }, attributes: ['caseId', 'attempts'], transaction: t, raw: true });
    if (!row) return null; // fired or cancelled meanwhile (another server)
    const attempts = Number(row.attempts) + 1;
    const dead = attempts >= timerMaxAttempts;
    const delay = Math.min(timerRetryMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    await Timer.update(
      { attempts, lastError: message, nextAttemptAt: new Date(engine.clock.now() + delay), status: dead ? 'dead' : 'pending' },
      { where: { id, status: 'pending' }, transaction: t },
    );
    return { caseId: row.caseId as number, attempts, dead };
  });
  if (outcome) engine.log.error({ err, timerId: id, ...outcome }, outcome.dead ? 'timer given up after its last attempt' : 'timer failed; retried later');
}

export function startTimerPoller(engine: Engine): TimerPoller {
  let stopped = false;
  let running: Promise<number> | null = null;
  let handle: NodeJS.Timeout | null = null;

  const runDue = async (): Promise<number> => {
    const due = await engine.db.models.Timer.findAll({
      where: { status: 'pending', [Op.and]: [where(nextAttempt(), Op.lte, new Date(engine.clock.now()))] },
      order: [[nextAttempt(), 'ASC']], limit: BATCH, attributes: ['id'], raw: true,
    });
    let fired = 0;
    for (const { id } of due) {
      if (stopped) break;
      try {
        if (await fireTimer(engine, id as number)) fired++;
      } catch (err) {
        // The database may be down too: then the failure is not recorded and the next poll tries again.
        await recordFailure(engine, id as number, err).catch((e) => engine.log.error({ err: e, timerId: id }, 'timer failure not recorded'));
      }
    }
    return fired;
  };

  const tick = async () => {
    if (stopped) return;
    try {
      running = runDue();
      await running;
    } catch (err) {
      // the database may be unavailable for a moment; the next tick tries again
      engine.log.warn({ err }, 'timer poll failed');
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
