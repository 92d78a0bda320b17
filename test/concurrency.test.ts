// Two people at the same moment: exactly one wins and the other is told clearly (409), and the
// case, its tasks and its event log hold the winner's work only. Also stale versions, racing
// claims and business numbers handed out under load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type Res, type TestApp } from './helpers/app.js';
import { DEVELOPER, acceptedArea, draftArea, fileArea, taskOf } from './helpers/filings.js';

let app: TestApp;
let developer: Client;
let clerk1: Client;

beforeAll(async () => {
  app = await startTestApp();
  [developer, clerk1] = await Promise.all([DEVELOPER, 'clerk1'].map((u) => app.login(u)));
});
afterAll(async () => { await app?.close(); });

const statuses = (results: Res[]) => results.map((r) => r.status).sort();
const loser = (results: Res[]) => results.find((r) => r.status !== 200)!;

describe('同时办理', () => {
  it('two reviewers approve the same task at the same moment: one wins, the other gets a conflict, one APPROVE is logged', async () => {
    const accepted = await acceptedArea(developer, clerk1);
    // Two sessions of reviewer1 (two browsers), neither has claimed the task.
    const [a, b] = await Promise.all([app.login('reviewer1'), app.login('reviewer1')]);
    const task = await taskOf(a, accepted.number);
    const results = await Promise.all([
      a.post(`/api/tasks/${task.id}/complete`, { event: 'APPROVE', data: { opinion: '同意备案（甲）。' } }),
      b.post(`/api/tasks/${task.id}/complete`, { event: 'APPROVE', data: { opinion: '同意备案（乙）。' } }),
    ]);
    expect(statuses(results)).toEqual([200, 409]);
    expect(['TASK_CONFLICT', 'CASE_CONFLICT']).toContain(loser(results).body.error.code);
    expect(loser(results).body.error.message).toMatch(/[\u4e00-\u9fff]/);

    const after = await a.get(`/api/cases/${accepted.id}`);
    expect(after.body).toMatchObject({ state: 'approved', status: 'closed', version: accepted.version + 1 });
    const approvals = after.body.history.filter((h: { event: string }) => h.event === 'APPROVE');
    expect(approvals).toHaveLength(1);
    const winner = results.find((r) => r.status === 200)!;
    expect(approvals[0].payload.opinion).toBe(winner.body.history.at(-1).payload.opinion);
    expect(after.body.tasks.filter((t: { name: string; status: string }) => t.name === 'review').map((t: { status: string }) => t.status)).toEqual(['done']);
    // The area was registered once.
    const areas = await app.client().get(`/api/public/areas?q=${encodeURIComponent(accepted.data.projectName)}`);
    expect(areas.body.total).toBe(1);
  });

  it('two clerks, one accepting and one returning the same case at once: only one decision stands', async () => {
    const filed = await fileArea(developer);
    const clerk1b = await app.login('clerk1b');
    const task = await taskOf(clerk1, filed.number);
    const results = await Promise.all([
      clerk1.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '受理。' } }),
      clerk1b.post(`/api/tasks/${task.id}/complete`, { event: 'RETURN', data: { opinion: '退回。', items: ['补充材料'] } }),
    ]);
    expect(statuses(results)).toEqual([200, 409]);
    const after = await clerk1.get(`/api/cases/${filed.id}`);
    const decisions = after.body.history.filter((h: { event: string }) => h.event === 'ACCEPT' || h.event === 'RETURN');
    expect(decisions).toHaveLength(1);
    expect(after.body.state).toBe(decisions[0].event === 'ACCEPT' ? 'accepted' : 'returned');
  });
});

describe('过期的版本号', () => {
  it('an event sent with a stale version is refused with CASE_CONFLICT and changes nothing', async () => {
    const draft = await draftArea(developer);
    const saved = await developer.patch(`/api/cases/${draft.id}`, { data: { ...draft.data, remarks: '第二次保存' }, version: draft.version });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(draft.version + 1);

    // A second browser tab still holds the old version.
    const stale = await developer.post(`/api/cases/${draft.id}/events`, { event: 'SUBMIT', version: draft.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CASE_CONFLICT');
    const after = await developer.get(`/api/cases/${draft.id}`);
    expect(after.body).toMatchObject({ state: 'draft', version: saved.body.version });
    expect(after.body.history.map((h: { event: string }) => h.event)).toEqual(['CREATE']);
    expect(await app.engine.db.models.Task.count({ where: { caseId: draft.id, status: 'open', role: 'clerk' } })).toBe(0);
  });

  it('an edit saved with a stale version is refused with CASE_CONFLICT and the newer data stays', async () => {
    const draft = await draftArea(developer);
    const first = await developer.patch(`/api/cases/${draft.id}`, { data: { ...draft.data, remarks: '甲的修改' }, version: draft.version });
    expect(first.status).toBe(200);
    const second = await developer.patch(`/api/cases/${draft.id}`, { data: { ...draft.data, remarks: '乙的修改' }, version: draft.version });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CASE_CONFLICT');
    const after = await developer.get(`/api/cases/${draft.id}`);
    expect(after.body.data.remarks).toBe('甲的修改');
    expect(after.body.version).toBe(first.body.version);
  });

  it('two edits of the same version at the same moment: one is saved, the other refused', async () => {
    const draft = await draftArea(developer);
    const results = await Promise.all(['甲', '乙'].map((who) =>
      developer.patch(`/api/cases/${draft.id}`, { data: { ...draft.data, remarks: who }, version: draft.version })));
    expect(statuses(results)).toEqual([200, 409]);
    const after = await developer.get(`/api/cases/${draft.id}`);
    expect(after.body.version).toBe(draft.version + 1);
    expect(after.body.data.remarks).toBe(results.find((r) => r.status === 200)!.body.data.remarks);
  });
});

describe('签收', () => {
  it('two clerks claim the same task at once: one gets it, the other a conflict', async () => {
    const filed = await fileArea(developer);
    const clerk1b = await app.login('clerk1b');
    const task = await taskOf(clerk1, filed.number);
    const results = await Promise.all([clerk1.post(`/api/tasks/${task.id}/claim`), clerk1b.post(`/api/tasks/${task.id}/claim`)]);
    expect(statuses(results)).toEqual([200, 409]);
    expect(loser(results).body.error.code).toBe('TASK_CONFLICT');
    const claimedBy = (await clerk1.get(`/api/cases/${filed.id}`)).body.tasks.find((t: { id: number }) => t.id === task.id).assigneeId;
    const winner = results[0].status === 200 ? 'clerk1' : 'clerk1b';
    const user = await app.engine.db.models.User.findOne({ where: { username: winner }, raw: true });
    expect(claimedBy).toBe(user!.id);
  });

  it('a task claimed by clerk1 cannot be completed, released or claimed by clerk1b', async () => {
    const filed = await fileArea(developer);
    const clerk1b = await app.login('clerk1b');
    const task = await taskOf(clerk1, filed.number);
    expect((await clerk1.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);

    const complete = await clerk1b.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '抢先受理。' } });
    expect(complete.status).toBe(409);
    expect(complete.body.error.code).toBe('TASK_CONFLICT');
    expect((await clerk1b.post(`/api/tasks/${task.id}/claim`)).status).toBe(409);
    expect((await clerk1b.post(`/api/tasks/${task.id}/release`)).status).toBe(409);
    expect((await clerk1.get(`/api/cases/${filed.id}`)).body.state).toBe('submitted');

    // Once clerk1 releases it, clerk1b may take it.
    expect((await clerk1.post(`/api/tasks/${task.id}/release`)).status).toBe(200);
    const accepted = await clerk1b.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '受理。' } });
    expect(accepted.status).toBe(200);
  });

  it('a completed task can no longer be claimed or completed', async () => {
    const filed = await fileArea(developer);
    const task = await taskOf(clerk1, filed.number);
    expect((await clerk1.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: {} })).status).toBe(200);
    expect((await clerk1.post(`/api/tasks/${task.id}/claim`)).body.error.code).toBe('TASK_CONFLICT');
    const again = await clerk1.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: {} });
    expect(again.status).toBe(409);
  });
});

describe('业务编号', () => {
  it('20 drafts created at the same moment get 20 distinct business numbers', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      developer.post('/api/cases', { type: 'area-filing', data: { projectName: `并发草稿${i}` } })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(20);
    for (const n of numbers) expect(n).toMatch(/^WYQY-\d{4}-\d{6}$/);
    // Numbers are consecutive: none skipped, none reused.
    const seqs = numbers.map((n) => Number(n.slice(-6))).sort((x, y) => x - y);
    expect(seqs.at(-1)! - seqs[0]).toBe(19);
  });
});
