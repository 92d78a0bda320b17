// The department dashboard's figures: cases per type, state and status, open and overdue work, a
// monthly trend and the breakdowns the definitions declare (by company, by area) — always within
// what the caller may see (their district; the whole installation for an administrator). Generic:
// types and states are named by their definitions.
import { Op, type WhereOptions } from 'sequelize';
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/index.js';
import { caseVisibilityWhere, scopeOf } from './access.js';
import { dashboardBreakdowns } from './breakdowns.js';
import { stateTitle } from './states.js';

const MONTHS = 12;
const OVERDUE_LIST = 50;

type Counts = { total: number; draft: number; active: number; closed: number };
const zero = (): Counts => ({ total: 0, draft: 0, active: 0, closed: 0 });
const monthOf = (d: unknown) => {
  const date = d instanceof Date ? d : new Date(String(d).replace(' ', 'T').replace(' ', ''));
  return Number.isNaN(date.getTime()) ? null : `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
};

/** The dashboard's figures over what the user may see (a department's district, or everything). */
export async function dashboardStats(engine: Engine, user: SessionUser) {
  const { Case, Task, District, User } = engine.db.models;
  const visible = caseVisibilityWhere(engine.registry.roles, user);
  const { fn, col } = engine.db.sequelize;

  const groups = await Case.findAll({
    where: visible,
    attributes: ['typeId', 'typeVersion', 'state', 'status', [fn('COUNT', col('id')), 'count']],
    group: ['type_id', 'type_version', 'state', 'status'],
    raw: true,
  });
  const totals = { ...zero(), openTasks: 0, overdueTasks: 0 };
  const byType = new Map<string, Counts & { type: string; title: string; states: Map<string, { state: string; title: string; count: number }> }>();
  for (const g of groups) {
    const n = Number(g.count);
    const def = await engine.registry.get(g.typeId as string, g.typeVersion as number).catch(() => undefined);
    const t = byType.get(g.typeId as string) ?? {
      type: g.typeId as string, title: engine.registry.current(g.typeId as string)?.settings.title ?? def?.settings.title ?? (g.typeId as string),
      ...zero(), states: new Map(),
    };
    byType.set(t.type, t);
    const status = g.status as keyof Counts;
    for (const c of [t, totals]) {
      c.total += n;
      if (status in c) c[status] += n;
    }
    const title = def ? stateTitle(def.workflow, String(g.state).split(',')) : String(g.state);
    const s = t.states.get(title) ?? { state: String(g.state), title, count: 0 };
    s.count += n;
    t.states.set(title, s);
  }

  // Open work on visible cases: per type and step, and the overdue items themselves.
  const now = new Date();
  const open = await Task.findAll({
    where: { status: 'open', role: { [Op.ne]: 'applicant' } },
    attributes: ['id', 'title', 'name', 'dueAt', 'assigneeId', 'role'],
    include: [{ model: Case as never, as: 'case', where: visible as WhereOptions, required: true, attributes: ['id', 'number', 'typeId', 'title', 'district'] }],
    order: [['dueAt', 'ASC'], ['id', 'ASC']],
    raw: true, nest: true,
  });
  const steps = new Map<string, { type: string; typeTitle: string; task: string; open: number; overdue: number }>();
  const overdue: Array<Record<string, unknown>> = [];
  for (const t of open) {
    const c = t.case as Record<string, unknown>;
    const isOverdue = !!t.dueAt && new Date(t.dueAt as string) < now;
    const typeTitle = engine.registry.current(c.typeId as string)?.settings.title ?? (c.typeId as string);
    const key = `${c.typeId}\u0000${t.title ?? t.name}`;
    const s = steps.get(key) ?? { type: c.typeId as string, typeTitle, task: (t.title ?? t.name) as string, open: 0, overdue: 0 };
    s.open++;
    totals.openTasks++;
    if (isOverdue) {
      s.overdue++;
      totals.overdueTasks++;
      if (overdue.length < OVERDUE_LIST) {
        overdue.push({
          taskId: t.id, task: t.title ?? t.name, dueAt: t.dueAt, assigneeId: t.assigneeId,
          caseId: c.id, number: c.number, caseTitle: c.title, type: c.typeId, typeTitle,
        });
      }
    }
    steps.set(key, s);
  }
  const assigneeIds = [...new Set(overdue.map((o) => o.assigneeId).filter(Boolean))] as number[];
  const names = new Map((assigneeIds.length ? await User.findAll({ where: { id: assigneeIds }, attributes: ['id', 'displayName'], raw: true }) : [])
    .map((u) => [u.id as number, u.displayName as string]));
  for (const o of overdue) o.assigneeName = o.assigneeId ? names.get(o.assigneeId as number) ?? null : null;

  // Submitted and closed per month over the last twelve months.
  const since = new Date(now.getFullYear(), now.getMonth() - (MONTHS - 1), 1);
  const dated = await Case.findAll({
    where: { [Op.and]: [visible, { [Op.or]: [{ submittedAt: { [Op.gte]: since } }, { closedAt: { [Op.gte]: since } }] }] },
    attributes: ['submittedAt', 'closedAt'], raw: true,
  });
  const months = Array.from({ length: MONTHS }, (_, i) => monthOf(new Date(since.getFullYear(), since.getMonth() + i, 1))!);
  const trend = new Map(months.map((m) => [m, { month: m, submitted: 0, closed: 0 }]));
  for (const r of dated) {
    const s = r.submittedAt ? trend.get(monthOf(r.submittedAt) ?? '') : undefined;
    if (s) s.submitted++;
    const c = r.closedAt ? trend.get(monthOf(r.closedAt) ?? '') : undefined;
    if (c) c.closed++;
  }

  const all = scopeOf(engine.registry.roles, user) === 'all';
  const district = all || !user.district ? null : await District.findByPk(user.district, { raw: true });
  return {
    generatedAt: now.toISOString(),
    scope: { role: user.role, district: all ? null : user.district, districtName: district?.name ?? null },
    totals,
    byType: [...byType.values()]
      .sort((a, b) => (engine.registry.current(a.type)?.settings.order ?? 100) - (engine.registry.current(b.type)?.settings.order ?? 100))
      .map((t) => ({ ...t, states: [...t.states.values()] })),
    tasks: [...steps.values()],
    overdue,
    trend: [...trend.values()],
    breakdowns: await dashboardBreakdowns(engine, user),
  };
}

export type DashboardStats = Awaited<ReturnType<typeof dashboardStats>>;
