// Expression guards (JSON Logic over data, decision, flags and state) and schema defaults through
// the HTTP API across a server restart: what a guard reads is in the persisted case (data, flags,
// snapshot), so a case waiting in a step decides the same after the restart as before it; defaults
// filled in when the case was created are stored, not recomputed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPER, restartable, type Restartable } from './harness.js';
import { corpusBundle, loadCorpus } from '../helpers/form-corpus.js';

let h: Restartable;
beforeAll(async () => { h = await restartable(100, 'expr-guards'); });
afterAll(async () => { await h?.close(); });

async function decide(caseId: number, pass: string) {
  const reviewer = await h.login('reviewer1');
  const task = (await reviewer.get(`/api/cases/${caseId}`)).body.tasks.find((t: { status: string }) => t.status === 'open');
  return reviewer.post(`/api/tasks/${task.id}/complete`, { event: 'DECIDE', data: { pass } });
}

describe('expression guards and defaults across a restart', () => {
  it('a case sent to review by a number-and-date guard is decided by the decision and stateIn after a restart', async () => {
    const dev = await h.login(DEVELOPER);
    const created = await dev.post('/api/cases', { type: 'expr-route', data: { title: '重启前后', area: 1500, startDate: '2026-03-01', endDate: '2026-03-20' } });
    expect(created.status).toBe(201);
    const submitted = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect(submitted.body.state).toBe('large');
    await h.restart();
    const refused = await decide(created.body.id, '否');
    expect([refused.status, refused.body.state]).toEqual([200, 'rejected']);

    // A new server answers on a new port: sign in again.
    const dev2 = await h.login(DEVELOPER);
    const other = await dev2.post('/api/cases', { type: 'expr-route', data: { title: '重启后通过', area: 2000, startDate: '2026-05-01', endDate: '2026-05-31' } });
    await dev2.post(`/api/cases/${other.body.id}/events`, { event: 'SUBMIT', version: other.body.version });
    await h.restart();
    const approved = await decide(other.body.id, '是');
    expect([approved.status, approved.body.state]).toEqual([200, 'approved']);
  });

  it('an always guard after a restart still sees the data and the flag its step wrote', async () => {
    const created = await (await h.login(DEVELOPER)).post('/api/cases', { type: 'expr-route', data: { title: '快速', area: 60 } });
    await h.restart();
    const again = await h.login(DEVELOPER);
    const submitted = await again.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect(submitted.status).toBe(200);
    expect([submitted.body.state, submitted.body.data.lane]).toEqual(['fast', '快速']);
  });

  it('defaults filled in at creation are stored: after a restart the case submits with them', async () => {
    const fixture = loadCorpus().find((f) => f.file.endsWith('-defaults.json'))!;
    const admin = await h.login('admin');
    expect((await admin.post(`/api/admin/types/${fixture.id}/publish`, corpusBundle(fixture))).status).toBe(200);
    const dev = await h.login(DEVELOPER);
    const created = await dev.post('/api/cases', { type: fixture.id, data: { name: '只填名称' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await h.restart();
    const again = await h.login(DEVELOPER);
    const stored = (await again.get(`/api/cases/${created.body.id}`)).body;
    expect(stored.data).toEqual({ name: '只填名称', city: '佛山市', copies: 2, urgent: false });
    const submitted = await again.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: stored.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  });
});
