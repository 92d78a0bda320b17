// An attachment list limited to some kinds of file (ui:options.accept, set in the field editor as
// 允许的文件类型) is checked by the server when the file is linked to the case, by the type its
// bytes were sniffed as at upload — not only by the browser's file picker.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tinyPdf, type Client, type TestApp } from './helpers/app.js';
import { DEVELOPER } from './helpers/filings.js';
import { collectAttachments } from '../engine/runtime/attachments.js';

const v1 = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/bundles/renovation-filing.bundle.json'), 'utf8')).versions[0];
const TYPE = 'attachment-types-filing';
/** The PNG signature and a header: enough for the upload's sniffing. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0', 'latin1')]);

let app: TestApp;
let dev: Client;

beforeAll(async () => {
  app = await startTestApp();
  const admin = await app.login('admin');
  const schema = structuredClone(v1.schema);
  schema.properties.plans = { type: 'array', title: '施工图纸', items: { type: 'string', format: 'attachment' } };
  const bundle = { schema, uiSchema: { ...v1.uiSchema, plans: { 'ui:options': { accept: ['pdf'] } } }, workflow: v1.workflow, settings: v1.settings, prints: v1.prints };
  expect((await admin.request('PUT', `/api/admin/types/${TYPE}/draft`, bundle)).status).toBe(200);
  const published = await admin.post(`/api/admin/types/${TYPE}/publish`, {});
  expect(published.status, JSON.stringify(published.body)).toBeLessThan(300);
  dev = await app.login(DEVELOPER);
});
afterAll(async () => { await app?.close(); });

describe('附件的允许文件类型', () => {
  it('the attachments of the data carry their field and the kinds of file allowed there', () => {
    const schema = { type: 'object', properties: { plans: { type: 'array', items: { type: 'string', format: 'attachment' } }, other: { type: 'array', items: { type: 'string', format: 'attachment' } } } };
    expect(collectAttachments(schema, { plans: ['a', 'b'], other: ['c'] }, { plans: { 'ui:options': { accept: ['pdf'] } } })).toEqual([
      { id: 'a', field: '/plans/0', accept: ['pdf'] }, { id: 'b', field: '/plans/1', accept: ['pdf'] }, { id: 'c', field: '/other/0' },
    ]);
  });

  it('a picture is refused where only PDF is allowed; a PDF is taken', async () => {
    const png = await dev.upload('图纸.png', PNG, 'image/png');
    expect(png.status, JSON.stringify(png.body)).toBe(201);
    const pdf = await dev.upload('图纸.pdf', tinyPdf());
    expect(pdf.status).toBe(201);
    const data = { ...structuredClone(v1.schema.examples[0]), district: '440604' };

    const refused = await dev.post('/api/cases', { type: TYPE, data: { ...data, plans: [png.body.id] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: '/plans/0', message: '此处只能上传 PDF 文件' })]);

    const taken = await dev.post('/api/cases', { type: TYPE, data: { ...data, plans: [pdf.body.id] } });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    // Without attachments the limit asks nothing.
    expect((await dev.post('/api/cases', { type: TYPE, data: { ...data, plans: [] } })).status).toBe(201);
  });
});
