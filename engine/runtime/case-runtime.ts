// The case life cycle seen from the API: create a draft, edit it, send applicant events, complete
// tasks, fire timers. Every write is one transaction; the case row is locked (PostgreSQL) or the
// write lock held (SQLite) while the transition is computed, and the version guards the update.
import { initialTransition } from 'xstate';
import type { Transaction } from 'sequelize';
import { AppError, formInvalid, type FieldError } from '../errors.js';
import type { CaseOps, Engine } from '../context.js';
import type { SessionUser } from '../auth/types.js';
import { getPointer } from '../registry/pointer.js';
import { persistSnapshot, restoreSnapshot } from '../registry/machine.js';
import type { TypeVersionDef } from '../registry/types.js';
import { validateForm } from '../validation/index.js';
import { linkFiles } from '../files/index.js';
import { activeLeaves, activePaths, isEditable } from './states.js';
import { nextBusinessNumber } from './numbers.js';
import { runEffects, type Flag } from './effects.js';
import { runRules } from './rules.js';
import { indexFields } from './index-fields.js';
import { collectAttachmentIds, collectAttachments } from './attachments.js';
import { fillData } from './data-fill.js';
import { labelRows } from './check.js';
import { canSeeCaseRow, userMatchesTask } from './access.js';
import { appendEvent, caseSql, insertCaseRow, lockCaseRow, openTasksOf } from './case-sql.js';
import { applyTransition, createTasksForPaths } from './transition.js';
import type { CaseRow, NewCase } from './case-row.js';

type Data = Record<string, unknown>;

function asData(value: unknown): Data {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new AppError('BAD_REQUEST', { reason: 'data 应为对象' });
  return value as Data;
}

function checkDraftData(engine: Engine, def: TypeVersionDef, data: Data) {
  const errors = labelRows(validateForm(engine.ajv, def.schema, data, { partial: true }));
  if (errors.length) throw formInvalid(errors);
}

/** District, street, area and title of a case, derived from its data as the type's settings say. */
async function caseFields(engine: Engine, def: TypeVersionDef, data: Data, t?: Transaction): Promise<Data> {
  const s = def.settings;
  const title = s.titleField ? getPointer(data, s.titleField) : undefined;
  const out: Data = { title: typeof title === 'string' && title ? title.slice(0, 300) : s.title };
  if (s.scope?.entry) {
    const id = Number(getPointer(data, s.scope.entry.id));
    const entry = id ? await engine.db.models.RegisterEntry.findOne({ where: { id, register: s.scope.entry.register }, transaction: t, raw: true }) : null;
    Object.assign(out, { district: entry?.district ?? null, street: entry?.street ?? null, areaId: entry?.id ?? null });
  } else {
    const d = s.scope?.district ? getPointer(data, s.scope.district) : undefined;
    const st = s.scope?.street ? getPointer(data, s.scope.street) : undefined;
    Object.assign(out, { district: typeof d === 'string' ? d : null, street: typeof st === 'string' ? st : null });
  }
  return out;
}

async function lockCase(engine: Engine, t: Transaction, caseId: number): Promise<CaseRow> {
  return lockCaseRow(caseSql(engine.db, t), caseId);
}

async function link(engine: Engine, t: Transaction, def: TypeVersionDef, caseId: number, data: Data, user: SessionUser) {
  await linkFiles(engine, t, caseId, collectAttachments(def.schema, data, def.uiSchema), user);
}

/**
 * The new data holds exactly the attachments of the stored data, which are linked already (every
 * write links what it stores): a submit that re-fills the same data has nothing to link or check.
 */
function sameAttachments(def: TypeVersionDef, before: Data, after: Data): boolean {
  const was = new Set(collectAttachmentIds(def.schema, before));
  const now = new Set(collectAttachmentIds(def.schema, after));
  return was.size === now.size && [...now].every((id) => was.has(id));
}

export type { NewCase } from './case-row.js';

/**
 * Creates a case inside a transaction the caller holds (also used by the startCase effect).
 * A case whose initial state is editable starts as a draft, visible to its applicant only; one
 * whose workflow starts at a department's step (a complaint) is active at once.
 */
export async function createCaseInTx(engine: Engine, t: Transaction, def: TypeVersionDef, input: NewCase, now = new Date()): Promise<CaseRow> {
  const number = await nextBusinessNumber(engine.db, t, def.settings.numberPrefix, now);
  const machine = engine.registry.machine(def);
  const [snapshot, actions] = initialTransition(machine, { $data: input.data, $flags: [] });
  const leaves = activeLeaves(snapshot.value);
  const draft = isEditable(def.workflow, leaves);
  const fields = await caseFields(engine, def, input.data, t);
  const s = caseSql(engine.db, t);
  const row = await insertCaseRow(s, {
    number, typeId: def.id, typeVersion: def.version, ...fields, ...indexFields(def, input.data), state: leaves.join(','),
    status: draft ? 'draft' : 'active', submittedAt: draft ? null : now, data: input.data,
    snapshot: persistSnapshot(machine, snapshot), flags: [], orgId: input.orgId, createdBy: input.createdBy, version: 1,
  }, now);
  await runEffects(engine, t, { ...row, flags: [] }, actions as never, now);
  await createTasksForPaths(engine, t, def, row, activePaths(leaves), now);
  await appendEvent(s, {
    caseId: row.id, actorId: input.createdBy, actorName: input.actorName, event: 'CREATE', payload: null, fromState: null, toState: row.state, taskId: null,
  }, now);
  return row;
}

export async function createCase(engine: Engine, user: SessionUser, typeId: string, rawData: unknown): Promise<number> {
  // New cases use the current version; another server may have published one a moment ago.
  await engine.registry.refresh({ maxAgeMs: 1000 });
  const def = engine.registry.current(typeId);
  if (!def) throw new AppError('NOT_FOUND', { what: `业务类型 ${typeId}` });
  if (!def.settings.starters.includes(user.role) || def.settings.registration) throw new AppError('FORBIDDEN');
  const data = await fillData(engine, def, asData(rawData), user.orgId);
  checkDraftData(engine, def, data);
  return engine.db.tx(async (t) => {
    const row = await createCaseInTx(engine, t, def, { data, orgId: user.orgId, createdBy: user.id, actorName: user.displayName });
    if (row.status !== 'draft') await validateCaseData(engine, def, data, user.orgId, t, row.id);
    await link(engine, t, def, row.id, data, user);
    return row.id;
  });
}

export async function updateDraft(engine: Engine, user: SessionUser, caseId: number, rawData: unknown, version?: number): Promise<void> {
  const raw = asData(rawData);
  await engine.db.tx(async (t) => {
    const s = caseSql(engine.db, t);
    const row = await lockCaseRow(s, caseId);
    if (!(await canSeeCaseRow(s.raw, engine.registry.roles, user, row))) throw new AppError('NOT_FOUND', { what: '业务单' });
    if (row.orgId === null || row.orgId !== user.orgId) throw new AppError('FORBIDDEN');
    if (version !== undefined && version !== row.version) throw new AppError('CASE_CONFLICT');
    const def = await engine.registry.get(row.typeId, row.typeVersion);
    if (!isEditable(def.workflow, row.state.split(','))) throw new AppError('CASE_NOT_EDITABLE');
    const data = await fillData(engine, def, raw, row.orgId, t);
    checkDraftData(engine, def, data);
    const [affected] = await engine.db.models.Case.update(
      { data, ...(await caseFields(engine, def, data, t)), ...indexFields(def, data), version: row.version + 1, updatedAt: new Date() },
      { where: { id: caseId, version: row.version }, transaction: t },
    );
    if (!affected) throw new AppError('CASE_CONFLICT');
    await link(engine, t, def, caseId, data, user);
  });
}

/** Full validation of a case's data: the schema and the type's rules. Errors throw; warnings return. */
export async function validateCaseData(engine: Engine, def: TypeVersionDef, data: Data, orgId: number | null, t?: Transaction, caseId?: number): Promise<Flag[]> {
  const errors: FieldError[] = labelRows(validateForm(engine.ajv, def.schema, data));
  const outcome = await runRules(def, { db: engine.db, t, data, orgId, caseId });
  const all = [...errors, ...outcome.errors.filter((e) => !errors.some((x) => x.field === e.field))];
  if (all.length) throw formInvalid(all);
  const at = new Date().toISOString();
  return outcome.warnings.map((w) => ({ code: w.code, message: w.message, at }));
}

export interface SendInput {
  event: string;
  data?: unknown;
  decision?: unknown;
  version?: number;
  taskId?: number;
}

/** An event from a person: an applicant's SUBMIT, or a task completion (taskId set). */
export async function sendEvent(engine: Engine, user: SessionUser, caseId: number, input: SendInput): Promise<void> {
  await engine.db.tx(async (t) => {
    const s = caseSql(engine.db, t);
    const row = await lockCaseRow(s, caseId);
    // Who may see it is judged on the locked row (one query less than canSeeCase before the lock).
    if (!(await canSeeCaseRow(s.raw, engine.registry.roles, user, row))) throw new AppError('NOT_FOUND', { what: '业务单' });
    if (input.version !== undefined && input.version !== row.version) throw new AppError('CASE_CONFLICT');
    const def = await engine.registry.get(row.typeId, row.typeVersion);
    const open = await openTasksOf(s, caseId);
    let task;
    if (input.taskId !== undefined) {
      task = open.find((x) => x.id === input.taskId);
      if (!task) throw new AppError('TASK_CONFLICT');
    } else {
      const candidates = open.filter((x) => (x.events as Data)[input.event] && userMatchesTask(user, x as never));
      task = candidates.find((x) => x.assigneeId === user.id) ?? candidates.find((x) => !x.assigneeId) ?? candidates[0];
      if (!task) {
        const someone = open.some((x) => (x.events as Data)[input.event]);
        throw someone ? new AppError('FORBIDDEN') : new AppError('EVENT_NOT_ALLOWED', { state: row.state, event: input.event });
      }
    }
    if (!userMatchesTask(user, task as never)) throw new AppError('FORBIDDEN');
    if (task.assigneeId && task.assigneeId !== user.id) throw new AppError('TASK_CONFLICT');
    const eventDef = (task.events as Record<string, { form?: string; validate?: boolean }>)[input.event];
    if (!eventDef) throw new AppError('EVENT_NOT_ALLOWED', { state: row.state, event: input.event });

    let data = row.data;
    if (input.data !== undefined) {
      if (!isEditable(def.workflow, row.state.split(','))) throw new AppError('CASE_NOT_EDITABLE');
      data = await fillData(engine, def, asData(input.data), row.orgId, t);
      checkDraftData(engine, def, data);
    } else if (eventDef.validate) data = await fillData(engine, def, data, row.orgId, t);
    const decision = asData(input.decision);
    if (eventDef.form) {
      const errors = validateForm(engine.ajv, engine.registry.decisionForms[eventDef.form], decision);
      if (errors.length) throw formInvalid(errors);
    } else if (Object.keys(decision).length) {
      throw formInvalid([{ field: '', message: '此操作不需要填写办理意见' }]);
    }
    const extraFlags = eventDef.validate ? await validateCaseData(engine, def, data, row.orgId, t, row.id) : undefined;
    const fields = input.data !== undefined ? await caseFields(engine, def, data, t) : undefined;
    const updated = await applyTransition(engine, t, def, row, {
      event: input.event, data, decision, actorId: user.id, actorName: user.displayName, taskId: task.id as number,
      extraFlags, caseFields: fields, openTasks: open,
    });
    // New data (typed by the applicant, or written by effects from a decision, e.g. completion
    // photos) brings its attachments along.
    if (updated.data !== row.data && !sameAttachments(def, row.data, updated.data)) await link(engine, t, def, caseId, updated.data, user);
  });
  for (const cb of engine.onCommitted) cb(caseId);
}

/** The event a started case gets at once (e.g. a facility registered by an approval is saved, 在用). */
async function sendAsSystem(engine: Engine, t: Transaction, def: TypeVersionDef, row: CaseRow, event: string, actorName: string, now: Date): Promise<CaseRow> {
  const tasks = await engine.db.models.Task.findAll({ where: { caseId: row.id, status: 'open' }, transaction: t, raw: true });
  const task = tasks.find((x) => (x.events as Record<string, unknown>)[event]);
  return applyTransition(engine, t, def, row, { event, data: row.data, actorId: null, actorName, taskId: (task?.id as number | undefined) ?? null, now });
}

/** What effects that start other cases need of the runtime (set on the engine at start). */
export function caseOps(engine: Engine): CaseOps {
  return {
    create: (t, def, input, now) => createCaseInTx(engine, t, def, input, now),
    sendAsSystem: (t, def, row, event, actorName, now) => sendAsSystem(engine, t, def, row, event, actorName, now),
  };
}

/** Fires one durable timer: claims it and runs its transition in one transaction (exactly once). */
export async function fireTimer(engine: Engine, timerId: number): Promise<boolean> {
  return engine.db.tx(async (t) => {
    const { Timer } = engine.db.models;
    const [claimed] = await Timer.update({ status: 'fired', firedAt: new Date() }, { where: { id: timerId, status: 'pending' }, transaction: t });
    if (!claimed) return false;
    const timer = await Timer.findByPk(timerId, { transaction: t, raw: true });
    const row = await lockCase(engine, t, timer!.caseId as number);
    const def = await engine.registry.get(row.typeId, row.typeVersion);
    const machine = engine.registry.machine(def);
    const event = { type: timer!.eventType as string, $data: row.data, $flags: row.flags };
    if (!restoreSnapshot(machine, row.snapshot).can(event)) return true; // stale: the state moved on
    await applyTransition(engine, t, def, row, { event: event.type, data: row.data, actorId: null, actorName: '系统（到期自动办理）' });
    return true;
  });
}
