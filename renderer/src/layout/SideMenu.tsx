// The left menu of the work area: for applicants the businesses grouped by settings.menu
// (物业管理, 设施设备, 小区动态 …), for departments the inbox, queries and statistics.
import { NavLink } from 'react-router';
import { useSession } from '../app/session';
import { groupByMenu, useTypes } from '../app/types';
import { hasInbox, isAdmin, isDepartment, roleTitle } from '../app/roles';
import { useApi } from '../api/hooks';

interface ProfileSummary { name: string; title: string; menu: string | null; orgKinds: string[] | null }

export function SideMenu() {
  const { me } = useSession();
  const { types } = useTypes(me?.user.username);
  const profileList = useApi<{ items: ProfileSummary[] }>(me?.org ? '/api/profiles' : null);
  if (!me) return null;
  const dept = isDepartment(me.user.role);
  const groups = groupByMenu((types ?? []).filter((t) => dept || t.canStart));
  // The organisation's own information pages (企业信息详情), in the menu group their definition names.
  const profiles = (profileList.data?.items ?? []).filter((p) => p.menu && !dept && me.org && (!p.orgKinds || p.orgKinds.includes(me.org.kind)));
  const pages = (menu: string) => profiles.filter((p) => p.menu === menu);
  const extraGroups = [...new Set(profiles.map((p) => p.menu!))].filter((m) => !groups.some((g) => g.menu === m));
  return (
    <nav aria-label="业务菜单" className="side-menu">
      <div className="side-user">
        <div className="side-user-name">{me.org?.name ?? me.user.displayName}</div>
        <div className="side-user-role">{roleTitle(me.user.role)}</div>
      </div>
      <h3 className="side-group">{dept ? '业务办理' : '工作台'}</h3>
      <ul>
        {dept ? (
          <>
            {hasInbox(me.user.role) && <li><NavLink to="/inbox">待办事项</NavLink></li>}
            <li><NavLink to="/workspace/cases" end>业务查询</NavLink></li>
            <li><NavLink to="/dashboard">统计分析</NavLink></li>
          </>
        ) : (
          <>
            <li><NavLink to="/workspace" end>工作台首页</NavLink></li>
            <li><NavLink to="/workspace/cases" end>我的业务</NavLink></li>
          </>
        )}
      </ul>
      {groups.map((g) => (
        <div key={g.menu}>
          <h3 className="side-group">{g.menu}</h3>
          <ul>
            {g.items.map((t) => <li key={t.id}><NavLink to={`/workspace/types/${t.id}`}>{t.menuTitle}</NavLink></li>)}
            {pages(g.menu).map((p) => <li key={p.name}><NavLink to={`/workspace/profiles/${p.name}`} end>{p.title}</NavLink></li>)}
          </ul>
        </div>
      ))}
      {extraGroups.map((m) => (
        <div key={m}>
          <h3 className="side-group">{m}</h3>
          <ul>{pages(m).map((p) => <li key={p.name}><NavLink to={`/workspace/profiles/${p.name}`} end>{p.title}</NavLink></li>)}</ul>
        </div>
      ))}
      {isAdmin(me.user.role) && (
        <>
          <h3 className="side-group">系统管理</h3>
          <ul>
            <li><NavLink to="/admin" end>业务类型配置</NavLink></li>
            <li><NavLink to="/admin/timers">定时任务</NavLink></li>
            <li><NavLink to="/admin/audit">审计日志</NavLink></li>
          </ul>
        </>
      )}
      <h3 className="side-group">账号</h3>
      <ul>
        <li><NavLink to="/account">修改密码</NavLink></li>
      </ul>
    </nav>
  );
}
