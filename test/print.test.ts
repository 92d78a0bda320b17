// 打印：every print template of every type that has templates is rendered for a real case (made
// from the form's example, driven to a state where that print is allowed) to HTML and to a PDF
// by Chromium; the PDF's text holds the business number, the issuing department and the case's
// values. Whatever an applicant typed prints as text, never as markup. Only those who may see the
// case may print it; without Chromium the server still runs and says PDF is unavailable.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { startTestApp, type Client, type TestApp } from './helpers/app.js';
import { driveTo, withUploads } from './helpers/drive.js';
import { printPool } from '../engine/print/index.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

const XSS = '<script>alert(1)</script>{{constructor}}';
const hasPdftotext = (() => { try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();
const hasChromium = fs.existsSync(process.env.BEIAN_CHROMIUM || '/usr/bin/chromium');

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const squash = (s: string) => s.replace(/\s+/g, '');
const unescapeHtml = (s: string) => s.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&amp;/g, '&');

/** Chinese text values of the case data (the ones worth finding in a print). */
function chineseValues(data: unknown, out: string[] = []): string[] {
  if (typeof data === 'string' && /[\u4e00-\u9fff]/.test(data) && data.length >= 2) out.push(data);
  else if (Array.isArray(data)) data.forEach((x) => chineseValues(x, out));
  else if (data && typeof data === 'object') Object.values(data).forEach((x) => chineseValues(x, out));
  return out;
}

/** The states a print is allowed in: its settings, or every state that is not editable. */
function allowedStates(type: Json, name: string): string[] {
  const states = type.settings.prints?.[name]?.states;
  if (states) return states;
  return Object.entries<Json>(type.workflow.states).filter(([, s]) => !s.meta?.editable).map(([k]) => k);
}

async function applicantFor(type: Json): Promise<Client> {
  const users = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'seed', 'accounts.json'), 'utf8')).users as Json[];
  const user = users.find((u) => type.settings.starters.includes(u.role));
  return app.login(user!.username);
}

/**
 * Where the applicant types markup: the case title when the server keeps it as typed and the rules
 * accept it (not a name copied from the organisation or checked against a register), else 备注.
 */
async function markupField(type: Json, applicant: Client): Promise<string | undefined> {
  const props = type.schema.properties ?? {};
  const title = type.settings.titleField?.slice(1) as string | undefined;
  if (title && props[title]?.type === 'string') {
    const check = await applicant.post(`/api/types/${type.id}/check`, { data: { ...structuredClone(type.schema.examples[0]), [title]: XSS } });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    if (check.body.data?.[title] === XSS && !check.body.errors.some((e: Json) => e.field === `/${title}`)) return title;
  }
  return props.remarks?.type === 'string' ? 'remarks' : undefined;
}

async function newCase(type: Json, applicant: Client, field?: string): Promise<Json> {
  const data = (await withUploads(applicant, type.schema, structuredClone(type.schema.examples[0]))) as Json;
  // The applicant types markup into a text field; it must print as text.
  if (field) data[field] = XSS;
  const res = await applicant.post('/api/cases', { type: type.id, data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('打印模板', () => {
  it('every template of every type prints to HTML and to a PDF with the number, the department and the values', async () => {
    const admin = await app.login('admin');
    const ids: string[] = (await admin.get('/api/types')).body.items.map((t: Json) => t.id);
    let printed = 0;
    let templates = 0;
    for (const id of ids) {
      const type = (await admin.get(`/api/types/${id}`)).body;
      if (!type.prints?.length) continue;
      templates += type.prints.length;
      const applicant = await applicantFor(type);
      const field = await markupField(type, applicant);
      let markupShown = false;
      let current = await newCase(type, applicant, field);
      for (const name of [...type.prints].sort((a: string, b: string) => allowedStates(type, b).length - allowedStates(type, a).length)) {
        const targets = allowedStates(type, name);
        if (!(await driveTo(app, applicant, current.id, type.workflow, targets))) {
          current = await newCase(type, applicant, field);
          expect(await driveTo(app, applicant, current.id, type.workflow, targets), `${id}.${name}: no way to ${targets}`).toBe(true);
        }
        const view = (await applicant.get(`/api/cases/${current.id}`)).body;

        const html = await applicant.get(`/api/cases/${current.id}/print/${name}?format=html`);
        expect(html.status, `${id}.${name} ${JSON.stringify(html.body).slice(0, 300)}`).toBe(200);
        expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
        const text = unescapeHtml(html.body as string);
        expect(text).toContain(view.number);
        // Markup typed by an applicant is escaped, and {{…}} is not evaluated (checked on the
        // prints that show that field; at least one of the type's prints must).
        expect(html.body).not.toContain('<script>alert(1)');
        const showsMarkup = !!field && (html.body as string).includes('&lt;script&gt;alert(1)&lt;/script&gt;{{constructor}}');
        markupShown ||= showsMarkup;
        const values = chineseValues(view.data).filter((v) => squash(text).includes(squash(v)));
        expect(values.length, `${id}.${name} shows the case's values`).toBeGreaterThanOrEqual(3);

        if (!hasChromium || !hasPdftotext) continue;
        const pdf = await applicant.get(`/api/cases/${current.id}/print/${name}`);
        expect(pdf.status, `${id}.${name} ${String(pdf.body).slice(0, 300)}`).toBe(200);
        expect(pdf.headers.get('content-type')).toBe('application/pdf');
        const body = pdf.body as Buffer;
        expect(body.subarray(0, 5).toString()).toBe('%PDF-');
        // PRINT_TEST_OUT=/some/dir keeps every PDF for a look (pdftoppm -png -r 60 …).
        if (process.env.PRINT_TEST_OUT) fs.writeFileSync(path.join(process.env.PRINT_TEST_OUT, `${id}.${name}.pdf`), body);
        const pdfTextSquashed = squash(pdfText(body));
        expect(pdfTextSquashed).toContain(view.number);
        expect(pdfTextSquashed).toMatch(/第1页共\d+页/); // page numbers from Chromium's footer
        const districtName = (await admin.get('/api/districts')).body.items.find((d: Json) => d.code === view.district)?.name;
        if (districtName) expect(pdfTextSquashed).toContain(`${districtName}住房和城乡建设局`);
        for (const v of values) expect(pdfTextSquashed, `${id}.${name}: ${v}`).toContain(squash(v));
        if (showsMarkup) expect(pdfTextSquashed).toContain(squash(XSS));
        printed++;
      }
      if (field) expect(markupShown, `${id}: no print shows the 「${field}」 typed by the applicant`).toBe(true);
    }
    expect(templates).toBeGreaterThanOrEqual(20); // the filings' 申请表, 受理通知书 and 备案证明 at least
    if (hasChromium && hasPdftotext) expect(printed).toBe(templates);
    else console.warn('打印测试：未安装 Chromium 或 pdftotext，只检查了 HTML（运行 scripts/install-system-deps.sh）');
  }, 300_000); // some twenty cases driven through their workflows and printed, one PDF at a time

  it('only those who may see the case may print it; prints are refused in states they do not belong to', async () => {
    const dev = await app.login('91440604MA4UJ5RW2R');
    const type = (await dev.get('/api/types/area-filing')).body;
    const data = (await withUploads(dev, type.schema, structuredClone(type.schema.examples[0]))) as Json;
    const created = (await dev.post('/api/cases', { type: 'area-filing', data: { ...data, projectName: '打印权限测试小区' } })).body;
    // A draft is not printed: the data may still be incomplete.
    const draft = await dev.get(`/api/cases/${created.id}/print/application?format=html`);
    expect(draft.status).toBe(409);
    expect(draft.body.error.code).toBe('PRINT_NOT_AVAILABLE');
    // The case view offers only the prints its state allows, so pages show no button that fails…
    expect((await dev.get(`/api/cases/${created.id}`)).body.prints).toEqual([]);
    // …and a browser tab that opens one anyway gets a page in words, not the API's JSON.
    const tab = await dev.request('GET', `/api/cases/${created.id}/print/application`, undefined, { accept: 'text/html,application/xhtml+xml' });
    expect(tab.status).toBe(409);
    expect(tab.headers.get('content-type')).toMatch(/^text\/html/);
    expect(String(tab.body)).toContain('无法打印');
    expect(String(tab.body)).not.toContain('PRINT_NOT_AVAILABLE');
    await driveTo(app, dev, created.id, type.workflow, ['submitted']);
    expect((await dev.get(`/api/cases/${created.id}/print/application?format=html`)).status).toBe(200);
    expect((await dev.get(`/api/cases/${created.id}`)).body.prints.map((p: { name: string }) => p.name)).toEqual(['application']);
    // The certificate exists only once approved.
    const early = await dev.get(`/api/cases/${created.id}/print/certificate?format=html`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('物业区域备案证明');
    // The clerk of the case's district may print; another district's clerk and strangers get 404.
    expect((await (await app.login('clerk1')).get(`/api/cases/${created.id}/print/application?format=html`)).status).toBe(200);
    const other = await (await app.login('clerk2')).get(`/api/cases/${created.id}/print/application`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect((await (await app.login('91440604MA51C3XK4K')).get(`/api/cases/${created.id}/print/application?format=html`)).status).toBe(404);
    expect((await app.client().get(`/api/cases/${created.id}/print/application`)).status).toBe(401);
    expect((await dev.get(`/api/cases/${created.id}/print/no-such-print?format=html`)).status).toBe(404);
  });
});

describe('打印：浏览器', () => {
  it('one browser serves every PDF, and a browser that dies is started again on the next PDF', async () => {
    if (!hasChromium) return;
    const dev = await app.login('91440604MA4UJ5RW2R');
    const type = (await dev.get('/api/types/area-filing')).body;
    const created = await newCaseOn(app, dev, { ...type, schema: { ...type.schema, examples: [{ ...type.schema.examples[0], projectName: '浏览器重启测试小区' }] } });
    await driveTo(app, dev, created.id, type.workflow, ['submitted']);
    const url = `/api/cases/${created.id}/print/application`;
    const both = await Promise.all([dev.get(url), dev.get(url)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const pool = printPool(app.engine);
    const pid = pool.pid;
    expect(pid).toBeTruthy();
    expect((await dev.get(url)).status).toBe(200);
    expect(pool.pid).toBe(pid);
    process.kill(pid!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    const again = await dev.get(url);
    expect(again.status).toBe(200);
    expect(pool.pid).toBeTruthy();
    expect(pool.pid).not.toBe(pid);
    expect((await app.client().get('/api/health')).body.pdf).toBe('ready');
  });
});

describe('打印：没有 Chromium 时', () => {
  let bare: TestApp;
  beforeAll(async () => { bare = await startTestApp({ chromiumPath: '/nonexistent/chromium' }); });
  afterAll(async () => { await bare?.close(); });

  it('the server runs, /api/health says PDF is unavailable, PDF answers 503 with the reason and HTML still prints', async () => {
    const health = await bare.client().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.pdf).toBe('unavailable');
    const dev = await bare.login('91440604MA4UJ5RW2R');
    const type = (await dev.get('/api/types/area-filing')).body;
    const created = await newCaseOn(bare, dev, type);
    await driveTo(bare, dev, created.id, type.workflow, ['submitted']);
    const pdf = await dev.get(`/api/cases/${created.id}/print/application`);
    expect(pdf.status).toBe(503);
    expect(pdf.body.error.code).toBe('PDF_UNAVAILABLE');
    expect(pdf.body.error.message).toContain('Chromium');
    expect((await dev.get(`/api/cases/${created.id}/print/application?format=html`)).status).toBe(200);
  });
});

async function newCaseOn(on: TestApp, c: Client, type: Json): Promise<Json> {
  const data = (await withUploads(c, type.schema, structuredClone(type.schema.examples[0]))) as Json;
  const res = await c.post('/api/cases', { type: type.id, data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  void on;
  return res.body;
}
