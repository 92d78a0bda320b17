// Pasted XState machines (shapes from XState's own examples: a traffic light on timers, a parallel
// countersign, a form wizard with a history state, a nested review with `always`). Pasted as they
// are, the check names per state and event what is missing, in Chinese; the console's fixes
// (renderer/src/admin/fixes.ts, the same functions its buttons call) mend them; the mended type
// publishes through the admin API and a case runs through the HTTP API to its end.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../engine/config.js';
import { applyFix, type WorkflowFix } from '../../renderer/src/admin/fixes.js';
import type { WorkflowConfig } from '../../engine/registry/types.js';
import { DEVELOPER, openTaskNames, restartable, send, sleep, type Restartable } from './harness.js';

type Problem = { path: string; message: string; fix?: WorkflowFix };
let h: Restartable;
beforeAll(async () => { h = await restartable(); });
afterAll(async () => { await h?.close(); });

const machine = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'test', 'fixtures', 'xstate-examples', `${name}.json`), 'utf8')) as WorkflowConfig;
const bundle = (id: string, workflow: WorkflowConfig) => ({
  id, workflow, uiSchema: {}, prints: {},
  schema: { type: 'object', title: id, properties: { title: { type: 'string', title: '标题' }, attachment: { type: 'string', title: '附件编号' } }, required: ['title'], examples: [{ title: '示例' }] },
  settings: { title: `粘贴的状态机 ${id}`, numberPrefix: 'CSZT', starters: ['developer'], titleField: '/title' },
});

async function lint(id: string, workflow: WorkflowConfig): Promise<Problem[]> {
  const res = await (await h.login('admin')).post('/api/admin/lint', bundle(id, workflow));
  expect(res.status).toBe(200);
  return res.body.problems;
}

/** Applies the offered fixes one by one, as an administrator clicking them would, until none is left. */
async function mend(id: string, workflow: WorkflowConfig, roleOf: (event: string) => string) {
  for (let i = 0; i < 50; i++) {
    const fix = (await lint(id, workflow)).find((p) => p.fix)?.fix;
    if (!fix) break;
    workflow = applyFix(workflow, fix, fix.kind === 'addTask' ? roleOf(fix.event) : undefined);
  }
  expect(await lint(id, workflow)).toEqual([]);
  const published = await (await h.login('admin')).post(`/api/admin/types/${id}/publish`, bundle(id, workflow));
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return workflow;
}

async function start(type: string, data: Record<string, unknown>) {
  const res = await (await h.login(DEVELOPER)).post('/api/cases', { type, data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; state: string };
}

describe('pasted XState machines', () => {
  it('traffic light: titles and the outage events are named; mended, it runs on its timers', async () => {
    const messages = (await lint('paste-traffic', machine('traffic-light'))).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      '「operating」的事件 POWER_OUTAGE 没有办理人：没有任何待办提供这个决定',
      '「broken」的事件 POWER_RESTORED 没有办理人：没有任何待办提供这个决定',
      '环节「operating.green」没有名称：请在 meta.title 中填写办理人看得懂的中文名称',
    ]));
    await mend('paste-traffic', machine('traffic-light'), () => 'reviewer');
    const c = await start('paste-traffic', { title: '路口一' });
    expect(c.state).toBe('operating.green');
    const view = async () => (await (await h.login(DEVELOPER)).get(`/api/cases/${c.id}`)).body;
    let v = await view();
    for (let i = 0; i < 100 && v.state !== 'operating.yellow'; i++) { await sleep(100); v = await view(); }
    expect(v.state).toBe('operating.yellow');
    expect((await send(h, 'reviewer1', c.id, 'POWER_OUTAGE')).state).toBe('broken');
    await h.restart();
    const back = await send(h, 'reviewer1', c.id, 'POWER_RESTORED');
    expect([back.state, openTaskNames(back)]).toEqual(['operating.green', ['operating_reviewer']]);
  });

  it('parallel countersign: dotted event names are renamed; onDone ends the case', async () => {
    const problems = await lint('paste-countersign', machine('countersign'));
    expect(problems.map((p) => p.message)).toContain('「signing.legal.pending」的事件 legal.approve 不能由待办发出：事件名须为大写英文字母、数字和下划线（例如 LEGAL_APPROVE）');
    expect(problems.map((p) => p.message).join()).not.toContain('can never be reached');
    await mend('paste-countersign', machine('countersign'), () => 'reviewer');
    const c = await start('paste-countersign', { title: '会签' });
    expect(c.state).toBe('signing.legal.pending,signing.finance.pending');
    await send(h, 'reviewer1', c.id, 'LEGAL_APPROVE');
    const done = await send(h, 'reviewer1', c.id, 'FINANCE_APPROVE');
    expect([done.state, done.status]).toEqual(['signed', 'closed']);
  });

  it('form wizard: help and back again returns to the step the applicant was on', async () => {
    const problems = await lint('paste-wizard', machine('form-wizard'));
    expect(problems.map((p) => p.message)).toContain('「form.personal」的事件 NEXT 没有办理人：没有任何待办提供这个决定');
    await mend('paste-wizard', machine('form-wizard'), () => 'applicant');
    const c = await start('paste-wizard', { title: '向导' });
    await send(h, DEVELOPER, c.id, 'NEXT');
    expect((await send(h, DEVELOPER, c.id, 'HELP')).state).toBe('help');
    await h.restart();
    expect((await send(h, DEVELOPER, c.id, 'CLOSE')).state).toBe('form.address');
    await send(h, DEVELOPER, c.id, 'NEXT');
    expect((await send(h, DEVELOPER, c.id, 'SUBMIT')).status).toBe('closed');
  });

  it('nested review: lower-case events renamed; always routes by the data', async () => {
    await mend('paste-review', machine('nested-review'), (e) => (e === 'SUBMIT' ? 'applicant' : 'reviewer'));
    const withFile = await start('paste-review', { title: '有附件', attachment: 'A-1' });
    expect((await send(h, DEVELOPER, withFile.id, 'SUBMIT')).state).toBe('review.inReview');
    expect((await send(h, 'reviewer1', withFile.id, 'APPROVE')).state).toBe('approved');
    const without = await start('paste-review', { title: '无附件' });
    const rejected = await send(h, DEVELOPER, without.id, 'SUBMIT');
    expect([rejected.state, rejected.status]).toEqual(['rejected', 'closed']);
  });
});
