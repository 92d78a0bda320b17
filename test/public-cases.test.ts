// A member of the public starts a case without an account (contact required, rate limited),
// follows it with the business number and 查询码, and rates the answer; unsatisfied sends it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { startTestApp, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';

let app: TestApp;
let root: string;
beforeAll(async () => {
  root = makeFixtureRoot('public-report');
  app = await startTestApp({ rootDir: root });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const report = { subject: '电梯故障', district: '440604', content: '3 号楼电梯停运三天无人处理', contactPhone: '13800000001' };

describe('public cases', () => {
  it('anonymous report → answer → unsatisfied → answer again → satisfied', async () => {
    const pub = app.client();
    const noContact = await pub.post('/api/public/cases', { type: 'public-report', data: { ...report, contactPhone: undefined } });
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.details[0].field).toBe('/contactPhone');
    const created = await pub.post('/api/public/cases', { type: 'public-report', data: report });
    expect(created.status).toBe(201);
    const { number, accessCode } = created.body;
    expect(number).toMatch(/^CSFY-/);
    expect(accessCode.length).toBeGreaterThanOrEqual(8);
    // Read aloud and typed from paper: no look-alike characters, any case, spaces and hyphens allowed.
    expect(accessCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    const typed = `${accessCode.slice(0, 5).toLowerCase()} - ${accessCode.slice(5)}`;
    expect((await pub.get(`/api/public/cases/${number}?code=${encodeURIComponent(typed)}`)).status).toBe(200);

    const reviewer = await app.login('reviewer1');
    const task = (await reviewer.get(`/api/tasks?q=${number}`)).body.items[0];
    expect(task.title).toBe('答复');
    expect((await (await app.login('reviewer2')).get(`/api/tasks?q=${number}`)).body.items).toHaveLength(0);
    expect((await reviewer.post(`/api/tasks/${task.id}/complete`, { event: 'ANSWER', data: { opinion: '已通知物业公司维修。' } })).status).toBe(200);

    expect((await pub.get(`/api/public/cases/${number}?code=wrong-code`)).status).toBe(404);
    const view = await pub.get(`/api/public/cases/${number}?code=${accessCode}`);
    expect(view.status).toBe(200);
    expect(view.body.stateTitle).toBe('待评价');
    expect(view.body.history.map((h: { opinion: string | null }) => h.opinion)).toContain('已通知物业公司维修。');
    expect(view.body.actions.map((a: { event: string }) => a.event)).toEqual(['RATE']);

    const unhappy = await pub.post(`/api/public/cases/${number}/events`, { code: accessCode, event: 'RATE', data: { satisfied: false, opinion: '仍未修好' } });
    expect(unhappy.status).toBe(200);
    expect(unhappy.body.stateTitle).toBe('待答复');
    const task2 = (await reviewer.get(`/api/tasks?q=${number}`)).body.items[0];
    await reviewer.post(`/api/tasks/${task2.id}/complete`, { event: 'ANSWER', data: { opinion: '已督促修复并复查。' } });
    const happy = await pub.post(`/api/public/cases/${number}/events`, { code: accessCode, event: 'RATE', data: { satisfied: true } });
    expect(happy.body.status).toBe('closed');
    expect((await pub.post(`/api/public/cases/${number}/events`, { code: accessCode, event: 'RATE', data: { satisfied: true } })).status).toBe(409);
    // Someone with an account but no code cannot act on it.
    expect((await reviewer.post(`/api/public/cases/${number}/events`, { code: '', event: 'RATE', data: { satisfied: true } })).status).toBe(404);
  });

  it('creation is rate limited per address, and types without publicStart are not open', async () => {
    const pub = app.client();
    const closed = await pub.post('/api/public/cases', { type: 'area-filing', data: {} });
    expect(closed.status).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await pub.post('/api/public/cases', { type: 'public-report', data: { ...report, subject: `反映 ${i}` } })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
  });
});
