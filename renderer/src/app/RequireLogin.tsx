import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session';
import { Loading } from '../ui/Alert';
import { Alert } from '../ui/Alert';
import { isDepartment } from './roles';

/** Pages behind the login: anonymous visitors go to the login page and come back afterwards. */
export function RequireLogin({ children, roles }: { children: ReactNode; roles?: string[] }) {
  const { me, ready } = useSession();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !roles.includes(me.user.role)) return <Alert kind="error" title="无权访问">本页面仅供{roles.length && roles.every(isDepartment) ? '管理部门' : '指定用户'}使用。</Alert>;
  return <>{children}</>;
}
