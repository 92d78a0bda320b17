// Who may see a case and act on a task. Applicants see their organisation's cases; clerks and
// reviewers the submitted cases of their district; an organisation with a task on a case (e.g. the
// company a complaint is about) sees that case; admins see everything. Everyone else gets 404.
import { Op, literal, type WhereOptions } from 'sequelize';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/index.js';

export const DEPARTMENT_ROLES = new Set(['clerk', 'reviewer']);

export function caseVisibilityWhere(user: SessionUser): WhereOptions {
  if (user.role === 'admin') return {};
  const or: WhereOptions[] = [];
  if (user.orgId) or.push({ orgId: user.orgId });
  if (DEPARTMENT_ROLES.has(user.role) && user.district) or.push({ district: user.district, status: { [Op.ne]: 'draft' } });
  // As canSeeCase: cases where the caller's organisation (in its role) or the caller has or had a
  // task — the company a complaint was forwarded to, an inspector named on a campaign.
  const role = /^[a-z]+$/.test(user.role) ? user.role : '';
  const byOrg = user.orgId ? ` OR (org_id = ${Number(user.orgId)} AND role = '${role}')` : '';
  or.push({ id: { [Op.in]: literal(`(SELECT case_id FROM tasks WHERE assignee_id = ${Number(user.id)} OR completed_by = ${Number(user.id)}${byOrg})`) } });
  if (or.length === 0) return { id: -1 };
  return { [Op.or]: or };
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

export async function canSeeCase(db: Database, user: SessionUser, caseId: number): Promise<boolean> {
  const { Case, Task } = db.models;
  if ((await Case.count({ where: { [Op.and]: [{ id: caseId }, caseVisibilityWhere(user)] } })) > 0) return true;
  // Whoever has (or had) a task on the case sees it: the organisation a complaint is forwarded to,
  // an inspector named on a campaign, a task open to a whole role.
  const or: WhereOptions[] = [{ assigneeId: user.id }, { completedBy: user.id }, { role: user.role, scope: 'any' }];
  if (user.orgId) or.push({ orgId: user.orgId, role: user.role });
  return (await Task.count({ where: { caseId, [Op.or]: or } })) > 0;
}
