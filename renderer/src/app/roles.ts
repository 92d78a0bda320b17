// The engine's fixed role vocabulary (GET /api/vocabulary) in the words of the portal.

export const ROLE_TITLES: Record<string, string> = {
  developer: '开发建设单位',
  company: '物业服务企业',
  committee: '业主委员会',
  owner: '业主',
  clerk: '受理窗口',
  reviewer: '审核人员',
  admin: '系统管理员',
  applicant: '申请人',
};

/** Short labels of the login tabs on the portal, by organisation type. */
export const ORG_TAB_TITLES: Record<string, string> = {
  developer: '开发商',
  company: '物业公司',
  committee: '业委会',
  owner: '业主',
};

export const DEPARTMENT_ROLES = new Set(['clerk', 'reviewer', 'admin']);
export const isDepartment = (role: string | undefined) => !!role && DEPARTMENT_ROLES.has(role);

/** Where a user lands after logging in. */
export function homeOf(role: string): string {
  if (role === 'admin') return '/dashboard';
  if (role === 'clerk' || role === 'reviewer') return '/inbox';
  return '/workspace';
}
