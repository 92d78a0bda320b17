// Parallel regions completing through onDone (the countersign pattern: each region reaches its own
// final state, the parallel state is then done and its onDone moves the case), through the HTTP
// API with a restart between the two signatures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTaskNames, restartable, send, submitCase, type Restartable } from './harness.js';

let h: Restartable;
beforeAll(async () => { h = await restartable(); });
afterAll(async () => { await h?.close(); });

describe('parallel regions with onDone', () => {
  it('both regions sign, one before and one after a restart; onDone closes the case', async () => {
    const id = await submitCase(h, 'sc-parallel', { title: '并行会签' });
    const dev = await h.login('91440604MA4UJ5RW2R');
    const signing = (await dev.get(`/api/cases/${id}`)).body;
    expect(signing.state).toBe('sign.housing.pending,sign.street.pending');
    expect(openTaskNames(signing)).toEqual(['housing', 'street']);

    const half = await send(h, 'reviewer1', id, 'AGREE_HOUSING');
    expect(half.state).toBe('sign.housing.agreed,sign.street.pending');
    expect([half.status, openTaskNames(half)]).toEqual(['active', ['street']]);

    await h.restart();
    const done = await send(h, 'clerk1', id, 'AGREE_STREET');
    expect([done.state, done.status, openTaskNames(done)]).toEqual(['approved', 'closed', []]);
  });

  it('a region cannot sign twice: its event is refused once the region is final', async () => {
    const id = await submitCase(h, 'sc-parallel', { title: '重复会签' });
    await send(h, 'reviewer1', id, 'AGREE_HOUSING');
    const r = await h.login('reviewer1');
    const { version } = (await r.get(`/api/cases/${id}`)).body;
    const again = await r.post(`/api/cases/${id}/events`, { event: 'AGREE_HOUSING', version });
    expect(again.status).toBe(409);
    expect((await r.get(`/api/cases/${id}`)).body.state).toBe('sign.housing.agreed,sign.street.pending');
  });
});
