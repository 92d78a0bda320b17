// The inbox: open tasks the caller may act on (role + district or organisation scope), with
// filters, and claim / release / reassign. Claims are conditional updates: two people claiming
// the same task at once, exactly one wins.
import { Op, type WhereOptions } from 'sequelize';
import { AppError } from '../errors.js';
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { userMatchesTask } from './access.js';

export interface InboxQuery {
  type?: string;
  state?: string;
  overdue?: boolean;
  q?: string;
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

export function inboxWhere(user: SessionUser): WhereOptions {
  const or: WhereOptions[] = [];
  if (user.orgId) or.push({ role: 'applicant', orgId: user.orgId });
  if (user.district) or.push({ role: user.role, scope: 'district', district: user.district });
  if (user.orgId) or.push({ role: user.role, scope: 'org', orgId: user.orgId });
  or.push({ role: user.role, scope: 'any' });
  return { status: 'open', [Op.or]: or };
}

export async function listInbox(engine: Engine, user: SessionUser, query: InboxQuery) {
  const { Task, Case } = engine.db.models;
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const caseWhere: Record<string | symbol, unknown> = {};
  if (query.type) caseWhere.typeId = query.type;
  if (query.q) {
    const like = `%${query.q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    caseWhere[Op.or] = [{ number: { [Op.like]: like } }, { title: { [Op.like]: like } }];
  }
  const where: Record<string | symbol, unknown> = { [Op.and]: [inboxWhere(user)] };
  if (query.state) where.state = query.state;
  if (query.overdue) where.dueAt = { [Op.lt]: new Date() };
  if (query.mine) where.assigneeId = user.id;
  const { rows, count } = await Task.findAndCountAll({
    where,
    include: [{ model: Case as never, as: 'case', where: caseWhere, required: true, attributes: ['id', 'number', 'typeId', 'typeVersion', 'title', 'state', 'version', 'district', 'orgId', 'flags', 'submittedAt'] }],
    order: [['dueAt', 'ASC'], ['id', 'ASC']],
    limit: pageSize,
    offset: (page - 1) * pageSize,
    raw: true,
    nest: true,
  });
  const now = Date.now();
  return {
    total: count, page, pageSize,
    items: rows.map((r) => {
      const task = r as Record<string, unknown> & { case: Record<string, unknown>; dueAt: Date | null };
      const def = engine.registry.current(task.case.typeId as string);
      return { ...task, typeTitle: def?.settings.title ?? task.case.typeId, overdue: !!task.dueAt && new Date(task.dueAt).getTime() < now };
    }),
  };
}

async function loadTaskFor(engine: Engine, user: SessionUser, taskId: number) {
  const task = await engine.db.models.Task.findByPk(taskId, { raw: true });
  // A task the caller may not act on is reported as missing: nothing is learned about it.
  if (!task || !userMatchesTask(user, task as never)) throw new AppError('NOT_FOUND', { what: '待办' });
  if (task.status !== 'open') throw new AppError('TASK_CONFLICT');
  return task;
}

export async function claimTask(engine: Engine, user: SessionUser, taskId: number): Promise<void> {
  await loadTaskFor(engine, user, taskId);
  const [n] = await engine.db.tx((t) => engine.db.models.Task.update(
    { assigneeId: user.id }, { where: { id: taskId, status: 'open', [Op.or]: [{ assigneeId: null }, { assigneeId: user.id }] }, transaction: t },
  ));
  if (!n) throw new AppError('TASK_CONFLICT');
}

export async function releaseTask(engine: Engine, user: SessionUser, taskId: number): Promise<void> {
  await loadTaskFor(engine, user, taskId);
  const [n] = await engine.db.tx((t) => engine.db.models.Task.update(
    { assigneeId: null }, { where: { id: taskId, status: 'open', assigneeId: user.id }, transaction: t },
  ));
  if (!n) throw new AppError('TASK_CONFLICT');
}

/** Hands a task to a named colleague with the same role and district (or organisation). */
export async function reassignTask(engine: Engine, user: SessionUser, taskId: number, username: string): Promise<void> {
  const task = await loadTaskFor(engine, user, taskId);
  if (task.assigneeId && task.assigneeId !== user.id) throw new AppError('TASK_CONFLICT');
  const colleague = await engine.db.models.User.findOne({ where: { username, active: true }, raw: true });
  const asUser = colleague && { id: colleague.id, role: colleague.role, orgId: colleague.orgId, district: colleague.district } as SessionUser;
  if (!asUser || asUser.role !== user.role || !userMatchesTask(asUser, task as never)) {
    throw new AppError('RULE_VIOLATION', { message: `「${username}」不是同一角色、同一辖区的同事，不能转办` });
  }
  const [n] = await engine.db.tx((t) => engine.db.models.Task.update(
    { assigneeId: asUser.id }, { where: { id: taskId, status: 'open', assigneeId: task.assigneeId ?? null }, transaction: t },
  ));
  if (!n) throw new AppError('TASK_CONFLICT');
}
