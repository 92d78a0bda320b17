// Page frames: the portal (header, content, footer) and the work area (header, side menu,
// content). The side menu folds away on phones.
import { useState, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import { SiteHeader } from './SiteHeader';
import { SiteFooter } from './SiteFooter';
import { SideMenu } from './SideMenu';
import { SessionExpired } from './SessionExpired';

export function PortalLayout() {
  return (
    <div className="page">
      <SiteHeader />
      <SessionExpired />
      <main id="main" className="container portal-main" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}

export function WorkLayout({ children }: { children?: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="page">
      <SiteHeader />
      <SessionExpired />
      <div className="container work">
        <button type="button" className="btn side-toggle" aria-expanded={menuOpen} aria-controls="side-menu" onClick={() => setMenuOpen(!menuOpen)}>
          {menuOpen ? '收起菜单' : '业务菜单'}
        </button>
        <aside className={`side ${menuOpen ? 'open' : ''}`} id="side-menu" onClick={(e) => { if ((e.target as HTMLElement).closest('a')) setMenuOpen(false); }}>
          <SideMenu />
        </aside>
        <main id="main" className="work-main" tabIndex={-1}>
          {children ?? <Outlet />}
        </main>
      </div>
      <SiteFooter />
    </div>
  );
}
