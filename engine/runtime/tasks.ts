// The inbox: open tasks the caller may act on (role + district or organisation scope), with
// filters, and claim / release / reassign. Claims are conditional updates: two people claiming
// the same task at once, exactly one wins.
import { Op, QueryTypes, type WhereOptions } from 'sequelize';
import { AppError } from '../errors.js';
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { userMatchesTask } from './access.js';
import { numberSearch } from './views.js';

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

/**
 * inboxWhere as disjoint SQL conditions on `tasks t` (same tasks in all), one per scope branch, each
 * served in inbox order (due_at, id) by tasks_inbox_district / tasks_inbox_org. They overlap only
 * for applicants (their organisation's tasks of any scope), so there the other branches leave those out.
 */
function inboxBranches(user: SessionUser): { branches: string[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { ibRole: user.role };
  const branches: string[] = [];
  if (user.orgId) params.ibOrg = Number(user.orgId);
  const outsideOwnOrg = user.role === 'applicant' && user.orgId ? ' AND (t.org_id IS NULL OR t.org_id <> :ibOrg)' : '';
  if (user.orgId) branches.push("t.role = 'applicant' AND t.org_id = :ibOrg");
  if (user.district) {
    params.ibDistrict = user.district;
    branches.push(`t.role = :ibRole AND t.scope = 'district' AND t.district = :ibDistrict${outsideOwnOrg}`);
  }
  if (user.orgId && user.role !== 'applicant') branches.push("t.role = :ibRole AND t.scope = 'org' AND t.org_id = :ibOrg");
  branches.push(`t.role = :ibRole AND t.scope = 'any'${outsideOwnOrg}`);
  return { branches, params };
}

export async function listInbox(engine: Engine, user: SessionUser, query: InboxQuery) {
  const { Task, Case } = engine.db.models;
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const offset = (page - 1) * pageSize;
  const { branches, params } = inboxBranches(user);
  // Filters on the task, then on its case (only these join cases).
  const filters: string[] = ["t.status = 'open'"];
  if (query.state) { filters.push('t.state = :ibState'); params.ibState = query.state; }
  if (query.overdue) { filters.push('t.due_at < :ibNow'); params.ibNow = new Date(); }
  if (query.mine) { filters.push('t.assignee_id = :ibUser'); params.ibUser = Number(user.id); }
  const caseFilters: string[] = [];
  let numbered = false;
  if (query.type) { caseFilters.push('c.type_id = :ibType'); params.ibType = query.type; }
  if (query.q) {
    const search = numberSearch(query.q, engine.db.dialect);
    numbered = !!search;
    if (search) { caseFilters.push(search.sql); params[search.param] = search.value; } else {
      caseFilters.push('(c.number LIKE :ibLike OR c.title LIKE :ibLike)');
      params.ibLike = `%${query.q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    }
  }
  // The join order is spelled out (SQLite keeps the order of a CROSS JOIN; PostgreSQL plans it as
  // an inner join): a number search starts from the case found by its number, any other case
  // filter walks the branch's tasks in inbox order and looks up each one's case.
  let from = 'tasks t';
  if (caseFilters.length) {
    from = numbered ? 'cases c CROSS JOIN tasks t' : 'tasks t CROSS JOIN cases c';
    caseFilters.unshift('c.id = t.case_id');
  }
  const where = (branch: string) => [...filters, `(${branch})`, ...caseFilters].join(' AND ');
  // Each branch's first offset + pageSize tasks in inbox order, merged and cut to the page; the
  // branches are disjoint, so UNION ALL and a sum of counts are exact.
  params.ibLimit = offset + pageSize;
  params.ibPageSize = pageSize;
  params.ibOffset = offset;
  const pageSql = branches.map((b, i) => `SELECT id, due_at FROM (SELECT t.id, t.due_at FROM ${from} WHERE ${where(b)} ORDER BY t.due_at, t.id LIMIT :ibLimit) b${i}`)
    .join(' UNION ALL ') + ' ORDER BY due_at, id LIMIT :ibPageSize OFFSET :ibOffset';
  const countSql = 'SELECT ' + branches.map((b) => `(SELECT count(*) FROM ${from} WHERE ${where(b)})`).join(' + ') + ' AS n';
  const sequelize = engine.db.sequelize;
  const [pageRows, [{ n }]] = await Promise.all([
    sequelize.query<{ id: number }>(pageSql, { replacements: params, type: QueryTypes.SELECT }),
    sequelize.query<{ n: number | string }>(countSql, { replacements: params, type: QueryTypes.SELECT }),
  ]);
  // The page's tasks with their cases, as they always were read (same columns and types).
  const rows = pageRows.length ? await Task.findAll({
    where: { id: pageRows.map((r) => Number(r.id)) },
    include: [{ model: Case as never, as: 'case', required: true, attributes: ['id', 'number', 'typeId', 'typeVersion', 'title', 'state', 'version', 'district', 'orgId', 'flags', 'submittedAt'] }],
    order: [['dueAt', 'ASC'], ['id', 'ASC']],
    raw: true,
    nest: true,
  }) : [];
  const now = Date.now();
  return {
    total: Number(n), page, pageSize,
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
