// The RBAC matrix, generated from the routes the server registers: every /api route × every kind of
// caller (anonymous, owner, each applicant kind, the clerk and reviewer of each district, admin)
// gets the expected class of answer. A route without an entry in POLICY fails the test, so a new
// endpoint cannot ship without deciding who may call it. Resource-level scoping (another
// district's case, another applicant's file) is tested in scope.test.ts; here ids are samples.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './helpers/app.js';

type Policy = 'public' | 'user' | 'admin' | string[];
const DEPARTMENTS = ['clerk', 'reviewer', 'admin'];

const POLICY: Record<string, Policy> = {
  'GET /api/health': 'public',
  'GET /api/districts': 'public',
  'GET /api/roles': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/auth/register': 'public',
  'GET /api/auth/registration-types': 'public',
  'GET /api/me': 'user',
  'POST /api/me/password': 'user',
  'GET /api/types': 'user',
  'GET /api/types/:id': 'user',
  'GET /api/types/:id/versions/:version': 'user',
  'POST /api/types/:id/check': 'user',
  'GET /api/types/:id/excel-template': 'user',
  'POST /api/types/:id/import': 'user',
  'POST /api/types/:id/import-cases': 'user',
  'GET /api/vocabulary': 'user',
  'POST /api/cases': 'user',
  'GET /api/cases': 'user',
  'GET /api/cases/export.xlsx': 'user',
  'GET /api/cases/:id': 'user',
  'PATCH /api/cases/:id': 'user',
  'POST /api/cases/:id/check': 'user',
  'POST /api/cases/:id/events': 'user',
  'GET /api/cases/:id/print/:template': 'user',
  'GET /api/tasks': 'user',
  'POST /api/tasks/:id/claim': 'user',
  'POST /api/tasks/:id/release': 'user',
  'POST /api/tasks/:id/reassign': 'user',
  'POST /api/tasks/:id/complete': 'user',
  'POST /api/files': 'user',
  'POST /api/public/registration-files': 'public',
  'GET /api/files/:id': 'user',
  'GET /api/import-jobs/:id': 'user',
  'GET /api/registers/:register': 'user',
  'GET /api/registers/:register/:id': 'user',
  'GET /api/reports/:register': 'user',
  'GET /api/profiles': 'user',
  // The company itself (the sample code is the company caller's), departments and admins.
  'GET /api/profiles/:profile/:code': ['company', 'clerk', 'reviewer', 'admin'],
  'GET /api/stats/cases': DEPARTMENTS,
  'GET /api/stats/cases.xlsx': DEPARTMENTS,
  'GET /api/orgs': DEPARTMENTS,
  'GET /api/public/:register': 'public',
  'GET /api/public/:register/:id': 'public',
  'GET /api/public/registers': 'public',
  'GET /api/public/services': 'public',
  'GET /api/public/services/:id': 'public',
  'POST /api/public/cases': 'public',
  'GET /api/public/cases/:number': 'public',
  'POST /api/public/cases/:number/events': 'public',
  'GET /api/public/orgs/:code/:register': 'public',
  'GET /api/public/profiles/:profile/:code': 'public',
  'GET /api/public/publicity': 'public',
  'GET /api/public/publicity/:caseId': 'public',
  'GET /api/public/publicity/:caseId/objection-form': 'public',
  'POST /api/public/publicity/:caseId/objections': 'public',
};
const isAdminRoute = (url: string) => url.startsWith('/api/admin/');

const SAMPLE: Record<string, string> = {
  ':id': '1', ':version': '1', ':template': 'application', ':register': 'areas', ':profile': 'enterprise',
  ':code': '91440604MA51C3XK4K', ':number': 'WYQY-2026-000001', ':caseId': '1',
};
const fill = (url: string) => url.replace(/:[a-zA-Z]+/g, (p) => SAMPLE[p] ?? '1').replace('/api/types/1', '/api/types/area-filing').replace('/api/admin/types/1', '/api/admin/types/area-filing');

let app: TestApp;
const callers: Record<string, { client: Client; role: string }> = {};

beforeAll(async () => {
  app = await startTestApp();
  const owner = await app.client().post('/api/auth/register', {
    orgType: 'owner', areaId: 1, building: '1栋', unit: '1单元', room: '101', name: '张伟', idNumber: '11010519491231002X',
    mobile: '13622223333', password: 'Owner@2026x', agreementAccepted: true,
  });
  expect(owner.status).toBe(201);
  callers.anonymous = { client: app.client(), role: 'anonymous' };
  callers.owner = { client: await app.login('11010519491231002X', 'Owner@2026x'), role: 'owner' };
  callers.developer = { client: await app.login('91440604MA4UJ5RW2R'), role: 'developer' };
  callers.company = { client: await app.login('91440604MA51C3XK4K'), role: 'company' };
  callers.committee = { client: await app.login('MC0001X74'), role: 'committee' };
  for (const u of ['clerk1', 'reviewer1', 'clerk2', 'reviewer2']) callers[u] = { client: await app.login(u), role: u.replace(/\d$/, '') };
  callers.admin = { client: await app.login('admin'), role: 'admin' };
});
afterAll(async () => { await app?.close(); });

describe('RBAC matrix', () => {
  it('every registered route has a policy', () => {
    const routes = app.server.routeList.filter((r) => r.url.startsWith('/api/'));
    const missing = routes.filter((r) => !isAdminRoute(r.url) && !(`${r.method} ${r.url}` in POLICY)).map((r) => `${r.method} ${r.url}`);
    expect(missing, 'add these routes to POLICY in test/rbac-matrix.test.ts').toEqual([]);
  });

  it('every route × every caller gets the expected class of answer', async () => {
    // Logging out or in, or changing a password, would change the callers themselves: their
    // policies are checked by the first test and by registration.test.ts.
    const skip = new Set(['POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/me/password']);
    const routes = app.server.routeList.filter((r) => r.url.startsWith('/api/') && !skip.has(`${r.method} ${r.url}`));
    const failures: string[] = [];
    for (const r of routes) {
      const policy: Policy = isAdminRoute(r.url) ? 'admin' : POLICY[`${r.method} ${r.url}`];
      const url = fill(r.url);
      for (const [name, { client, role }] of Object.entries(callers)) {
        // Writes are sent with an empty body: enough to pass or fail the access check, never to change data.
        const res = await client.request(r.method, url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
        const denied = res.status === 401 || res.status === 403;
        let ok: boolean;
        if (policy === 'public') ok = !denied || (res.status === 403 && res.body?.error?.code !== 'FORBIDDEN');
        else if (role === 'anonymous') ok = res.status === 401;
        else if (policy === 'user') ok = !denied || (res.status === 403 && r.method !== 'GET');
        else if (policy === 'admin') ok = role === 'admin' ? !denied : res.status === 403;
        else ok = policy.includes(role) ? !denied : res.status === 403;
        if (!ok) failures.push(`${name.padEnd(10)} ${r.method} ${url} → ${res.status} (policy ${JSON.stringify(policy)})`);
      }
    }
    expect(failures).toEqual([]);
  });
});
