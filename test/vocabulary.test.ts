// One vocabulary, expression guards as data: a guard written in JSON Logic compares numbers and
// dates, reads the decision and the active state, and — after a setData and a setFlag of the same
// step — sees what they wrote (an `always` right after them); the check refuses an expression
// naming a field or a state that does not exist, in Chinese, at the place; every entry is one
// object with a Chinese title, a compiling parameter schema and its code, which the console's
// GET /api/vocabulary lists; and engine/ has no import cycle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { startTestApp, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { importCycles } from './helpers/import-cycles.js';
import { GUARD_ENTRIES } from '../engine/vocabulary/guards/index.js';
import { ACTION_ENTRIES } from '../engine/vocabulary/actions/index.js';
import { RULE_ENTRIES } from '../engine/vocabulary/rules/index.js';
import { ROOT_DIR } from '../engine/config.js';

let app: TestApp;
let root: string;
beforeAll(async () => {
  root = makeFixtureRoot('expr-guards');
  app = await startTestApp({ rootDir: root });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const fixture = (rel: string) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'test/fixtures/expr-guards', rel), 'utf8'));

describe('expression guards through HTTP', () => {
  it('a large area within 30 days goes to review; the decision and stateIn decide the outcome', async () => {
    const dev = await app.login('91440604MA4UJ5RW2R');
    const created = await dev.post('/api/cases', { type: 'expr-route', data: { title: '大面积', area: 1500, startDate: '2026-03-01', endDate: '2026-03-20' } });
    expect(created.status).toBe(201);
    const submitted = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('large');
    const reviewer = await app.login('reviewer1');
    const task = (await reviewer.get(`/api/cases/${created.body.id}`)).body.tasks.find((t: { status: string }) => t.status === 'open');
    const decided = await reviewer.post(`/api/tasks/${task.id}/complete`, { event: 'DECIDE', data: { pass: '是' } });
    expect(decided.status).toBe(200);
    expect(decided.body.state).toBe('approved');
  });

  it('the date comparison counts: 60 days apart is not the large lane; an old named guard still decides', async () => {
    const dev = await app.login('91440604MA4UJ5RW2R');
    const long = await dev.post('/api/cases', { type: 'expr-route', data: { title: '工期长', area: 1500, startDate: '2026-03-01', endDate: '2026-04-30' } });
    const res = await dev.post(`/api/cases/${long.body.id}/events`, { event: 'SUBMIT', version: long.body.version });
    expect(res.body.state).toBe('fast'); // not large: the second branch, then the always below

    const big = await dev.post('/api/cases', { type: 'expr-route', data: { title: '驳回', area: 5000, startDate: '2026-03-01', endDate: '2026-03-02' } });
    await dev.post(`/api/cases/${big.body.id}/events`, { event: 'SUBMIT', version: big.body.version });
    const reviewer = await app.login('reviewer1');
    const task = (await reviewer.get(`/api/cases/${big.body.id}`)).body.tasks.find((t: { status: string }) => t.status === 'open');
    const decided = await reviewer.post(`/api/tasks/${task.id}/complete`, { event: 'DECIDE', data: { pass: '否' } });
    expect(decided.body.state).toBe('rejected');
  });

  it('an always guard sees the data and the flag the same step wrote', async () => {
    const dev = await app.login('91440604MA4UJ5RW2R');
    const created = await dev.post('/api/cases', { type: 'expr-route', data: { title: '小面积', area: 80 } });
    const res = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect(res.status).toBe(200);
    // Before the fix the always guard read the data from before setData and sent the case to 未通过.
    expect(res.body.state).toBe('fast');
    expect(res.body.data.lane).toBe('快速');
    expect(res.body.flags.map((f: { code: string }) => f.code)).toContain('FAST');
  });
});

describe('the check of expression guards', () => {
  it('refuses an unknown field, an unknown state and an unknown operation, in Chinese, at the place', async () => {
    const admin = await app.login('admin');
    const workflow = fixture('workflows/expr-route.workflow.json');
    const guard = workflow.states.routing.always[0].guard.params.expr.and;
    guard[0] = { '==': [{ var: 'data.nope' }, '快速'] };
    guard[2] = { stateIn: 'nowhere' };
    guard[1] = { method: [{ var: 'data.title' }, 'toString'] };
    workflow.states.large.on.DECIDE[0].guard.params.expr.and[0] = { '==': [{ var: 'decision.missing' }, '是'] };
    const bundle = { id: 'expr-bad', schema: fixture('forms/expr-route.schema.json'), uiSchema: {}, workflow: { ...workflow, id: 'expr-bad' }, settings: fixture('types/expr-route.json'), prints: {} };
    const res = await admin.post('/api/admin/lint', bundle);
    expect(res.status).toBe(200);
    const at = (p: string) => res.body.problems.filter((x: { path: string }) => x.path === p).map((x: { message: string }) => x.message);
    const base = '/states/routing/always/0/guard/params/expr/and';
    expect(at(`${base}/0/==/0/var`)).toEqual(['表单中没有字段「nope」']);
    expect(at(`${base}/1/method`)).toEqual(['不认识的运算「method」']);
    expect(at(`${base}/2/stateIn`)).toEqual(['环节「nowhere」不存在']);
    expect(at('/states/large/on/DECIDE/0/guard/params/expr/and/0/==/0/var')).toEqual(['办理意见中没有字段「missing」']);

    const good = await admin.post('/api/admin/lint', { ...bundle, workflow: { ...fixture('workflows/expr-route.workflow.json'), id: 'expr-bad' } });
    expect(good.body.problems).toEqual([]);
  });
});

describe('the simulator', () => {
  it('walks the same guards and actions: the small area takes the fast lane, the large one waits for review', async () => {
    const admin = await app.login('admin');
    const bundle = { id: 'expr-sim', schema: fixture('forms/expr-route.schema.json'), uiSchema: {}, workflow: { ...fixture('workflows/expr-route.workflow.json'), id: 'expr-sim' }, settings: fixture('types/expr-route.json'), prints: {} };
    const small = await admin.post('/api/admin/simulate', { bundle, data: { title: '小', area: 80 }, events: [{ event: 'SUBMIT' }] });
    expect(small.status).toBe(200);
    expect(small.body.steps.map((s: { state: string }) => s.state)).toEqual(['draft', 'fast']);
    expect(small.body.steps[1].effects.map((e: { type: string }) => e.type)).toEqual(['setData', 'setFlag']);
    const large = await admin.post('/api/admin/simulate', {
      bundle, data: { title: '大', area: 3000, startDate: '2026-01-01', endDate: '2026-01-10' },
      events: [{ event: 'SUBMIT' }, { event: 'DECIDE', decision: { pass: '是' } }],
    });
    expect(large.body.steps.map((s: { state: string }) => s.state)).toEqual(['draft', 'large', 'approved']);
  });
});

describe('one vocabulary', () => {
  it('every entry has a Chinese title, a compiling parameter schema and its code', () => {
    const ajv = new Ajv({ strict: false });
    for (const [name, e] of Object.entries(GUARD_ENTRIES)) {
      expect(e.title, name).toMatch(/[\u4e00-\u9fa5]/);
      expect(() => ajv.compile(e.params as object), name).not.toThrow();
      expect(typeof e.test, name).toBe('function');
    }
    for (const [name, e] of Object.entries(ACTION_ENTRIES)) {
      expect(e.title, name).toMatch(/[\u4e00-\u9fa5]/);
      expect(() => ajv.compile(e.params as object), name).not.toThrow();
      expect(typeof (e.apply ?? e.run), name).toBe('function');
    }
    for (const [name, e] of Object.entries(RULE_ENTRIES)) {
      expect(e.title, name).toMatch(/[\u4e00-\u9fa5]/);
      expect(() => ajv.compile(e.params as object), name).not.toThrow();
      expect(typeof e.check, name).toBe('function');
    }
  });

  it('every parameter of an action or a guard has a Chinese title in its entry (the console shows no second table)', () => {
    const untitled: string[] = [];
    const walk = (schema: unknown, at: string) => {
      if (typeof schema !== 'object' || schema === null) return;
      const props = (schema as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [name, sub] of Object.entries(props)) {
        const title = (sub as { title?: unknown }).title;
        if (typeof title !== 'string' || !/[\u4e00-\u9fff]/.test(title)) untitled.push(`${at}/${name}`);
        walk(sub, `${at}/${name}`);
        walk((sub as { items?: unknown }).items, `${at}/${name}[]`);
      }
    };
    for (const [name, entry] of [...Object.entries(ACTION_ENTRIES), ...Object.entries(GUARD_ENTRIES)]) walk(entry.params, name);
    expect(untitled).toEqual([]);
    expect(fs.existsSync(path.join(ROOT_DIR, 'renderer/src/admin/workflow/paramTitles.ts'))
      && /const TITLES/.test(fs.readFileSync(path.join(ROOT_DIR, 'renderer/src/admin/workflow/paramTitles.ts'), 'utf8'))).toBe(false);
  });

  it('every rule is the default export of its own file in engine/vocabulary/rules, and every such file is a rule', async () => {
    const dir = path.join(ROOT_DIR, 'engine/vocabulary/rules');
    const byFile = new Map<unknown, string>();
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'index.ts')) {
      const mod = await import(path.join(dir, f)) as { default?: unknown };
      if (mod.default !== undefined) byFile.set(mod.default, f);
    }
    const files = Object.entries(RULE_ENTRIES).map(([name, e]) => [name, byFile.get(e)]);
    expect(files.filter(([, f]) => f === undefined)).toEqual([]);
    expect(new Set(files.map(([, f]) => f)).size).toBe(byFile.size);
    expect(byFile.size).toBe(30);
  });

  it('GET /api/vocabulary lists the same entries, and keeps what the console read before', async () => {
    const dev = await app.login('admin');
    const res = await dev.get('/api/vocabulary');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['roles', 'scopes', 'guards', 'actions', 'rules', 'decisionForms', 'registers', 'expression']));
    expect(Object.keys(res.body.guards).sort()).toEqual(Object.keys(GUARD_ENTRIES).sort());
    expect(Object.keys(res.body.actions).sort()).toEqual(Object.keys(ACTION_ENTRIES).sort());
    expect(res.body.guards.expr.title).toBe(GUARD_ENTRIES.expr.title);
    expect(res.body.actions.setData.params).toEqual(ACTION_ENTRIES.setData.params);
    expect(res.body.expression.operators).toContain('stateIn');
  });

  it('engine/ has no import cycle', () => {
    expect(importCycles(path.join(ROOT_DIR, 'engine'))).toEqual([]);
  });
});
