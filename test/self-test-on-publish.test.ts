// The form self-test decides when a type is published, not on every draft save: a form whose
// example the server refuses and the browser's validator takes (a field named "constructor", a
// key the server never accepts in data) saves as a draft without a self-test problem, and its
// publication is refused with the self-test's problem at that field. Nothing is published.
// The console's check asks for the same self-test (POST /api/admin/lint with selfTest) and reports
// exactly what publishing refuses, so ✓ 检查通过 before publishing means the self-test passes; its
// problem list names the field by its title.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import { formFieldOf, placeProblems } from '../renderer/src/admin/lint.js';
import { placeText } from '../renderer/src/admin/ProblemList.js';

const v1 = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/bundles/renovation-filing.bundle.json'), 'utf8')).versions[0];

type Problem = { file: string; path: string; message: string };
const selfTestOnly = (problems: Problem[]) => problems.filter((p) => p.message.startsWith('自检'));

/** 装修备案 with a field named "constructor": the browser's validator takes it, the server does not. */
function disagreeingBundle() {
  const schema = structuredClone(v1.schema);
  Object.defineProperty(schema.properties, 'constructor', { value: { type: 'string', title: '备注' }, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(schema.examples[0], 'constructor', { value: '无', enumerable: true, writable: true, configurable: true });
  return { schema, uiSchema: v1.uiSchema, workflow: v1.workflow, settings: v1.settings, prints: v1.prints };
}

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('表单自检在发布时进行', () => {
  it('a draft save skips it; publishing runs it and refuses the disagreement', async () => {
    const admin = await app.login('admin');
    const bundle = disagreeingBundle();

    const saved = await admin.request('PUT', '/api/admin/types/self-test-type/draft', bundle);
    expect(saved.status).toBe(200);
    expect(selfTestOnly(saved.body.problems)).toEqual([]);

    const published = await admin.post('/api/admin/types/self-test-type/publish', {});
    expect(published.status).toBeGreaterThanOrEqual(400);
    const problems = published.body.error.details as Problem[];
    expect(problems.find((p) => p.message.startsWith('自检'))).toMatchObject({ path: '/constructor', message: expect.stringContaining('服务器拒绝而浏览器接受') });
    const listed = (await admin.get('/api/admin/types')).body.items.find((t: { id: string }) => t.id === 'self-test-type');
    expect(listed?.currentVersion ?? null, 'still a draft, no version').toBeNull();
  });

  it('the console check with the self-test reports exactly the problems publishing refuses', async () => {
    const admin = await app.login('admin');
    const bundle = disagreeingBundle();

    // Without the option the check stays as it was (quick, no self-test).
    const plain = await admin.post('/api/admin/lint', { id: 'self-test-check', ...bundle });
    expect(plain.status).toBe(200);
    expect(selfTestOnly(plain.body.problems)).toEqual([]);

    const checked = await admin.post('/api/admin/lint', { id: 'self-test-check', ...bundle, selfTest: true });
    expect(checked.status).toBe(200);
    const found = selfTestOnly(checked.body.problems);
    expect(found[0]).toMatchObject({ file: 'self-test-check#schema', path: '/constructor', message: expect.stringContaining('服务器拒绝而浏览器接受') });

    // The console's problem list says it in plain Chinese, at the field's title, next to the field.
    const [shown] = placeProblems(found, bundle.schema);
    expect(shown.text).toMatch(/^表单自检未通过：用第 \d+ 组样例数据试填，页面上检查通过，服务器却不接受（不允许的字段名），申请人将无法提交。/);
    expect(placeText(shown)).toBe('表单 › 「备注」');
    expect(formFieldOf(shown)).toBe('constructor');

    const published = await admin.post('/api/admin/types/self-test-check/publish', bundle);
    expect(published.status).toBeGreaterThanOrEqual(400);
    expect(published.body.error.details).toEqual(checked.body.problems);

    // The same type without the disagreement: the check passes, and so does publishing.
    const fine = { ...bundle, schema: v1.schema };
    expect((await admin.post('/api/admin/lint', { id: 'self-test-check', ...fine, selfTest: true })).body.problems).toEqual([]);
    expect((await admin.post('/api/admin/types/self-test-check/publish', fine)).status).toBe(200);
  });
});
