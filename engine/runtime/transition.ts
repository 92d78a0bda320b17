// One transition of one case, inside a transaction the caller holds: restore the persisted XState
// snapshot, compute the pure transition, execute its effects and timers, replace the tasks of the
// states left and entered, write the case (guarded by its version) and append to the event log.
// Either all of it commits or none of it.
import { transition } from 'xstate';
import type { Transaction } from 'sequelize';
import { AppError } from '../errors.js';
import type { Engine } from '../context.js';
import { getPointer, taskRoles, persistSnapshot, setPointer, resolveDelay, restoreSnapshot, type TaskDef, type TypeVersionDef } from '../registry/index.js';
import { activeLeaves, activePaths, stateConfig } from './states.js';
import { runEffects, type EffectCase, type Flag } from './effects.js';
import { indexFields } from './index-fields.js';
import { cancelTasks, caseSql, completeTask, insertTask, openTasksOf, updateCaseAndAppend, type CaseSql } from './case-sql.js';
import type { RawRow } from '../db/raw.js';
import type { CaseRow } from './case-row.js';

export type { CaseRow } from './case-row.js';

export interface TransitionInput {
  event: string;
  data: Record<string, unknown>;
  decision?: Record<string, unknown>;
  actorId: number | null;
  actorName: string;
  taskId?: number | null;
  extraFlags?: Flag[];
  /** Extra case columns to write (e.g. district derived from new data). */
  caseFields?: Record<string, unknown>;
  /** The case's open tasks when the caller read them already in this transaction. */
  openTasks?: RawRow[];
  now?: Date;
}

export function dueDate(def: TypeVersionDef, task: TaskDef, now: Date, data?: unknown): Date | null {
  if (!task.due) return null;
  const ms = resolveDelay(def.settings.delays?.[task.due] ?? task.due, data, getPointer);
  return ms === null ? null : new Date(now.getTime() + ms);
}

export async function createTasksForPaths(engine: Engine, t: Transaction, def: TypeVersionDef, c: CaseRow, paths: string[], now: Date) {
  const { User } = engine.db.models;
  const s = caseSql(engine.db, t);
  for (const path of paths) {
    for (const task of stateConfig(def.workflow, path)?.meta?.tasks ?? []) {
      const orgId = task.orgField ? Number(getPointer(c.data, task.orgField)) || null : (task.role === 'applicant' || task.scope === 'org' ? c.orgId : null);
      // An organisation named in the data (the company a complaint is forwarded to) must exist and
      // hold an account of the task's role, or the task would sit in nobody's inbox.
      if (task.orgField && !(orgId && await User.count({ where: { orgId, active: true, ...(task.role === 'applicant' ? {} : { role: task.role }) }, transaction: t }))) {
        const who = taskRoles(engine.registry.roles)[task.role] ?? task.role;
        throw new AppError('RULE_VIOLATION', { message: orgId ? `「${task.title}」的办理单位（编号 ${orgId}）不存在或不是${who}` : `「${task.title}」没有确定办理单位（未找到对应的${who}）` });
      }
      const row = {
        caseId: c.id, state: path, name: task.name, title: task.title, role: task.role, scope: task.scope,
        district: c.district, orgId, events: task.events, dueAt: dueDate(def, task, now, c.data), typeId: def.id,
      };
      if (!task.assignees) {
        await insertTask(s, row, now);
        continue;
      }
      // Named people (e.g. the inspectors of a campaign): one task each, already theirs.
      const names = getPointer(c.data, task.assignees);
      const list = Array.isArray(names) ? [...new Set(names.map(String))] : [];
      if (list.length === 0) throw new AppError('RULE_VIOLATION', { message: `「${task.title}」没有指定办理人` });
      for (const username of list) {
        const user = await User.findOne({ where: { username, role: task.role, active: true }, transaction: t, raw: true });
        if (!user) throw new AppError('RULE_VIOLATION', { message: `「${task.title}」的办理人「${username}」不存在或不是${task.role}角色` });
        await insertTask(s, { ...row, assigneeId: user.id as number }, now);
      }
    }
  }
}

/**
 * A countersign step (completion "all"): each completion is recorded (and its decision collected)
 * but only the last one moves the case. Returns the updated case when it handled the event.
 */
async function countersign(s: CaseSql, def: TypeVersionDef, row: CaseRow, input: TransitionInput, now: Date): Promise<{ data: Record<string, unknown>; done?: CaseRow }> {
  let data = input.data;
  if (!input.taskId) return { data };
  const task = input.openTasks?.find((x) => x.id === input.taskId) ?? await s.raw.get('SELECT * FROM tasks WHERE id = ?', [input.taskId]);
  const taskDef = task && stateConfig(def.workflow, task.state as string)?.meta?.tasks?.find((x) => x.name === task.name);
  if (!task || !taskDef) return { data };
  if (taskDef.collectInto) {
    const list = getPointer(data, taskDef.collectInto);
    const entry = { ...(input.decision ?? {}), event: input.event, by: input.actorName, byId: input.actorId, at: now.toISOString() };
    data = setPointer(data, taskDef.collectInto, [...(Array.isArray(list) ? list : []), entry]);
  }
  if (taskDef.completion !== 'all') return { data };
  const others = await s.raw.get(
    "SELECT COUNT(*) AS n FROM tasks WHERE case_id = ? AND state = ? AND name = ? AND status = 'open' AND id <> ?",
    [row.id, task.state, task.name, task.id],
  );
  if (Number(others?.n ?? 0) === 0) return { data };
  await completeTask(s, task.id as number, input.actorId, input.event, now);
  await updateCaseAndAppend(s, row.id, row.version, { data, version: row.version + 1, updatedAt: now }, {
    caseId: row.id, actorId: input.actorId, actorName: input.actorName, event: input.event,
    payload: input.decision && Object.keys(input.decision).length ? input.decision : null, fromState: row.state, toState: row.state, taskId: task.id as number,
  }, now);
  return { data, done: { ...row, data, version: row.version + 1 } };
}

export async function applyTransition(engine: Engine, t: Transaction, def: TypeVersionDef, row: CaseRow, input: TransitionInput): Promise<CaseRow> {
  const s = caseSql(engine.db, t);
  const now = input.now ?? new Date();
  const signed = await countersign(s, def, row, input, now);
  if (signed.done) return signed.done;
  input = { ...input, data: signed.data };
  const machine = engine.registry.machine(def);
  const snapshot = restoreSnapshot(machine, row.snapshot);
  // A validating event re-judges the rule warnings: the ones that no longer hold are dropped.
  const kept = (row.flags ?? []).filter((f) => !(input.extraFlags && f.code.startsWith('RULE:')) && !(input.extraFlags ?? []).some((x) => x.code === f.code));
  const flags = [...kept, ...(input.extraFlags ?? [])];
  const event = { type: input.event, $data: input.data, $decision: input.decision ?? {}, $flags: flags, $now: now.toISOString() };
  if (!snapshot.can(event)) {
    throw new AppError('EVENT_NOT_ALLOWED', { state: row.state, event: input.event });
  }
  const [next, actions] = transition(machine, snapshot, event);
  const effectCase: EffectCase = { id: row.id, number: row.number, orgId: row.orgId, district: (input.caseFields?.district as string) ?? row.district, street: (input.caseFields?.street as string) ?? row.street, data: input.data, flags, decision: input.decision };
  const open = actions.length || !input.openTasks ? undefined : input.openTasks;
  await runEffects(engine, t, effectCase, actions as never, now);

  const before = activeLeaves(snapshot.value);
  const after = activeLeaves(next.value);
  const beforePaths = new Set(activePaths(before));
  const afterPaths = new Set(activePaths(after));
  const moved = before.join(',') !== after.join(',');
  // Tasks: the one completed is done when its state was left; tasks of states left are cancelled;
  // states newly entered get their tasks. (Effects may touch tasks: then they are read again.)
  if (input.taskId && moved) await completeTask(s, input.taskId, input.actorId, input.event, now);
  const stillOpen = (open ?? await openTasksOf(s, row.id)).filter((x) => !(moved && x.id === input.taskId));
  await cancelTasks(s, stillOpen.filter((x) => !afterPaths.has(x.state as string)).map((x) => x.id as number), now);
  const updated: CaseRow = {
    ...row,
    ...input.caseFields,
    state: after.join(','),
    status: next.status === 'done' ? 'closed' : 'active',
    data: effectCase.data, // effects such as setData may have written into it
    snapshot: persistSnapshot(machine, next),
    flags: effectCase.flags,
    version: row.version + 1,
  };
  await createTasksForPaths(engine, t, def, updated, [...afterPaths].filter((p) => !beforePaths.has(p)), now);

  await updateCaseAndAppend(s, row.id, row.version, {
    ...input.caseFields,
    state: updated.state, status: updated.status, data: updated.data, snapshot: updated.snapshot, flags: updated.flags,
    ...indexFields(def, updated.data),
    version: updated.version,
    submittedAt: row.status === 'draft' ? now : undefined,
    closedAt: updated.status === 'closed' ? now : null,
    updatedAt: now,
  }, {
    caseId: row.id, actorId: input.actorId, actorName: input.actorName, event: input.event,
    payload: input.decision && Object.keys(input.decision).length ? input.decision : null,
    fromState: row.state, toState: updated.state, taskId: input.taskId ?? null,
  }, now);
  return updated;
}
