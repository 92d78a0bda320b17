// Who may see a case and act on a task. Applicants see their organisation's cases; clerks and
// reviewers the submitted cases of their district; an organisation with a task on a case (e.g. the
// company a complaint is about) sees that case; admins see everything. Everyone else gets 404.
import { Op, literal, type WhereOptions } from 'sequelize';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/index.js';
import type { Raw } from '../db/raw.js';

export const DEPARTMENT_ROLES = new Set(['clerk', 'reviewer']);

export function caseVisibilityWhere(user: SessionUser): WhereOptions {
  if (user.role === 'admin') return {};
  const or: WhereOptions[] = [];
  if (user.orgId) or.push({ orgId: user.orgId });
  if (DEPARTMENT_ROLES.has(user.role) && user.district) or.push({ district: user.district, status: { [Op.ne]: 'draft' } });
  // As canSeeCase: cases where the caller's organisation (in its role) or the caller has or had a
  // task — the company a complaint was forwarded to, an inspector named on a campaign.
  const role = /^[a-z]+$/.test(user.role) ? user.role : '';
  // One arm per index (tasks (assignee_id …), (completed_by …), (org_id, role …)): SQLite would scan
  // all of tasks for the OR.
  const byOrg = user.orgId ? ` UNION ALL SELECT case_id FROM tasks WHERE org_id = ${Number(user.orgId)} AND role = '${role}'` : '';
  or.push({ id: { [Op.in]: literal(`(SELECT case_id FROM tasks WHERE assignee_id = ${Number(user.id)} UNION ALL SELECT case_id FROM tasks WHERE completed_by = ${Number(user.id)}${byOrg})`) } });
  if (or.length === 0) return { id: -1 };
  return { [Op.or]: or };
}

/**
 * caseVisibilityWhere as disjoint SQL conditions on `cases c` (same cases in all): own organisation;
 * the department's district (submitted) outside it; a task of the caller / their organisation
 * outside both. Each can be ordered and limited on its own index (cases (org_id, updated_at, id),
 * (district, updated_at, id); tasks (assignee_id …), (completed_by …), (org_id, role …)) and, being
 * disjoint, combined with UNION ALL and counted as a sum. null: the caller sees every case (admin).
 */
export function caseVisibilityBranches(user: SessionUser, dialect?: string): { branches: string[]; params: Record<string, unknown> } | null {
  if (user.role === 'admin') return null;
  const params: Record<string, unknown> = { visUser: Number(user.id) };
  const branches: string[] = [];
  const outside: string[] = [];
  if (user.orgId) {
    params.visOrg = Number(user.orgId);
    branches.push('c.org_id = :visOrg');
    outside.push('(c.org_id IS NULL OR c.org_id <> :visOrg)');
  }
  if (DEPARTMENT_ROLES.has(user.role) && user.district) {
    params.visDistrict = user.district;
    branches.push(['c.district = :visDistrict', "c.status <> 'draft'", ...outside].join(' AND '));
    outside.push("(c.district IS NULL OR c.district <> :visDistrict OR c.status = 'draft')");
  }
  params.visRole = /^[a-z]+$/.test(user.role) ? user.role : '';
  // One arm per index. On SQLite each arm names its index: after ANALYZE, an assignee_id that is
  // NULL on nearly every row makes its index look useless to the planner, which then scans tasks.
  const on = (index: string) => (dialect === 'sqlite' ? `tasks INDEXED BY ${index}` : 'tasks');
  const byOrg = user.orgId ? ` UNION ALL SELECT case_id FROM ${on('tasks_org_id_role')} WHERE org_id = :visOrg AND role = :visRole` : '';
  branches.push([
    `c.id IN (SELECT case_id FROM ${on('tasks_assignee_id_status')} WHERE assignee_id = :visUser UNION ALL SELECT case_id FROM ${on('tasks_completed_by')} WHERE completed_by = :visUser${byOrg})`,
    ...outside,
  ].join(' AND '));
  return { branches, params };
}

export interface TaskRow {
  role: string;
  scope: string;
  district: string | null;
  orgId: number | null;
  assigneeId: number | null;
}

export function userMatchesTask(user: SessionUser, task: TaskRow): boolean {
  if (task.role === 'applicant') return user.orgId !== null && user.orgId === task.orgId;
  if (task.role !== user.role) return false;
  switch (task.scope) {
    case 'district': return !!user.district && user.district === task.district;
    case 'org': return user.orgId !== null && user.orgId === task.orgId;
    case 'any': return true;
    default: return false;
  }
}

/** caseVisibilityWhere on one case row: admin, own organisation, the department's district. */
function seesCaseRow(user: SessionUser, row: { orgId?: unknown; district?: unknown; status?: unknown }): boolean {
  if (user.role === 'admin') return true;
  if (user.orgId && row.orgId === user.orgId) return true;
  return DEPARTMENT_ROLES.has(user.role) && !!user.district && row.district === user.district && row.status !== 'draft';
}

/**
 * Whoever has (or had) a task on the case sees it: the organisation a complaint is forwarded to,
 * an inspector named on a campaign, a task open to a whole role.
 */
async function hasTaskOn(raw: Raw, user: SessionUser, caseId: number): Promise<boolean> {
  const hit = await raw.get(
    "SELECT 1 AS hit FROM tasks WHERE case_id = ? AND (assignee_id = ? OR completed_by = ? OR (role = ? AND scope = 'any') OR (org_id = ? AND role = ?)) LIMIT 1",
    [caseId, user.id, user.id, user.role, user.orgId ?? null, user.role],
  );
  return !!hit;
}

export async function canSeeCase(db: Database, user: SessionUser, caseId: number): Promise<boolean> {
  const row = await db.read.get('SELECT id, org_id, district, status FROM cases WHERE id = ?', [caseId]);
  return !!row && canSeeCaseRow(db.read, user, row as { id: number });
}

/** canSeeCase on a case row already read (e.g. locked in a transaction, or for the case page). */
export async function canSeeCaseRow(raw: Raw, user: SessionUser, row: { id: number; orgId?: unknown; district?: unknown; status?: unknown }): Promise<boolean> {
  return seesCaseRow(user, row) || hasTaskOn(raw, user, row.id);
}
