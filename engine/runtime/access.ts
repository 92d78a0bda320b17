// Who may see what, in one place, driven by the role's data (roles/<id>.json, `scope` and `kind`):
// cases, register entries (and their reports), organisation profiles, objectors' names.
// scope all (the administrator) sees everything; district (a department: 受理窗口, 审核人员, a
// 街道办事处 …) the submitted cases and the register entries of the user's district; org its
// organisation's. Whoever has or had a task on a case (e.g. the company a complaint is forwarded
// to) sees that case too. Everyone else gets 404. A role without a file sees only its own.
import { Op, literal, type WhereOptions } from 'sequelize';
import type { SessionUser } from '../auth/types.js';
import { columnList, type Database } from '../db/index.js';
import type { Raw } from '../db/raw.js';
import type { RoleDef, Roles } from '../registry/index.js';
import { AppError } from '../errors.js';

const CASE_SCOPE = `SELECT ${columnList('cases', ['id', 'orgId', 'district', 'status'])} FROM cases WHERE id = ?`;

/** The role's scope (roles/<id>.json); a role without a definition sees only its organisation's. */
export function scopeOf(roles: Roles, user: SessionUser): RoleDef['scope'] {
  return (Object.hasOwn(roles, user.role) && roles[user.role].scope) || 'org';
}

/** Departments and administrators: whole profiles of any organisation, objectors' names, the dashboard. */
export function isStaff(roles: Roles, user: SessionUser): boolean {
  const kind = Object.hasOwn(roles, user.role) ? roles[user.role].kind : undefined;
  return kind === 'department' || kind === 'admin';
}

/** The district whose submitted cases and register entries the user sees by role, if any. */
const districtOf = (roles: Roles, user: SessionUser) => (scopeOf(roles, user) === 'district' && user.district) || null;

// Role ids are kebab-case (roles/ file names); anything else never reaches SQL text.
const sqlRole = (role: string) => (/^[a-z][a-z0-9-]*$/.test(role) ? role : '');

export function caseVisibilityWhere(roles: Roles, user: SessionUser): WhereOptions {
  if (scopeOf(roles, user) === 'all') return {};
  const or: WhereOptions[] = [];
  const district = districtOf(roles, user);
  if (user.orgId) or.push({ orgId: user.orgId });
  if (district) or.push({ district, status: { [Op.ne]: 'draft' } });
  // As canSeeCase: cases where the caller's organisation (in its role) or the caller has or had a
  // task — the company a complaint was forwarded to, an inspector named on a campaign.
  const role = sqlRole(user.role);
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
export function caseVisibilityBranches(roles: Roles, user: SessionUser, dialect?: string): { branches: string[]; params: Record<string, unknown> } | null {
  if (scopeOf(roles, user) === 'all') return null;
  const district = districtOf(roles, user);
  const params: Record<string, unknown> = { visUser: Number(user.id) };
  const branches: string[] = [];
  const outside: string[] = [];
  if (user.orgId) {
    params.visOrg = Number(user.orgId);
    branches.push('c.org_id = :visOrg');
    outside.push('(c.org_id IS NULL OR c.org_id <> :visOrg)');
  }
  if (district) {
    params.visDistrict = district;
    branches.push(['c.district = :visDistrict', "c.status <> 'draft'", ...outside].join(' AND '));
    outside.push("(c.district IS NULL OR c.district <> :visDistrict OR c.status = 'draft')");
  }
  params.visRole = sqlRole(user.role);
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

/** caseVisibilityWhere on one case row: scope all, own organisation, the department's district. */
function seesCaseRow(roles: Roles, user: SessionUser, row: { orgId?: unknown; district?: unknown; status?: unknown }): boolean {
  if (scopeOf(roles, user) === 'all') return true;
  if (user.orgId && row.orgId === user.orgId) return true;
  const district = districtOf(roles, user);
  return !!district && row.district === district && row.status !== 'draft';
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

export async function canSeeCase(db: Database, roles: Roles, user: SessionUser, caseId: number): Promise<boolean> {
  const row = await db.read.get(CASE_SCOPE, [caseId]);
  return !!row && canSeeCaseRow(db.read, roles, user, row as { id: number });
}

/** canSeeCase on a case row already read (e.g. locked in a transaction, or for the case page). */
export async function canSeeCaseRow(raw: Raw, roles: Roles, user: SessionUser, row: { id: number; orgId?: unknown; district?: unknown; status?: unknown }): Promise<boolean> {
  return seesCaseRow(roles, user, row) || hasTaskOn(raw, user, row.id);
}

/**
 * Register entries (GET /api/registers, /api/reports) the user sees: all; the district's; the
 * organisation's own. A user with neither district nor organisation sees none (403).
 */
export function entryVisibilityWhere(roles: Roles, user: SessionUser): WhereOptions {
  if (scopeOf(roles, user) === 'all') return {};
  const district = districtOf(roles, user);
  if (district) return { district };
  if (user.orgId) return { orgId: user.orgId };
  throw new AppError('FORBIDDEN');
}

/** An organisation's whole profile (企业信息详情): the organisation itself and the staff. */
export const canSeeOrgProfile = (roles: Roles, user: SessionUser, orgId: number) => user.orgId === orgId || isStaff(roles, user);

/** The user when they are staff (a department or an administrator, by role data), else 403. */
export function requireStaff(roles: Roles, user: SessionUser): SessionUser {
  if (!isStaff(roles, user)) throw new AppError('FORBIDDEN');
  return user;
}
