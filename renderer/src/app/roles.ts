// The roles as the engine defines them (roles/*.json, GET /api/roles): titles, the portal's tab
// titles, who is a department, where each lands after logging in. Loaded once before the app first
// renders (main.tsx), so components read them synchronously.
import { api } from '../api/client';
import type { RoleDef } from '../../../engine/registry/types';

export type RoleView = Omit<RoleDef, 'tabTitle'> & { tabTitle: string | null };

let roles: RoleView[] = [];
let byId = new Map<string, RoleView>();

/** Reads GET /api/roles; without an answer the pages still work, showing role ids. */
export async function loadRoles(): Promise<void> {
  try {
    roles = (await api.get<{ items: RoleView[] }>('/api/roles')).items;
    byId = new Map(roles.map((r) => [r.id, r]));
  } catch {
    // An unreachable server is reported by the page's own requests.
  }
}

const kindOf = (role: string | undefined) => (role ? byId.get(role)?.kind : undefined);

/** The role's Chinese name; applicant is the pseudo-role of tasks for the organisation that filed. */
export const roleTitle = (role: string) => byId.get(role)?.title ?? (role === 'applicant' ? '申请人' : role);

/** Short titles of the portal's login tabs by organisation type (the role of its accounts), in role order. */
export const tabRoles = () => roles.filter((r) => r.tabTitle).map((r) => r.id);
export const tabTitle = (orgType: string) => byId.get(orgType)?.tabTitle ?? undefined;

/** Departments and the administrator: the work area of the platform's staff. */
export const isDepartment = (role: string | undefined) => kindOf(role) === 'department' || kindOf(role) === 'admin';
/** Roles whose users work cases in the inbox. */
export const hasInbox = (role: string | undefined) => kindOf(role) === 'department';
export const isAdmin = (role: string | undefined) => kindOf(role) === 'admin';
/** The roles of the staff's pages (inbox, dashboard). */
export const departmentRoles = () => roles.filter((r) => isDepartment(r.id)).map((r) => r.id);

/** Where a user lands after logging in. */
export const homeOf = (role: string): string => byId.get(role)?.home ?? '/workspace';

/** Roles that may start a type (the console's 谁可以发起): the applicants, then the departments. */
export const starterRoles = () => [...roles.filter((r) => !isDepartment(r.id)), ...roles.filter((r) => hasInbox(r.id))].map((r) => r.id);
