// The pages and their addresses. Browser routing: the server answers index.html for every
// non-API path (engine/http/static.ts).
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { SessionProvider } from './app/session';
import { DistrictsProvider } from './app/districts';
import { RequireLogin } from './app/RequireLogin';
import { departmentRoles } from './app/roles';
import { PortalLayout, WorkLayout } from './layout/Layouts';
import { Loading } from './ui/Alert';
import { HomePage } from './portal/HomePage';
import { RegisterIndex, RegisterPage } from './portal/RegisterPage';
import { PublicDetailPage, PublicIndexPage, PublicListPage } from './portal/PublicPages';
import { NoticesPage, PublicityDetailPage } from './portal/Publicity';
import { PublicStartPage, TrackPage } from './portal/PublicFiling';
import { AccountPage, AgreementPage, GuidePage, LoginPage, NotFoundPage } from './portal/OtherPages';
import { WorkspaceHome } from './workspace/WorkspaceHome';
import { CasesPage } from './workspace/CasesPage';
import { TypePage } from './workspace/TypePage';
import { NewCasePage } from './workspace/NewCasePage';
import { CasePage } from './case/CasePage';
import { ProfilePage } from './workspace/ProfilePage';
import { InboxPage } from './inbox/InboxPage';
import { InboxCasePage } from './inbox/InboxCasePage';

// Charts are only for the department dashboard: their code loads with that page.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
// The admin console (editors, CodeMirror) loads only for /admin.
const AdminConsole = lazy(() => import('./admin/AdminConsole').then((m) => ({ default: m.AdminConsole })));

const work = (page: React.ReactNode, roles?: string[]) => (
  <WorkLayout><RequireLogin roles={roles}>{page}</RequireLogin></WorkLayout>
);

export function App() {
  // The staff's pages: departments and the administrator (roles/*.json, loaded before the first render).
  const DEPARTMENT = departmentRoles();
  return (
    <BrowserRouter>
      <SessionProvider>
        <DistrictsProvider>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route element={<PortalLayout />}>
                <Route index element={<HomePage />} />
                <Route path="login" element={<LoginPage />} />
                <Route path="register" element={<RegisterIndex />} />
                <Route path="register/:orgType" element={<RegisterPage />} />
                <Route path="public" element={<PublicIndexPage />} />
                <Route path="public/:register" element={<PublicListPage />} />
                <Route path="public/:register/:id" element={<PublicDetailPage />} />
                <Route path="notices" element={<NoticesPage />} />
                <Route path="notices/:caseId" element={<PublicityDetailPage />} />
                <Route path="services/:typeId" element={<PublicStartPage />} />
                <Route path="track" element={<TrackPage />} />
                <Route path="guide" element={<GuidePage />} />
                <Route path="agreement" element={<AgreementPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
              <Route path="workspace" element={work(<WorkspaceHome />)} />
              <Route path="workspace/cases" element={work(<CasesPage />)} />
              <Route path="workspace/cases/:id" element={work(<CasePage />)} />
              <Route path="workspace/types/:typeId" element={work(<TypePage />)} />
              <Route path="workspace/new/:typeId" element={work(<NewCasePage />)} />
              <Route path="workspace/profiles/:profile" element={work(<ProfilePage />)} />
              <Route path="workspace/profiles/:profile/:code" element={work(<ProfilePage />)} />
              <Route path="account" element={work(<AccountPage />)} />
              <Route path="inbox" element={work(<InboxPage />, DEPARTMENT)} />
              <Route path="inbox/cases/:caseId" element={work(<InboxCasePage />, DEPARTMENT)} />
              <Route path="dashboard" element={work(<DashboardPage />, DEPARTMENT)} />
              <Route path="admin/*" element={work(<AdminConsole />)} />
            </Routes>
          </Suspense>
        </DistrictsProvider>
      </SessionProvider>
    </BrowserRouter>
  );
}
