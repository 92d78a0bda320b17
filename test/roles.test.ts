// Roles are data (roles/<id>.json): a new kind of department, 街道办事处, is one JSON file in a copy
// of the definitions — with a type whose task goes to it, its users log in, see the tasks and cases
// of their own district in their inbox and lists, complete them, and are refused outside their
// district, with no change to the code. A malformed role file stops the start with a Chinese
// message naming the file and the field.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, freshDatabaseUrl, startTestApp, type Client, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { DEVELOPER } from './helpers/filings-a.js';
import { hashPassword } from '../engine/auth/index.js';
import { createEngine } from '../engine/app.js';
import { loadConfig, ROOT_DIR } from '../engine/config.js';
import { DefinitionError } from '../engine/registry/index.js';

const roots: string[] = [];
afterAll(() => { for (const r of roots) fs.rmSync(r, { recursive: true, force: true }); });

describe('新增角色「街道办事处」：只需一个角色文件', () => {
  let app: TestApp;
  let dev: Client;
  const cases: Record<'chancheng' | 'nanhai', { id: number; number: string }> = {} as never;

  beforeAll(async () => {
    const root = makeFixtureRoot('street-office');
    roots.push(root);
    app = await startTestApp({ rootDir: root });
    // Two users of the new role, one per district, as an administrator would add them.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await app.engine.db.models.User.bulkCreate([
      { username: 'street1', passwordHash, role: 'street-office', district: '440604', street: '440604001', displayName: '祖庙街道办事处' },
      { username: 'street2', passwordHash, role: 'street-office', district: '440605', street: '440605011', displayName: '桂城街道办事处' },
    ]);
    dev = await app.login(DEVELOPER);
    for (const [key, district] of [['chancheng', '440604'], ['nanhai', '440605']] as const) {
      const created = await dev.post('/api/cases', { type: 'street-notice', data: { title: `${key} 楼道改造告知`, district } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const submitted = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      expect(submitted.body.state).toBe('streetReview');
      cases[key] = { id: created.body.id, number: created.body.number };
    }
  }, 120_000);
  afterAll(async () => { await app?.close(); });

  it('GET /api/roles lists it beside the built-in roles, which answer as before', async () => {
    const res = await app.client().get('/api/roles');
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.items.map((r: { id: string }) => [r.id, r]));
    expect(byId['street-office']).toEqual({ id: 'street-office', title: '街道办事处', tabTitle: null, kind: 'department', scope: 'district', home: '/inbox', types: 'all' });
    expect(byId.clerk).toMatchObject({ title: '受理窗口', kind: 'department', scope: 'district', home: '/inbox' });
    expect(byId.admin).toMatchObject({ title: '系统管理员', kind: 'admin', scope: 'all', home: '/dashboard' });
    expect(byId.company).toMatchObject({ title: '物业服务企业', tabTitle: '物业公司', kind: 'organisation', scope: 'org', home: '/workspace' });
    expect(byId.owner).toMatchObject({ kind: 'person', types: 'startable' });
    // In role order: the new role (order 25) after 审核人员 (20), before the applicants.
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual(['admin', 'clerk', 'reviewer', 'street-office', 'developer', 'company', 'committee', 'owner']);
    const vocabulary = (await dev.get('/api/vocabulary')).body;
    expect(vocabulary.roles).toMatchObject({ 'street-office': '街道办事处', clerk: '受理窗口', applicant: '申请单位' });
  });

  it('its user sees the task of its own district in the inbox, not the other district’s', async () => {
    const street1 = await app.login('street1');
    const inbox = await street1.get('/api/tasks');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((t: { case: { number: string } }) => t.case.number)).toEqual([cases.chancheng.number]);
    expect(inbox.body.items[0]).toMatchObject({ role: 'street-office', title: '街道审核' });
    const list = await street1.get('/api/cases?type=street-notice');
    expect(list.body.items.map((c: { number: string }) => c.number)).toEqual([cases.chancheng.number]);
    const street2 = await app.login('street2');
    expect((await street2.get('/api/tasks')).body.items.map((t: { case: { number: string } }) => t.case.number)).toEqual([cases.nanhai.number]);
  });

  it('is refused outside its district: the other district’s case and task are not found', async () => {
    const street1 = await app.login('street1');
    expect((await street1.get(`/api/cases/${cases.nanhai.id}`)).status).toBe(404);
    const street2 = await app.login('street2');
    const task = (await street2.get('/api/tasks')).body.items[0];
    const refused = await street1.post(`/api/tasks/${task.id}/complete`, { event: 'APPROVE', data: {} });
    expect(refused.status).toBe(404);
    expect((await street1.post(`/api/tasks/${task.id}/claim`)).status).toBe(404);
    // The clerk of that district does not hold the role: the task is not in their inbox either.
    const clerk2 = await app.login('clerk2');
    expect((await clerk2.get('/api/tasks?type=street-notice')).body.items).toEqual([]);
    // Staff pages by kind (department): the district's statistics; the admin area stays closed.
    expect((await street1.get('/api/stats/cases')).status).toBe(200);
    expect((await street1.get('/api/admin/types')).status).toBe(403);
  });

  it('completes the task of its district: the case moves on and stays visible to it', async () => {
    const street1 = await app.login('street1');
    const view = await street1.get(`/api/cases/${cases.chancheng.id}`);
    expect(view.status).toBe(200);
    const task = (await street1.get('/api/tasks')).body.items[0];
    const done = await street1.post(`/api/tasks/${task.id}/complete`, { event: 'APPROVE', data: {} });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('approved');
    expect((await street1.get('/api/tasks')).body.items).toEqual([]);
    expect((await street1.get(`/api/cases/${cases.chancheng.id}`)).body.state).toBe('approved');
    // The other district's case still waits for its own street office.
    expect((await (await app.login('street2')).get(`/api/cases/${cases.nanhai.id}`)).body.state).toBe('streetReview');
  });

  it('sees the register entries of its district only, like the other departments', async () => {
    const street1 = await app.login('street1');
    const areas = await street1.get('/api/registers/areas');
    expect(areas.status).toBe(200);
    expect(areas.body.items.length).toBeGreaterThan(0);
    expect(new Set(areas.body.items.map((e: { district: string }) => e.district))).toEqual(new Set(['440604']));
    const street2 = await app.login('street2');
    expect((await street2.get(`/api/registers/areas/${areas.body.items[0].id}`)).status).toBe(404);
  });
});

describe('有误的角色文件：启动被拒绝，中文说明文件与字段', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => { db = await freshDatabaseUrl(); });
  afterAll(async () => { await db?.drop(); });

  const start = async (breakIt: (root: string) => void) => {
    const root = makeFixtureRoot();
    roots.push(root);
    breakIt(root);
    const config = loadConfig({}, { rootDir: root, databaseUrl: db.url, seed: false, logLevel: 'silent' });
    const err = await createEngine(config).then(async (engine) => { await engine.db.close(); return null; }, (e: unknown) => e);
    expect(err, 'the start must fail').toBeInstanceOf(DefinitionError);
    return (err as DefinitionError).message;
  };

  it('refuses an unknown kind and scope and a missing title, naming each field', async () => {
    const message = await start((root) => fs.writeFileSync(path.join(root, 'roles', 'street-office.json'),
      JSON.stringify({ kind: 'office', scope: 'street', home: '/inbox' })));
    expect(message).toContain('角色定义有误');
    expect(message).toContain('roles/street-office.json /title: 「角色名称（title）」为必填项');
    expect(message).toContain('roles/street-office.json /kind: 「角色类别（kind）」应为以下之一：department、organisation、person、admin');
    expect(message).toContain('roles/street-office.json /scope: 「可见范围（scope）」应为以下之一：all、district、org');
  });

  it('refuses a file that is not JSON, a field it does not know and a bad file name', async () => {
    const message = await start((root) => {
      fs.writeFileSync(path.join(root, 'roles', 'broken.json'), '{ "title": 街道办 }');
      fs.writeFileSync(path.join(root, 'roles', 'extra.json'), JSON.stringify({ title: '社区居委会', kind: 'department', scope: 'district', home: '/inbox', starts: ['x'] }));
      fs.writeFileSync(path.join(root, 'roles', 'Street_Office.json'), JSON.stringify({ title: '街道', kind: 'department', scope: 'district', home: '/inbox' }));
    });
    expect(message).toMatch(/roles\/broken\.json \/: 不是有效的 JSON/);
    expect(message).toContain('roles/extra.json /starts: 「starts」不是角色定义的字段');
    expect(message).toContain('roles/Street_Office.json /: 文件名「Street_Office」不是有效的角色标识');
  });

  it('refuses a type whose task names a role that has no file', async () => {
    const message = await start((root) => {
      fs.cpSync(path.join(ROOT_DIR, 'test', 'fixtures', 'street-office'), root, { recursive: true });
      fs.rmSync(path.join(root, 'roles', 'street-office.json'));
    });
    expect(message).toMatch(/workflows\/street-notice\.workflow\.json .*\/role: unknown role "street-office"/);
  });
});
