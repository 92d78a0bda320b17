// The console's API: an administrator adds 装修备案 without code or restart (draft, lint,
// simulate, publish), an applicant files it and the district approves it; version 2 adds a
// required field while the running case finishes on version 1; lint failures and bundles with
// unknown names are refused with the place named; non-admins get 403 everywhere under /api/admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from './helpers/app.js';

const bundleFile = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/bundles/renovation-filing.bundle.json'), 'utf8'));
const v1 = bundleFile.versions[0];
let app: TestApp;

beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('admin API', () => {
  it('non-admins get 403 (anonymous 401) on every /api/admin route', async () => {
    const routes = app.server.routeList.filter((r) => r.url.startsWith('/api/admin'));
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const others = [await app.login('clerk1'), await app.login('reviewer1'), await app.login('91440604MA4UJ5RW2R')];
    for (const r of routes) {
      const url = r.url.replace(':id', 'area-filing').replace(':version', '1');
      for (const c of others) {
        const res = await c.request(r.method, url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
        expect(res.status, `${r.method} ${url}`).toBe(403);
      }
      expect((await app.client().request(r.method, url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {})).status).toBe(401);
    }
  });

  it('an administrator creates 装修备案, simulates and publishes it; it is filed and approved without a restart', async () => {
    const admin = await app.login('admin');
    const saved = await admin.request('PUT', '/api/admin/types/renovation-filing/draft', { schema: v1.schema, uiSchema: v1.uiSchema, workflow: v1.workflow, settings: v1.settings, prints: v1.prints });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toEqual([]);

    const sim = await admin.post('/api/admin/simulate', {
      bundle: { id: 'renovation-filing', ...v1 },
      events: [{ event: 'SUBMIT' }, { event: 'ACCEPT', decision: {} }, { event: 'APPROVE', decision: {} }],
    });
    expect(sim.status).toBe(200);
    expect(sim.body.steps.map((s: { state: string }) => s.state)).toEqual(['draft', 'submitted', 'accepted', 'approved']);
    expect(sim.body.steps[1].tasks[0]).toMatchObject({ role: 'clerk', scope: 'district', due: 'P3D' });
    expect(sim.body.steps[3].final).toBe(true);

    const published = await admin.post('/api/admin/types/renovation-filing/publish', {});
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(1);

    const dev = await app.login('91440604MA4UJ5RW2R');
    expect((await dev.get('/api/types')).body.items.map((t: { id: string }) => t.id)).toContain('renovation-filing');
    const data = structuredClone(v1.schema.examples[0]);
    delete data.safetyReport; // the conditional field: required because 承重结构 is ticked
    const created = await dev.post('/api/cases', { type: 'renovation-filing', data });
    expect(created.status).toBe(201);
    expect(created.body.number).toMatch(/^ZXBA-/);
    const refused = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: { field: string }) => d.field)).toContain('/safetyReport');
    const submitted = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', data: v1.schema.examples[0], version: created.body.version });
    expect(submitted.status).toBe(200);
    const clerk = await app.login('clerk1');
    const t1 = (await clerk.get(`/api/tasks?q=${created.body.number}`)).body.items[0];
    expect((await clerk.post(`/api/tasks/${t1.id}/complete`, { event: 'ACCEPT', data: {} })).status).toBe(200);

    // Version 2 adds a required field while this case is under review.
    const v2schema = structuredClone(v1.schema);
    v2schema.properties.contractor = { type: 'string', title: '施工单位', minLength: 2 };
    v2schema.required.push('contractor');
    v2schema.examples[0].contractor = '佛山市安装装饰工程有限公司';
    const v2 = await admin.post('/api/admin/types/renovation-filing/publish', { ...v1, schema: v2schema });
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe(2);

    const reviewer = await app.login('reviewer1');
    const t2 = (await reviewer.get(`/api/tasks?q=${created.body.number}`)).body.items[0];
    const approved = await reviewer.post(`/api/tasks/${t2.id}/complete`, { event: 'APPROVE', data: { opinion: '同意' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', typeVersion: 1 });

    const second = await dev.post('/api/cases', { type: 'renovation-filing', data: v1.schema.examples[0] });
    expect(second.body.typeVersion).toBe(2);
    const needsField = await dev.post(`/api/cases/${second.body.id}/events`, { event: 'SUBMIT', version: second.body.version });
    expect(needsField.status).toBe(400);
    expect(needsField.body.error.details.map((d: { field: string }) => d.field)).toContain('/contractor');

    const list = (await admin.get('/api/admin/types')).body.items.find((t: { id: string }) => t.id === 'renovation-filing');
    expect(list.currentVersion).toBe(2);
    expect(list.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(list.versions[0].cases.closed).toBe(1);

    const diff = await admin.get('/api/admin/types/renovation-filing/diff?from=1&to=2');
    expect(diff.body.changes.map((c: { path: string }) => c.path)).toContain('/schema/properties/contractor');

    const rolledBack = await admin.post('/api/admin/types/renovation-filing/rollback', { version: 1 });
    expect(rolledBack.body.version).toBe(3);
    const third = await dev.post('/api/cases', { type: 'renovation-filing', data: v1.schema.examples[0] });
    expect(third.body.typeVersion).toBe(3);
    expect((await dev.post(`/api/cases/${third.body.id}/events`, { event: 'SUBMIT', version: third.body.version })).status).toBe(200);

    const auditLog = (await admin.get('/api/admin/audit')).body.items.map((a: { action: string }) => a.action);
    expect(auditLog).toEqual(expect.arrayContaining(['draft.save', 'type.publish', 'type.rollback']));
  });

  it('a definition that fails lint cannot be published, and the error points at the place', async () => {
    const admin = await app.login('admin');
    const broken = structuredClone(v1);
    broken.workflow.states.submitted.on.ACCEPT.target = 'acceptd';
    const res = await admin.post('/api/admin/types/broken-type/publish', broken);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('DEF_INVALID');
    expect(res.body.error.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'broken-type#workflow', path: '/states/submitted/on/ACCEPT/target' }),
    ]));
    expect((await admin.get('/api/admin/types')).body.items.map((t: { id: string }) => t.id)).not.toContain('broken-type');
    const lint = await admin.post('/api/admin/lint', { ...v1, settings: { ...v1.settings, starters: ['nobody'] } });
    expect(lint.body.problems[0]).toMatchObject({ path: '/starters/0' });
  });

  it('bundles export and import; a bundle naming an unknown action is refused', async () => {
    const admin = await app.login('admin');
    const exported = await admin.get('/api/admin/types/area-filing/export');
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'beian-type-bundle@1', id: 'area-filing' });
    expect(exported.headers.get('content-disposition')).toContain('area-filing.bundle.json');

    const evil = structuredClone(bundleFile);
    evil.id = 'evil-type';
    evil.versions[0].workflow.states.accepted.on.APPROVE.actions = [{ type: 'runShellCommand', params: {} }];
    const refused = await admin.post('/api/admin/import', evil);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('DEF_UNKNOWN_NAME');
    expect(refused.body.error.message).toContain('runShellCommand');
    expect(refused.body.error.message).toContain('/versions/0/workflow/states/accepted/on/APPROVE/actions/0');

    const copy = structuredClone(bundleFile);
    copy.id = 'renovation-copy';
    const imported = await admin.post('/api/admin/import', copy);
    expect(imported.status).toBe(201);
    expect(imported.body.published).toEqual([{ from: 1, version: 1 }]);
    const dev = await app.login('91440604MA51C3XK4K');
    expect((await dev.get('/api/types/renovation-copy')).status).toBe(200);
  });
});
