// The inbox: open tasks the caller may act on (role + district or organisation scope), with
// filters, and claim / release / reassign. Claims are conditional updates: two people claiming
// the same task at once, exactly one wins.
import { Op, type WhereOptions } from 'sequelize';
import { AppError } from '../errors.js';
import type { Engine } from '../context.js';
import { columnList } from '../db/index.js';
import type { SessionUser } from '../auth/types.js';
import { userMatchesTask } from './access.js';
import { numberSearch } from './views.js';
import { listColumnValues } from './list-columns.js';
import { named } from '../db/raw.js';

// The columns of a task's case the inbox shows (engine/db/schema.ts).
const INBOX_CASE_COLUMNS = columnList('cases', ['id', 'number', 'typeId', 'typeVersion', 'title', 'state', 'version', 'district', 'orgId', 'flags', 'submittedAt']);

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

/** Counts of inbox pages stop after this many tasks past the page's offset (answered with totalCapped). */
const INBOX_COUNT_CAP = 1000;

export async function listInbox(engine: Engine, user: SessionUser, query: InboxQuery) {
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
  // The case's type is on the task (tasks_inbox_*_type): no join with cases for it.
  if (query.type) { filters.push('t.type_id = :ibType'); params.ibType = query.type; }
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
  // The count stops after INBOX_COUNT_CAP tasks past the page's offset per branch, as the case
  // list's does: at a million cases a district's clerks have 100,000 open tasks, and counting them
  // all on every request cost ten times the page (benchmark 4, bench/README.md).
  const cap = offset + INBOX_COUNT_CAP;
  params.ibCountLimit = cap + 1;
  const countSql = 'SELECT ' + branches.map((b, i) => `(SELECT count(*) FROM (SELECT 1 AS one FROM ${from} WHERE ${where(b)} LIMIT :ibCountLimit) k${i}) AS n${i}`).join(', ');
  // Prepared statements (engine/db/raw.ts): the inbox is the clerks' most frequent request.
  const { read, dialect } = engine.db;
  const [pageRows, counted] = await Promise.all([read.all(...named(dialect, pageSql, params)), read.get(...named(dialect, countSql, params))]);
  const perBranch = Object.values(counted ?? {}).map(Number);
  const capped = perBranch.some((x) => x > cap);
  // The page's tasks with their cases (the columns the inbox always showed), in page order.
  const ids = pageRows.map((r) => Number(r.id));
  const marks = ids.map(() => '?').join(', ');
  const [taskRows, caseRows] = ids.length ? await Promise.all([
    read.all(`SELECT * FROM tasks WHERE id IN (${marks})`, ids),
    read.all(`SELECT ${INBOX_CASE_COLUMNS} FROM cases
      WHERE id IN (SELECT case_id FROM tasks WHERE id IN (${marks}))`, ids),
  ]) : [[], []];
  const byTask = new Map(taskRows.map((r) => [Number(r.id), r]));
  const byCase = new Map(caseRows.map((r) => [Number(r.id), r]));
  const rows = ids.map((id) => byTask.get(id)!).filter((r) => r && byCase.has(Number(r.caseId))).map((r) => ({ ...r, case: byCase.get(Number(r.caseId))! }));
  const now = Date.now();
  const tasks = rows as unknown as Array<Record<string, unknown> & { case: Record<string, unknown>; dueAt: Date | null }>;
  // The list columns of each task's case, by the case's own type version (as in the case list).
  const defs = await Promise.all(tasks.map((t) => engine.registry.get(t.case.typeId as string, t.case.typeVersion as number)));
  const columns = await listColumnValues(engine, tasks.map((t, i) => ({ id: t.case.id as number, def: defs[i] })));
  return {
    // Capped: total is the cap (at least that many; the pager still reaches the later pages) and totalCapped says so.
    total: capped ? cap : perBranch.reduce((a, b) => a + b, 0), ...(capped ? { totalCapped: true } : {}), page, pageSize,
    items: tasks.map((task) => {
      const def = engine.registry.current(task.case.typeId as string);
      return {
        ...task, case: { ...task.case, columns: columns.get(task.case.id as number) ?? {} },
        typeTitle: def?.settings.title ?? task.case.typeId, overdue: !!task.dueAt && new Date(task.dueAt).getTime() < now,
      };
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
