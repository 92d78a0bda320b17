// 打印模板预览 in the console: a draft's template rendered on the example data (no case, nothing
// stored), as HTML and as the same A4 PDF a real print makes; a broken template is the admin's
// definition problem (422, naming the template), not a server error; only admins may preview.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';

const v1 = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/bundles/renovation-filing.bundle.json'), 'utf8')).versions[0];
const hasChromium = fs.existsSync(process.env.BEIAN_CHROMIUM || '/usr/bin/chromium');
const bundle = {
  ...v1,
  prints: {
    application: '{{> header}}<p>房号：{{data.room}}</p><p>受理意见：{{events.ACCEPT.opinion}}</p><p>{{districtName data.district}}</p>{{#each data.workers}}<p>{{name}}</p>{{/each}}',
  },
};
let app: TestApp;

beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('打印模板预览', () => {
  it('renders a draft template on the example data with a sample business number and opinions', async () => {
    const admin = await app.login('admin');
    const res = await admin.post('/api/admin/print-preview', { bundle, template: 'application', format: 'html' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const s of ['装修备案申请表', 'ZXBA-', '1栋1单元101', '（示例）受理意见', '禅城区', '李娜']) expect(res.body).toContain(s);

    const other = await admin.post('/api/admin/print-preview', { bundle, template: 'application', data: { ...v1.schema.examples[0], room: '9栋9单元909' } });
    expect(other.body).toContain('9栋9单元909');
  });

  it.skipIf(!hasChromium)('makes the same A4 PDF as a real print', async () => {
    const admin = await app.login('admin');
    const res = await admin.post('/api/admin/print-preview', { bundle, template: 'application', format: 'pdf' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('a template naming a field the data lacks is a definition problem naming the template', async () => {
    const admin = await app.login('admin');
    const res = await admin.post('/api/admin/print-preview', { bundle: { ...bundle, prints: { application: '<p>{{data.nothing}}</p>' } }, template: 'application' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('DEF_INVALID');
    expect(res.body.error.details[0]).toMatchObject({ file: 'renovation-filing#prints/application', path: '/' });
    expect((await admin.post('/api/admin/print-preview', { bundle, template: 'certificate' })).status).toBe(404);
  });

  it('only administrators may preview (others 403 before the body is read, anonymous 401)', async () => {
    for (const user of ['clerk1', 'reviewer1', '91440604MA4UJ5RW2R']) {
      expect((await (await app.login(user)).post('/api/admin/print-preview', {})).status).toBe(403);
    }
    expect((await app.client().post('/api/admin/print-preview', { bundle, template: 'application' })).status).toBe(401);
  });
});
