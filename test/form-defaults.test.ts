// The server fills in schema defaults as the browser's form does (rjsf's getDefaultFormState with
// the same setting), so an API client that leaves out a field with a default is accepted like a
// person in the browser; what was typed is never replaced, also in a draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './helpers/app.js';
import { corpusBundle, loadCorpus } from './helpers/form-corpus.js';

const fixture = loadCorpus().find((f) => f.file.endsWith('-defaults.json'))!;
let app: TestApp;
let dev: Client;

beforeAll(async () => {
  app = await startTestApp();
  const admin = await app.login('admin');
  expect((await admin.post(`/api/admin/types/${fixture.id}/publish`, corpusBundle(fixture))).status).toBe(200);
  dev = await app.login('91440604MA4UJ5RW2R');
});
afterAll(async () => { await app?.close(); });

describe('服务器按表单的默认值补全数据（与浏览器一致）', () => {
  it('新建时未填写的字段取默认值，提交通过', async () => {
    const created = await dev.post('/api/cases', { type: fixture.id, data: { name: '只填名称' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const stored = (await dev.get(`/api/cases/${created.body.id}`)).body;
    expect(stored.data).toEqual({ name: '只填名称', city: '佛山市', copies: 2, urgent: false });
    const submitted = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: stored.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  });

  it('草稿保留填写的值，提交时带的数据也补全默认值', async () => {
    const created = await dev.post('/api/cases', { type: fixture.id, data: { name: '草稿', city: '广州市', copies: 5 } });
    const id = created.body.id;
    const draft = (await dev.get(`/api/cases/${id}`)).body;
    expect(draft.data).toMatchObject({ city: '广州市', copies: 5, urgent: false });
    const saved = await dev.patch(`/api/cases/${id}`, { data: { name: '草稿二', urgent: true }, version: draft.version });
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
    const after = (await dev.get(`/api/cases/${id}`)).body;
    expect(after.data).toEqual({ name: '草稿二', urgent: true, city: '佛山市', copies: 2 });
    const submitted = await dev.post(`/api/cases/${id}/events`, { event: 'SUBMIT', data: { name: '提交' }, version: after.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect((await dev.get(`/api/cases/${id}`)).body.data).toEqual({ name: '提交', city: '佛山市', copies: 2, urgent: false });
  });
});
