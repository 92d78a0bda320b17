// The workflow check as a guarantee, through POST /api/admin/lint: what XState runs (onDone
// targets, history targets, timers, always) is accepted; a loop that can never end, and an event
// nobody can send, are refused in Chinese with the state's title and the event's name. A version
// published under the older check still loads and runs (the check guards publishing only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const task = (name: string, events: string[], role = 'reviewer') => ({ name, title: name, role, scope: 'any', events: Object.fromEntries(events.map((e) => [e, { title: e }])) });
const state = (title: string, on: Record<string, unknown> = {}, events = Object.keys(on), extra: Record<string, unknown> = {}) =>
  ({ meta: { title, tasks: events.length ? [task(title, events)] : [] }, on, ...extra });
async function lint(workflow: unknown) {
  const admin = await app.login('admin');
  const res = await admin.post('/api/admin/lint', {
    id: 'check-type', workflow, uiSchema: {}, prints: {},
    schema: { type: 'object', properties: { title: { type: 'string' } }, examples: [{ title: 'x' }] },
    settings: { title: '检查', numberPrefix: 'CSJC', starters: ['developer'], titleField: '/title' },
  });
  expect(res.status).toBe(200);
  return (res.body.problems as Array<{ path: string; message: string }>).map((p) => `${p.path} ${p.message}`);
}

describe('the workflow check', () => {
  it('accepts an onDone target, a history target, a timer and an always', async () => {
    expect(await lint({
      id: 'w', initial: 'a', states: {
        a: state('甲', { GO: 'b' }),
        b: { initial: 'x', meta: { title: '乙' }, onDone: 'c', on: { PAUSE: 'p' }, states: {
          x: { meta: { title: '乙一' }, always: 'y' },
          y: state('乙二', { FINISH: 'z' }, ['FINISH', 'PAUSE']),
          z: { type: 'final', meta: { title: '乙完' } },
          h: { type: 'history' },
        } },
        p: state('暂停', { BACK: 'b.h' }, ['BACK'], { after: { 1000: 'c' } }),
        c: { type: 'final', meta: { title: '完' } },
      },
    })).toEqual([]);
  });

  it('refuses a loop that can never end, naming the states', async () => {
    const problems = await lint({
      id: 'w', initial: 'a', states: {
        a: state('甲', { GO: 'b', STOP: 'end' }),
        b: state('乙', { NEXT: 'c' }),
        c: state('丙', { BACK: 'b' }),
        end: { type: 'final', meta: { title: '完' } },
      },
    });
    expect(problems).toEqual([
      '/states/b 「乙」之后的环节都无法走到办结：案件会永远停在流程中',
      '/states/c 「丙」之后的环节都无法走到办结：案件会永远停在流程中',
    ]);
  });

  it('refuses an event no task offers and names a state nothing leads to', async () => {
    const problems = await lint({
      id: 'w', initial: 'a', states: {
        a: state('待审核', { APPROVE: 'b', REJECT: 'end' }, ['REJECT']),
        b: { initial: 'x', meta: { title: '乙' }, onDone: 'end', on: { QUIT: 'end' }, states: { x: state('乙一', { QUIT: '#w.end' }) } },
        end: { type: 'final', meta: { title: '完' } },
        never: { type: 'final', meta: { title: '从未' } },
      },
    });
    expect(problems).toEqual([
      '/states/never state "never" can never be reached',
      '/states/a/on/APPROVE 「待审核」的事件 APPROVE 没有办理人：没有任何待办提供这个决定',
    ]);
  });
});

describe('after an upgrade', () => {
  it('a version published under the older, looser check still loads and runs', async () => {
    // Published before this check existed: an event no task offers, a state without a title.
    const { TypeDef, TypeVersion } = app.engine.db.models;
    const definition = {
      id: 'old-loose', uiSchema: {}, prints: {},
      schema: { type: 'object', properties: { title: { type: 'string' } }, examples: [{ title: 'x' }] },
      settings: { title: '旧版宽松定义', numberPrefix: 'CSJB', starters: ['developer'], titleField: '/title' },
      workflow: { id: 'old-loose', initial: 'draft', states: {
        draft: { meta: { title: '草稿', editable: true, tasks: [task('fill', ['SUBMIT'], 'applicant')] }, on: { SUBMIT: 'done', PING: 'draft' } },
        done: { type: 'final' },
      } },
    };
    await TypeVersion.create({ typeId: 'old-loose', version: 1, definition, source: 'console#old', publishedBy: null });
    await TypeDef.create({ id: 'old-loose', currentVersion: 1 });
    expect((await lint(definition.workflow)).join()).toContain('PING 没有办理人');
    await app.engine.registry.refresh();
    const dev = await app.login('91440604MA4UJ5RW2R');
    const created = await dev.post('/api/cases', { type: 'old-loose', data: { title: '旧定义' } });
    expect(created.status).toBe(201);
    const done = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect([done.status, done.body.state, done.body.status]).toEqual([200, 'done', 'closed']);
  });
});
