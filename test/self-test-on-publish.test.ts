// The form self-test decides when a type is published, not on every draft save: a form whose
// example the server refuses and the browser's validator takes (a field named "constructor", a
// key the server never accepts in data) saves as a draft without a self-test problem, and its
// publication is refused with the self-test's problem at that field. Nothing is published.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';

const v1 = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/bundles/renovation-filing.bundle.json'), 'utf8')).versions[0];

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('表单自检在发布时进行', () => {
  it('a draft save skips it; publishing runs it and refuses the disagreement', async () => {
    const admin = await app.login('admin');
    const schema = structuredClone(v1.schema);
    Object.defineProperty(schema.properties, 'constructor', { value: { type: 'string', title: '备注' }, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(schema.examples[0], 'constructor', { value: '无', enumerable: true, writable: true, configurable: true });
    const bundle = { schema, uiSchema: v1.uiSchema, workflow: v1.workflow, settings: v1.settings, prints: v1.prints };

    const saved = await admin.request('PUT', '/api/admin/types/self-test-type/draft', bundle);
    expect(saved.status).toBe(200);
    expect(saved.body.problems.filter((p: { message: string }) => p.message.startsWith('自检'))).toEqual([]);

    const published = await admin.post('/api/admin/types/self-test-type/publish', {});
    expect(published.status).toBeGreaterThanOrEqual(400);
    const problems = published.body.error.details as Array<{ path: string; message: string }>;
    expect(problems.find((p) => p.message.startsWith('自检'))).toMatchObject({ path: '/constructor', message: expect.stringContaining('服务器拒绝而浏览器接受') });
    const listed = (await admin.get('/api/admin/types')).body.items.find((t: { id: string }) => t.id === 'self-test-type');
    expect(listed?.currentVersion ?? null, 'still a draft, no version').toBeNull();
  });
});
