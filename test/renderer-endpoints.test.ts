// The endpoints the web app draws itself from: department statistics within the caller's
// district, the public registers with their fields' Chinese titles, the services of the portal,
// an older version of a type, and the app itself served for every page address.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import { clerkDoes, createAndSubmit, DEVELOPER, exampleWithFiles } from './helpers/filings-a.js';
import { RENDERER_DIST } from '../engine/http/static.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('统计分析 GET /api/stats/cases', () => {
  it('counts the district’s cases by type and step, and open work, for its clerk only', async () => {
    const dev = await app.login(DEVELOPER);
    const schema = (await dev.get('/api/types/area-filing')).body.schema;
    const numbers: string[] = [];
    for (const name of ['统计甲', '统计乙']) {
      const { created, submitted } = await createAndSubmit(dev, 'area-filing', await exampleWithFiles(dev, schema, { projectName: name }));
      expect(submitted.status).toBe(200);
      numbers.push(created.number);
    }
    expect((await clerkDoes(app, numbers[1], 'ACCEPT', { opinion: '予以受理。' })).status).toBe(200);

    const stats = (await (await app.login('clerk1')).get('/api/stats/cases')).body;
    expect(stats.scope).toMatchObject({ role: 'clerk', district: '440604', districtName: '禅城区' });
    const area = stats.byType.find((t: { type: string }) => t.type === 'area-filing');
    expect(area).toMatchObject({ title: '物业区域备案', total: 2, active: 2, draft: 0 });
    expect(area.states).toEqual(expect.arrayContaining([
      { state: 'submitted', title: '待受理', count: 1 }, { state: 'accepted', title: '待审核', count: 1 },
    ]));
    expect(stats.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ typeTitle: '物业区域备案', task: '窗口受理', open: 1, overdue: 0 })]));
    expect(stats.totals).toMatchObject({ openTasks: 2, overdueTasks: 0 });
    expect(stats.trend).toHaveLength(12);
    expect(stats.trend.at(-1).submitted).toBe(2);

    // Another district sees none of it; an applicant may not ask.
    const other = (await (await app.login('clerk2')).get('/api/stats/cases')).body;
    expect(other.byType.find((t: { type: string }) => t.type === 'area-filing')).toBeUndefined();
    expect((await dev.get('/api/stats/cases')).status).toBe(403);
    expect((await app.client().get('/api/stats/cases')).status).toBe(401);
  });
});

describe('门户的公开信息', () => {
  it('lists the public registers with the Chinese titles of their public fields', async () => {
    const res = await app.client().get('/api/public/registers');
    expect(res.status).toBe(200);
    const areas = res.body.registers.find((r: { name: string }) => r.name === 'areas');
    expect(areas.title).toBe('物业区域');
    expect(areas.fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'projectName', title: '项目名称' }),
      expect.objectContaining({ name: 'boundaries', title: '四至', schema: expect.objectContaining({ type: 'object' }) }),
    ]));
    // Only public registers.
    expect(res.body.registers.find((r: { name: string }) => r.name === 'houses')).toBeUndefined();
  });

  it('lists the businesses that can be done online, with their steps', async () => {
    const res = await app.client().get('/api/public/services');
    expect(res.status).toBe(200);
    const area = res.body.items.find((s: { id: string }) => s.id === 'area-filing');
    expect(area).toMatchObject({ title: '物业区域备案', menu: '物业管理', starters: ['developer', 'company'], publicStart: false });
    expect(area.steps).toEqual(expect.arrayContaining(['草稿', '待受理', '待审核', '已备案']));
    expect(res.body.items.some((s: { id: string }) => s.id.startsWith('register-'))).toBe(false);
  });
});

describe('左侧菜单 GET /api/types 与 GET /api/profiles', () => {
  it('labels the entries as the manual does, lists the company\'s profile page and a facility\'s 维修记录 link', async () => {
    const company = await app.login('91440604MA51C3XK4K');
    const items = (await company.get('/api/types')).body.items as Array<{ id: string; menu: string; menuTitle: string; listLinks: Array<{ title: string; type: string }> }>;
    const byId = Object.fromEntries(items.map((t) => [t.id, t]));
    expect(byId['house-supplement']).toMatchObject({ menu: '物业区域管理', menuTitle: '房屋信息补充' });
    expect(byId['good-behaviour'].menuTitle).toBe('诚信登记');
    expect(byId['community-news'].menuTitle).toBe('小区动态管理');
    expect(byId['area-filing'].menuTitle).toBe('物业区域备案'); // no menuTitle: the title
    expect(byId.facility.listLinks.map((l) => [l.title, l.type])).toEqual([['维修记录', 'repair'], ['维保记录', 'maintenance']]);
    const profiles = (await company.get('/api/profiles')).body.items;
    expect(profiles).toContainEqual(expect.objectContaining({ name: 'enterprise', title: '企业信息详情', menu: '物业管理', orgKinds: ['company'] }));
  });
});

describe('业务类型的历史版本 GET /api/types/:id/versions/:version', () => {
  it('answers the version a case was started with, and 404 for one that does not exist', async () => {
    const dev = await app.login(DEVELOPER);
    const v1 = await dev.get('/api/types/area-filing/versions/1');
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ id: 'area-filing', version: 1 });
    expect(v1.body.workflow.states.submitted.meta.title).toBe('待受理');
    expect((await dev.get('/api/types/area-filing/versions/999')).status).toBe(404);
    expect((await dev.get('/api/types/area-filing/versions/x')).status).toBe(404);
    expect((await app.client().get('/api/types/area-filing/versions/1')).status).toBe(401);
  });
});

describe.skipIf(!fs.existsSync(path.join(RENDERER_DIST, 'index.html')))('网页', () => {
  it('serves the app for every page address, its assets with a long cache, and API 404s as JSON', async () => {
    const page = await app.client().get('/workspace/cases/12');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<div id="root">');
    expect(page.headers.get('cache-control')).toContain('no-cache');

    const asset = fs.readdirSync(path.join(RENDERER_DIST, 'assets')).find((f) => f.endsWith('.js'))!;
    const js = await app.client().get(`/assets/${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);

    const api = await app.client().get('/api/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('NOT_FOUND');
    expect((await app.client().get('/assets/missing.js')).status).toBe(404);
    expect((await app.client().get('/..%2f..%2fpackage.json')).status).not.toBe(200);
  });
});
