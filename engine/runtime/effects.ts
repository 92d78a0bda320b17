// Executes what a pure XState transition returned, inside the transition's transaction: delayed
// raises become durable timer rows, cancels cancel them, and vocabulary actions
// (engine/vocabulary/actions) change the case's data and flags or write outside the case
// (register entries, other cases). Nothing here runs outside the transaction.
import type { Transaction } from 'sequelize';
import { sqlValue } from '../db/raw.js';
import { insertInto } from '../db/index.js';
import type { Engine } from '../context.js';
import { ACTION_ENTRIES } from '../vocabulary/actions/index.js';
import type { EffectCase } from '../vocabulary/entry.js';

const INSERT_TIMER = insertInto('timers', ['caseId', 'sendId', 'eventType', 'dueAt', 'status', 'createdAt', 'updatedAt']);

export type { EffectCase, Flag } from '../vocabulary/entry.js';

interface ExecAction { type: string; params?: Record<string, unknown> }

export async function runEffects(engine: Engine, t: Transaction, c: EffectCase, actions: ExecAction[], now: Date): Promise<void> {
  const { db } = engine;
  const v = (value: unknown) => sqlValue(db.dialect, value);
  for (const action of actions) {
    const p = action.params ?? {};
    if (action.type === 'xstate.raise') {
      if (typeof p.delay !== 'number') continue; // immediate raises are handled inside the transition
      await db.sql(t).run(INSERT_TIMER, [c.id, String(p.id), (p.event as { type: string }).type, v(new Date(now.getTime() + p.delay)), 'pending', v(now), v(now)]);
      continue;
    }
    if (action.type === 'xstate.cancel') {
      await db.sql(t).run("UPDATE timers SET status = 'cancelled', updated_at = ? WHERE case_id = ? AND send_id = ? AND status = 'pending'", [v(now), c.id, String(p.sendId)]);
      continue;
    }
    // Other xstate.* built-ins change only the snapshot; the lint refuses names outside the vocabulary.
    const entry = ACTION_ENTRIES[action.type];
    if (!entry) continue;
    if (entry.apply) {
      const next = entry.apply({ data: c.data, flags: c.flags, decision: c.decision ?? {}, now: now.toISOString() }, p);
      c.data = next.data;
      c.flags = next.flags;
    }
    if (entry.run) await entry.run({ engine, t, c, now }, p);
  }
}
