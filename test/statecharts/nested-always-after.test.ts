// Nested states with an eventless triage (`always` with a guard on the submitted data), a named
// delay (`after: { grace }`, declared in settings.delays) that escalates a waiting review, and a
// nested final state whose parent's onDone closes the case — through the HTTP API, with the delay
// running out while no server runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTaskNames, restartable, send, sleep, submitCase, type Restartable } from './harness.js';

let h: Restartable;
beforeAll(async () => { h = await restartable(); });
afterAll(async () => { await h?.close(); });

const view = async (id: number) => (await (await h.login('91440604MA4UJ5RW2R')).get(`/api/cases/${id}`)).body;

describe('nested states, always, named delays, final', () => {
  it('always sends an urgent case straight to the fast review; its nested final closes the case', async () => {
    const id = await submitCase(h, 'sc-nested', { title: '加急', urgent: true });
    const v = await view(id);
    expect([v.state, openTaskNames(v)]).toEqual(['review.fast', ['fast']]);
    const done = await send(h, 'reviewer1', id, 'APPROVE');
    expect([done.state, done.status]).toEqual(['closed', 'closed']);
  });

  it('a normal case waits; the named delay escalates it after a restart', async () => {
    await h.restart(60_000); // this server will not poll in time
    const id = await submitCase(h, 'sc-nested', { title: '普通', urgent: false });
    expect((await view(id)).state).toBe('review.normal');
    const timers = await h.app.engine.db.models.Timer.findAll({ where: { caseId: id }, raw: true });
    expect(timers.map((t) => t.status)).toEqual(['pending']);
    await h.restart(100, 2200); // the grace period (PT2S) ends while no server runs
    let v = await view(id);
    for (let i = 0; i < 100 && v.state !== 'review.fast'; i++) { await sleep(100); v = await view(id); }
    expect([v.state, openTaskNames(v)]).toEqual(['review.fast', ['fast']]);
    const done = await send(h, 'reviewer1', id, 'APPROVE');
    expect([done.state, done.status]).toEqual(['closed', 'closed']);
    // Back to the present (a server 2.2 s ahead would find the next case's grace period over at
    // once), on a server that will not poll in time: the approval comes first however slow the machine.
    await h.restart(60_000);
  });

  it('a case approved before the delay leaves no timer behind', async () => {
    const id = await submitCase(h, 'sc-nested', { title: '及时办理' });
    expect((await send(h, 'reviewer1', id, 'APPROVE')).status).toBe('closed');
    const timers = await h.app.engine.db.models.Timer.findAll({ where: { caseId: id }, raw: true });
    expect(timers.map((t) => t.status)).toEqual(['cancelled']);
  });
});
