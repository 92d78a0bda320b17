// History states through the HTTP API: a case suspended in a nested step comes back to that step
// (deep history) or to the first step of the same stage (shallow history), also when the server
// was restarted while it was suspended: the history is in the persisted snapshot, not in memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTaskNames, restartable, send, submitCase, type Restartable } from './harness.js';

let h: Restartable;
beforeAll(async () => { h = await restartable(); });
afterAll(async () => { await h?.close(); });

async function suspendedInSecondSign(title: string) {
  const id = await submitCase(h, 'sc-history', { title });
  expect((await send(h, 'reviewer1', id, 'PASS')).state).toBe('review.sign.first');
  expect((await send(h, 'reviewer1', id, 'NEXT')).state).toBe('review.sign.second');
  const suspended = await send(h, 'reviewer1', id, 'SUSPEND');
  expect(suspended.state).toBe('suspended');
  expect(openTaskNames(suspended)).toEqual(['resume']);
  return id;
}

describe('history states', () => {
  it('deep history returns to the nested step, across a restart', async () => {
    const id = await suspendedInSecondSign('深历史');
    await h.restart();
    const resumed = await send(h, 'reviewer1', id, 'RESUME');
    expect(resumed.state).toBe('review.sign.second');
    // The stage's own task and the step's task are open again; the resume task is done.
    expect(openTaskNames(resumed)).toEqual(['pause', 'second']);
    const approved = await send(h, 'reviewer1', id, 'APPROVE');
    expect([approved.state, approved.status]).toEqual(['approved', 'closed']);
  });

  it('shallow history returns to the stage, entering it at its first step, across a restart', async () => {
    const id = await suspendedInSecondSign('浅历史');
    await h.restart();
    const resumed = await send(h, 'reviewer1', id, 'RESTART_STEP');
    expect(resumed.state).toBe('review.sign.first');
    expect(openTaskNames(resumed)).toEqual(['first', 'pause']);
  });

  it('history is remembered per suspension: the second suspension overrides the first', async () => {
    const id = await submitCase(h, 'sc-history', { title: '两次暂停' });
    await send(h, 'reviewer1', id, 'SUSPEND'); // suspended in review.check
    expect((await send(h, 'reviewer1', id, 'RESUME')).state).toBe('review.check');
    await send(h, 'reviewer1', id, 'PASS');
    await send(h, 'reviewer1', id, 'SUSPEND'); // now suspended in review.sign.first
    await h.restart();
    expect((await send(h, 'reviewer1', id, 'RESUME')).state).toBe('review.sign.first');
  });
});
