// The statements of a transition, as prepared statements on the transaction's connection
// (engine/db/raw.ts): lock and read the case, read its open tasks, complete / cancel / create
// tasks, write the case guarded by its version, append to the event log. One event is about eight
// statements; through the ORM it was thirteen and more at ~20× the CPU.
import type { Transaction } from 'sequelize';
import { columnList, columnOf, insertInto, type Database } from '../db/index.js';
import { sqlValue, type Raw, type RawRow } from '../db/raw.js';
import { AppError } from '../errors.js';
import type { CaseRow } from './case-row.js';

/** The defined fields of a case as its columns (checked against engine/db/schema.ts: they are spliced into SQL) and values. */
function columns(s: CaseSql, fields: Record<string, unknown>): { names: string[]; values: unknown[] } {
  const keys = Object.keys(fields).filter((k) => fields[k] !== undefined);
  return { names: keys.map((k) => columnOf('cases', k)), values: keys.map((k) => s.v(fields[k])) };
}

// The column lists of the statements below, from the schema (built once).
const INSERT_TASK = insertInto('tasks', [
  'caseId', 'state', 'name', 'title', 'role', 'scope', 'district', 'orgId', 'events', 'assigneeId', 'status', 'dueAt', 'typeId', 'createdAt', 'updatedAt',
]);
/** case_events' columns in the order of appendEvent's values: seq second, computed by the statement. */
const EVENT_COLUMNS = columnList('case_events', ['caseId', 'seq', 'actorId', 'actorName', 'event', 'payload', 'fromState', 'toState', 'taskId', 'createdAt']);

export interface CaseSql {
  raw: Raw;
  /** A value as its column stores it (JSON text, the dialect's date form). */
  v(value: unknown): unknown;
  dialect: Database['dialect'];
}

export function caseSql(db: Database, t: Transaction): CaseSql {
  return { raw: db.sql(t), v: (value) => sqlValue(db.dialect, value), dialect: db.dialect };
}

/** Reads the case and locks it (FOR UPDATE on PostgreSQL; SQLite's write lock is held already). */
export async function lockCaseRow(s: CaseSql, caseId: number): Promise<CaseRow> {
  const row = await s.raw.get(`SELECT * FROM cases WHERE id = ?${s.dialect === 'postgres' ? ' FOR UPDATE' : ''}`, [caseId]);
  if (!row) throw new AppError('NOT_FOUND', { what: '业务单' });
  return row as CaseRow;
}

/**
 * The case's open tasks. Read after lockCaseRow, in a statement of its own: as a subquery of the
 * locking SELECT (one round trip on PostgreSQL) they would come from the snapshot taken before
 * waiting for the lock, and a concurrent completion would look like an event the state no longer allows.
 */
export const openTasksOf = (s: CaseSql, caseId: number): Promise<RawRow[]> =>
  s.raw.all("SELECT * FROM tasks WHERE case_id = ? AND status = 'open' ORDER BY id", [caseId]);

/** Marks an open task done by the actor; TASK_CONFLICT when someone else completed it first. */
export async function completeTask(s: CaseSql, taskId: number, actorId: number | null, event: string, now: Date): Promise<void> {
  const changed = await s.raw.run(
    "UPDATE tasks SET status = 'done', completed_at = ?, completed_by = ?, completed_event = ?, updated_at = ? WHERE id = ? AND status = 'open'",
    [s.v(now), actorId, event, s.v(now), taskId],
  );
  if (changed !== 1) throw new AppError('TASK_CONFLICT');
}

export async function cancelTasks(s: CaseSql, ids: number[], now: Date): Promise<void> {
  if (!ids.length) return;
  await s.raw.run(
    `UPDATE tasks SET status = 'cancelled', completed_at = ?, updated_at = ? WHERE id IN (${ids.map(() => '?').join(', ')})`,
    [s.v(now), s.v(now), ...ids],
  );
}

export interface NewTask {
  caseId: number; state: string; name: string; title: string | null; role: string; scope: string;
  district: string | null; orgId: number | null; events: unknown; dueAt: Date | null; assigneeId?: number | null;
  /** The case's type (copied for the inbox's type filter). */
  typeId: string;
}

export async function insertTask(s: CaseSql, task: NewTask, now: Date): Promise<void> {
  await s.raw.run(INSERT_TASK, [task.caseId, task.state, task.name, task.title ?? null, task.role, task.scope, task.district, task.orgId,
    s.v(task.events), task.assigneeId ?? null, 'open', s.v(task.dueAt), task.typeId, s.v(now), s.v(now)]);
}

/** INSERT INTO cases … RETURNING *: the new row as the models read it. */
export async function insertCaseRow(s: CaseSql, fields: Record<string, unknown>, now: Date): Promise<CaseRow> {
  const { names, values } = columns(s, { ...fields, createdAt: now, updatedAt: now });
  const row = await s.raw.get(`INSERT INTO cases (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) RETURNING *`, values);
  return row as CaseRow;
}

/** UPDATE cases SET … WHERE id AND version; CASE_CONFLICT when the version moved on. */
export async function updateCaseRow(s: CaseSql, id: number, version: number, fields: Record<string, unknown>): Promise<void> {
  const { names, values } = columns(s, fields);
  const changed = await s.raw.run(`UPDATE cases SET ${names.map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND version = ?`, [...values, id, version]);
  if (changed !== 1) throw new AppError('CASE_CONFLICT');
}

export interface NewEvent {
  caseId: number; actorId: number | null; actorName: string; event: string; payload: unknown;
  fromState: string | null; toState: string | null; taskId: number | null;
}

/**
 * The versioned case update and its event: on PostgreSQL one statement (the event is inserted only
 * when the update matched, so a stale version writes nothing and answers CASE_CONFLICT).
 */
export async function updateCaseAndAppend(s: CaseSql, id: number, version: number, fields: Record<string, unknown>, e: NewEvent, now: Date): Promise<void> {
  if (s.dialect !== 'postgres') {
    await updateCaseRow(s, id, version, fields);
    await appendEvent(s, e, now);
    return;
  }
  const { names, values } = columns(s, fields);
  const changed = await s.raw.run(
    `WITH u AS (UPDATE cases SET ${names.map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND version = ? RETURNING id)
     INSERT INTO case_events (${EVENT_COLUMNS})
     SELECT u.id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = u.id), ?, ?, ?, ?, ?, ?, ?, ? FROM u`,
    [...values, id, version,
      e.actorId, e.actorName, e.event, s.v(e.payload ?? null), e.fromState, e.toState, e.taskId, s.v(now)],
  );
  if (changed !== 1) throw new AppError('CASE_CONFLICT');
}

/** Appends to the case's event log with the next seq (unique (case_id, seq) guards a race). */
export async function appendEvent(s: CaseSql, e: NewEvent, now: Date): Promise<void> {
  await s.raw.run(
    `INSERT INTO case_events (${EVENT_COLUMNS})
     SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM case_events WHERE case_id = ?`,
    [e.caseId, e.actorId, e.actorName, e.event, s.v(e.payload ?? null), e.fromState, e.toState, e.taskId, s.v(now), e.caseId],
  );
}
