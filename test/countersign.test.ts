// Engine vocabulary beyond the filings: a countersign step (one task per named person, the case
// moves only when all have completed, their decisions collected), setData from a decision,
// startCase (one business starting another in the same transaction), and tag filters on lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { startTestApp, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';

let app: TestApp;
let root: string;
beforeAll(async () => {
  root = makeFixtureRoot('timed-notice', 'countersign');
  app = await startTestApp({ rootDir: root });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('countersign, setData, startCase, filters', () => {
  it('every named inspector must score before the case moves on', async () => {
    const dev = await app.login('91440604MA4UJ5RW2R');
    const created = await dev.post('/api/cases', { type: 'joint-review', data: { title: '联合检查', inspectors: ['reviewer1', 'reviewer2'] } });
    const submitted = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.tasks.filter((t: { status: string }) => t.status === 'open')).toHaveLength(2);

    const r1 = await app.login('reviewer1');
    const r2 = await app.login('reviewer2');
    const mine1 = (await r1.get('/api/tasks?mine=true')).body.items;
    expect(mine1).toHaveLength(1);
    const first = await r1.post(`/api/tasks/${mine1[0].id}/complete`, { event: 'SCORE', data: { total: 88, opinion: '基本达标' } });
    expect(first.status).toBe(200);
    expect(first.body.state).toBe('scoring');
    // The first inspector cannot score twice, nor take the second inspector's task.
    expect((await r1.post(`/api/tasks/${mine1[0].id}/complete`, { event: 'SCORE', data: { total: 10 } })).status).toBe(409);
    const mine2 = (await r2.get('/api/tasks?mine=true')).body.items;
    expect((await r1.post(`/api/tasks/${mine2[0].id}/complete`, { event: 'SCORE', data: { total: 1 } })).status).toBe(409);

    const last = await r2.post(`/api/tasks/${mine2[0].id}/complete`, { event: 'SCORE', data: { total: 92, opinion: '良好' } });
    expect(last.status).toBe(200);
    expect(last.body.state).toBe('scored');
    expect(last.body.data.scores.map((s: { total: number; by: string }) => [s.total, s.by])).toEqual([[88, '禅城区审核（赵敏）'], [92, '南海区审核（钱芳）']]);
    expect(last.body.data.result).toBe('良好');
    expect(last.body.data.closedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(last.body.history.map((h: { event: string }) => h.event)).toEqual(['CREATE', 'SUBMIT', 'SCORE', 'SCORE']);

    // startCase: the approval started a timed notice for the same organisation.
    const notices = await dev.get('/api/cases?type=timed-notice');
    expect(notices.body.items.map((c: { title: string }) => c.title)).toContain('联合检查');
  });

  it('a person named who does not exist stops the submit with a clear message', async () => {
    const dev = await app.login('91440604MA4UJ5RW2R');
    const created = await dev.post('/api/cases', { type: 'joint-review', data: { title: '无此人', inspectors: ['nobody'] } });
    const res = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('nobody');
    expect((await dev.get(`/api/cases/${created.body.id}`)).body.state).toBe('draft');
  });

  it('lists filter on declared tags and search fields', async () => {
    const dev = await app.login('91440604MA4UJ5RW2R');
    await dev.post('/api/cases', { type: 'joint-review', data: { title: '甲小区检查', inspectors: ['reviewer1'] } });
    await dev.post('/api/cases', { type: 'joint-review', data: { title: '乙小区检查', inspectors: ['reviewer2'] } });
    const byTag = await dev.get('/api/cases?type=joint-review&filter=inspector:reviewer2');
    expect(byTag.body.items.map((c: { title: string }) => c.title)).toEqual(expect.arrayContaining(['乙小区检查']));
    expect(byTag.body.items.map((c: { title: string }) => c.title)).not.toContain('甲小区检查');
    const byText = await dev.get(`/api/cases?type=joint-review&q=${encodeURIComponent('甲小区')}`);
    expect(byText.body.items).toHaveLength(1);
  });
});
