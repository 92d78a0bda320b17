// 机构注册 with its 要件: the licence scan is uploaded before the account exists, bound to the
// registration attempt by a ticket. Registration takes only the attempt's own files, gives them to
// the new account, and refuses ids of other attempts, of logged-in uploads or of nothing, naming
// the field and writing nothing. Uploads stay sniffed; an attempt left unfinished is swept.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, startTestApp, tinyPdf, type Client, type Res, type TestApp } from './helpers/app.js';
import companyForm from '../forms/register-company.schema.json';

const PASSWORD = 'Fangguan#2026';
let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const newTicket = () => randomBytes(24).toString('base64url');

async function anonymousUpload(c: Client, ticket: string | undefined, name: string, content: Buffer | string, type = 'application/pdf'): Promise<Res> {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), name);
  return c.request('POST', '/api/public/registration-files', form, ticket ? { 'x-registration-ticket': ticket } : {});
}

// Valid GB 32100 codes: 91440605MA7Q8R9T5J is registration.test.ts's; these two are this file's own.
const company = (uscc: string, fields: Record<string, unknown> = {}) =>
  ({ orgType: 'company', password: PASSWORD, agreementAccepted: true, ...example(companyForm), uscc, ...fields });

describe('机构注册上传要件', () => {
  it('uploads the licence without a session, registers with it, and the new account owns the file', async () => {
    const browser = app.client();
    const ticket = newTicket();
    const up = await anonymousUpload(browser, ticket, '营业执照.pdf', tinyPdf('营业执照'));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ name: '营业执照.pdf', mime: 'application/pdf', ticket });
    // Without an account the file cannot be downloaded by anyone.
    expect((await browser.get(`/api/files/${up.body.id}`)).status).toBe(401);

    const code = '91440605MA51N2XWXY';
    const res = await browser.post('/api/auth/register', company(code, { licenseScan: [up.body.id], uploadTicket: ticket }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.org.data.licenseScan).toEqual([up.body.id]);
    const own = await app.login(code, PASSWORD);
    const download = await own.get(`/api/files/${up.body.id}`);
    expect(download.status).toBe(200);
    expect(String(download.body)).toContain('营业执照');
    // Claimed: the ticket no longer lends the file to another registration.
    const again = await app.client().post('/api/auth/register', company('91440605MA5CLBHR0U', { licenseScan: [up.body.id], uploadTicket: ticket }));
    expect(again.status).toBe(400);
  });

  it('refuses files of another attempt, of a logged-in user or of nothing, names the field and writes nothing', async () => {
    const mine = newTicket();
    const other = await anonymousUpload(app.client(), newTicket(), '别人的执照.pdf', tinyPdf('别人'));
    expect(other.status).toBe(201);
    const dev = await app.login('91440604MA4UJ5RW2R');
    const logged = await dev.upload('内部文件.pdf', tinyPdf('内部'));
    expect(logged.status).toBe(201);
    const code = '91440605MA5CLBHR0U';
    for (const id of [other.body.id, logged.body.id, '00000000-0000-4000-8000-000000000099']) {
      const res = await app.client().post('/api/auth/register', company(code, { licenseScan: [id], uploadTicket: mine }));
      expect(res.status).toBe(400);
      const d = res.body.error.details.find((x: { field: string }) => x.field === '/licenseScan/0');
      expect(d.message).toBe('「营业执照（或登记证书）扫描件」第 1 个文件不存在或已过期，请重新上传');
    }
    expect((await app.client().post('/api/auth/login', { username: code, password: PASSWORD })).status).toBe(401);
  });

  it('sniffs what is uploaded and limits the files of one attempt', async () => {
    const page = await anonymousUpload(app.client(), newTicket(), '执照.pdf', '<html><script>alert(1)</script></html>', 'application/pdf');
    expect(page.status).toBe(415);
    const ticket = newTicket();
    for (let i = 0; i < 10; i++) expect((await anonymousUpload(app.client(), ticket, `页${i}.pdf`, tinyPdf(`页${i}`))).status).toBe(201);
    const eleventh = await anonymousUpload(app.client(), ticket, '页10.pdf', tinyPdf('页10'));
    expect(eleventh.status).toBe(422);
    expect(eleventh.body.error.message).toContain('最多上传 10 个文件');
  });

  it('deletes the files of attempts left unfinished for more than two hours', async () => {
    const ticket = newTicket();
    const up = await anonymousUpload(app.client(), ticket, '过期.pdf', tinyPdf('过期的扫描件'));
    expect(up.status).toBe(201);
    const { RegistrationUpload, File, Blob } = app.engine.db.models;
    await RegistrationUpload.update({ createdAt: new Date(Date.now() - 3 * 3_600_000) }, { where: { fileId: up.body.id } });
    // The next anonymous upload sweeps.
    expect((await anonymousUpload(app.client(), newTicket(), '新.pdf', tinyPdf('新'))).status).toBe(201);
    expect(await File.findByPk(up.body.id)).toBeNull();
    expect(await RegistrationUpload.findByPk(up.body.id)).toBeNull();
    expect(await Blob.findByPk(up.body.sha256)).toBeNull();
    const res = await app.client().post('/api/auth/register', company('91440605MA5CLBHR0U', { licenseScan: [up.body.id], uploadTicket: ticket }));
    expect(res.status).toBe(400);
  });
});
