// The simulator's path coverage through POST /api/admin/simulate: every simple path from the
// initial state to an end, walked on the real machine with the sample data (timers included),
// said by state and decision titles; an end no path reaches with this data is listed as not walked.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../engine/config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const fixture = (part: string, file: string) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'test', 'fixtures', 'statecharts', part, file), 'utf8'));
const bundle = (id: string) => ({
  id, schema: fixture('forms', `${id}.schema.json`), uiSchema: {}, prints: {},
  workflow: fixture('workflows', `${id}.workflow.json`), settings: fixture('types', `${id}.json`),
});
type Path = { steps: Array<{ eventTitle: string; stateTitle: string }>; endTitle: string };
const said = (p: Path) => [...p.steps.map((s) => `${s.eventTitle}→${s.stateTitle}`), p.endTitle].join(' ');

async function coverage(id: string, data: unknown) {
  const res = await (await app.login('admin')).post('/api/admin/simulate', { bundle: bundle(id), data, events: [] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.coverage as { paths: Path[]; ends: Array<{ title: string; walked: boolean }>; truncated: boolean };
}

describe('path coverage', () => {
  it('lists each path to the end by titles, the timer path included', async () => {
    const c = await coverage('sc-nested', { title: '普通', urgent: false });
    expect(c.paths.map(said).sort()).toEqual([
      '提交→普通审核 期限届满（自动）→加急审核 通过→已办结 已办结',
      '提交→普通审核 通过→已办结 已办结',
    ]);
    expect([c.ends, c.truncated]).toEqual([[{ state: 'closed', title: '已办结', walked: true }], false]);
  });

  it('with other data the always takes the other branch', async () => {
    const c = await coverage('sc-nested', { title: '加急', urgent: true });
    expect(c.paths.map(said)).toEqual(['提交→加急审核 通过→已办结 已办结']);
  });

  it('walks through history states: resuming is a path of its own', async () => {
    const c = await coverage('sc-history', { title: '历史' });
    const all = c.paths.map(said);
    expect(all).toContain('提交→初审 初审通过→一签 同意，转二签→二签 批准→已批准 已批准');
    expect(all).toContain('提交→初审 初审通过→一签 同意，转二签→二签 暂停→已暂停 回到暂停时的环节→二签 批准→已批准 已批准');
    expect(c.ends).toEqual([{ state: 'approved', title: '已批准', walked: true }]);
  });

  it('an end no path reaches with the sample data is listed as not walked', async () => {
    const b = bundle('sc-nested');
    b.workflow.states.review.states.fast.on.REJECT = '#sc-nested.refused';
    b.workflow.states.review.states.fast.meta.tasks[0].events.REJECT = { title: '不予通过' };
    b.workflow.states.refused = { type: 'final', meta: { title: '不予通过' } };
    const res = await (await app.login('admin')).post('/api/admin/simulate', { bundle: b, data: { title: '普通', urgent: false }, events: [] });
    expect(res.body.coverage.ends).toEqual([{ state: 'closed', title: '已办结', walked: true }, { state: 'refused', title: '不予通过', walked: true }]);
    // Without the timer the fast review opens only for urgent data: with this data "refused" is not walked.
    b.workflow.states.review.states.normal.after = {};
    const normal = await (await app.login('admin')).post('/api/admin/simulate', { bundle: b, data: { title: '普通', urgent: false }, events: [] });
    expect(normal.body.coverage.ends).toContainEqual({ state: 'refused', title: '不予通过', walked: false });
  });
});
