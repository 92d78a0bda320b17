// The form corpus through the admin API: every shape either passes the check, is published and
// takes a case that the server accepts on submission, or is refused by the check at the place and
// with the Chinese sentence the fixture names. The same shapes are driven in Chromium in
// test/e2e/form-corpus.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tinyPdf, type Client, type TestApp } from './helpers/app.js';
import { corpusBundle, exampleWithFiles, loadCorpus } from './helpers/form-corpus.js';

const corpus = loadCorpus();
let app: TestApp;
let admin: Client;
let dev: Client;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login('admin');
  dev = await app.login('91440604MA4UJ5RW2R');
});
afterAll(async () => { await app?.close(); });

describe('表单样例库：检查通过的都能用，检查拒绝的都说清楚', () => {
  it('至少 30 种表单形状，可用与被拒绝的都有', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(corpus.filter((f) => f.refused).length).toBeGreaterThanOrEqual(8);
  });

  for (const f of corpus) {
    if (f.refused) {
      it(`${f.title}：检查拒绝并指出位置`, async () => {
        const saved = await admin.request('PUT', `/api/admin/types/${f.id}/draft`, corpusBundle(f));
        expect(saved.status).toBe(200);
        const mine = (saved.body.problems as Array<{ file: string; path: string; message: string }>).filter((p) => p.file.endsWith(`#${f.refused!.part}`));
        expect(mine, JSON.stringify(saved.body.problems)).toContainEqual(expect.objectContaining({ path: f.refused!.path, message: expect.stringContaining(f.refused!.includes) }));
        const published = await admin.post(`/api/admin/types/${f.id}/publish`, {});
        expect(published.status).toBe(422);
        expect(published.body.error.code).toBe('DEF_INVALID');
      });
    } else {
      it(`${f.title}：检查通过、发布、申请人提交被受理`, async () => {
        const saved = await admin.request('PUT', `/api/admin/types/${f.id}/draft`, corpusBundle(f));
        expect(saved.body.problems).toEqual([]);
        expect((await admin.post(`/api/admin/types/${f.id}/publish`, {})).status).toBe(200);
        const data = await exampleWithFiles(f, async () => (await dev.upload('材料.pdf', tinyPdf())).body.id);
        const created = await dev.post('/api/cases', { type: f.id, data });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const submitted = await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
        expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      });
    }
  }
});
