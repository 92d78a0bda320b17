// The header band every page shares: utility bar (date, account), the platform name on the blue
// band with the red seal, and the main navigation.
import { useState } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { useSession } from '../app/session';
import { usePlatformName } from '../app/districts';
import { hasInbox, homeOf, isAdmin, isDepartment, roleTitle } from '../app/roles';
import { useApi } from '../api/hooks';
import type { PublicRegister } from '../api/model';
import { today } from '../ui/format';
import { Emblem } from './Emblem';

export function SiteHeader() {
  const { me, logout } = useSession();
  const platform = usePlatformName();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const registers = useApi<{ registers: PublicRegister[] }>('/api/public/registers');
  const role = me?.user.role;

  const nav: Array<{ to: string; title: string; end?: boolean }> = [{ to: '/', title: '首页', end: true }];
  const first = registers.data?.registers[0];
  if (first) nav.push({ to: `/public/${first.name}`, title: `${first.title.replace(/（[^）]*）/g, '')}查询` });
  nav.push({ to: '/public', title: '信息公开', end: true }, { to: '/notices', title: '公示公告' }, { to: '/track', title: '办件查询' }, { to: '/guide', title: '办事指南' });
  if (me && !isDepartment(role)) nav.push({ to: '/workspace', title: '网上办事' });
  if (isDepartment(role)) {
    if (hasInbox(role)) nav.push({ to: '/inbox', title: '待办事项' });
    nav.push({ to: '/dashboard', title: '统计分析' });
    if (isAdmin(role)) nav.push({ to: '/admin', title: '系统管理' });
  }

  return (
    <header className="site-header">
      <a className="skip-link" href="#main">跳到主要内容</a>
      <div className="topbar">
        <div className="container topbar-inner">
          <span className="topbar-date">{today()}</span>
          <span className="topbar-account">
            {me ? (
              <>
                <span>您好，{me.org?.name ?? me.user.displayName}（{roleTitle(me.user.role)}）</span>
                <Link to={homeOf(me.user.role)}>进入工作台</Link>
                <button type="button" className="linklike" onClick={async () => { await logout(); navigate('/'); }}>退出登录</button>
              </>
            ) : (
              <>
                <Link to="/login">登录</Link>
                <Link to="/register">机构注册</Link>
              </>
            )}
          </span>
        </div>
      </div>
      <div className="brand-band">
        <div className="container brand-inner">
          <Link to="/" className="brand">
            <Emblem />
            <span className="brand-text">
              <span className="brand-name">{platform}</span>
              <span className="brand-sub">Property Management Public Service Platform</span>
              {/* The name screen readers hear holds the visible text (axe label-content-name-mismatch). */}
              <span className="sr-only">首页</span>
            </span>
          </Link>
          <div className="brand-slogan">物业备案 · 网上申报 · 阳光政务</div>
          <button type="button" className="nav-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
            <span aria-hidden="true">☰</span> 导航
          </button>
        </div>
      </div>
      <nav className={`mainnav ${open ? 'open' : ''}`} id="main-nav" aria-label="主导航">
        <ul className="container">
          {nav.map((n) => (
            <li key={n.to}><NavLink to={n.to} end={n.end} onClick={() => setOpen(false)}>{n.title}</NavLink></li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
