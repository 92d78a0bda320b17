// The admin console under /admin: 业务类型配置 (list, editor, version differences), 定时任务 (timers
// that kept failing) and 审计日志.
// Only the administrator reaches it; everyone else is told so (the API refuses them too).
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { useSession } from '../app/session';
import { isAdmin } from '../app/roles';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { TypesListPage } from './TypesListPage';
import { TypeEditorPage } from './TypeEditorPage';
import { DiffPage } from './versions/DiffPage';
import { AuditPage } from './AuditPage';
import { TimersPage } from './TimersPage';
import './admin.css';

function Forbidden() {
  return (
    <>
      <Breadcrumbs items={[{ title: '系统管理' }]} heading={false} />
      <section className="forbidden" aria-labelledby="forbidden-title">
        <div className="forbidden-code" aria-hidden="true">403</div>
        <h1 id="forbidden-title">无权访问</h1>
        <p>系统管理（业务类型配置、审计日志）仅供系统管理员使用。如需调整业务配置，请联系系统管理员。</p>
      </section>
    </>
  );
}

export function AdminConsole() {
  const { me } = useSession();
  const location = useLocation();
  if (!isAdmin(me?.user.role)) return <Forbidden />;
  const editing = /^\/admin\/types\/[^/]+\/?$/.test(location.pathname);
  return (
    <div className={`admin-console ${editing ? 'editing' : ''}`}>
      <nav className="admin-nav" aria-label="系统管理">
        <span className="admin-nav-title">系统管理</span>
        <NavLink to="/admin" end>业务类型配置</NavLink>
        <NavLink to="/admin/timers">定时任务</NavLink>
        <NavLink to="/admin/audit">审计日志</NavLink>
      </nav>
      <Routes>
        <Route index element={<TypesListPage />} />
        <Route path="types/:id" element={<TypeEditorPage />} />
        <Route path="types/:id/diff" element={<DiffPage />} />
        <Route path="timers" element={<TimersPage />} />
        <Route path="audit" element={<AuditPage />} />
      </Routes>
    </div>
  );
}
