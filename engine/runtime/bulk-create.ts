// Many cases at once, one per row of data (an Excel sheet of a register: one person, one facility
// per row): each row is filled and validated like a form (schema and the type's rules, so a person
// already 在职 elsewhere or a duplicate 设备编号 is refused), created, and sent the type's first
// event (e.g. SAVE) by the importing user. All rows in one transaction: one bad row and nothing
// is written, and the errors of every row come back together. Rules see the rows created before
// them in the same transaction, so two rows that clash are caught too.
import { AppError, type FieldError } from '../errors.js';
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/types.js';
import type { TypeVersionDef } from '../registry/index.js';
import { createCaseInTx, validateCaseData } from './case-runtime.js';
import { applyTransition } from './transition.js';
import { fillData } from './data-fill.js';
import { userMatchesTask } from './access.js';

type Data = Record<string, unknown>;

export interface CreatedRow { index: number; id: number; number: string; title: string | null; state: string }
export interface RejectedRow { index: number; errors: FieldError[] }

class Rejected extends Error {
  constructor(readonly rows: RejectedRow[]) { super('rows rejected'); }
}

export async function createCasesFromRows(
  engine: Engine, user: SessionUser, def: TypeVersionDef, rows: Data[], event?: string,
): Promise<{ created: CreatedRow[]; rejected: RejectedRow[] }> {
  if (!def.settings.starters.includes(user.role) || def.settings.registration) throw new AppError('FORBIDDEN');
  try {
    const created = await engine.db.tx(async (t) => {
      const done: CreatedRow[] = [];
      const rejected: RejectedRow[] = [];
      for (const [index, raw] of rows.entries()) {
        const data = await fillData(engine, def, raw, user.orgId, t);
        let warnings;
        try {
          warnings = await validateCaseData(engine, def, data, user.orgId, t);
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'FORM_INVALID') throw err;
          rejected.push({ index, errors: err.details as FieldError[] });
          continue;
        }
        if (rejected.length) continue; // nothing will be written: validating the rest is enough
        let row = await createCaseInTx(engine, t, def, { data, orgId: user.orgId, createdBy: user.id, actorName: user.displayName });
        if (event) {
          const open = await engine.db.models.Task.findAll({ where: { caseId: row.id, status: 'open' }, transaction: t, raw: true });
          const task = open.find((x) => (x.events as Data)[event] && userMatchesTask(user, x as never));
          if (!task) throw new AppError('EVENT_NOT_ALLOWED', { state: row.state, event });
          row = await applyTransition(engine, t, def, row, {
            event, data, actorId: user.id, actorName: user.displayName, taskId: task.id as number, extraFlags: warnings,
          });
        }
        done.push({ index, id: row.id, number: row.number, title: (row.title as string | null) ?? null, state: row.state });
      }
      if (rejected.length) throw new Rejected(rejected);
      return done;
    });
    for (const r of created) for (const cb of engine.onCommitted) cb(r.id);
    return { created, rejected: [] };
  } catch (err) {
    if (err instanceof Rejected) return { created: [], rejected: err.rows };
    throw err;
  }
}
