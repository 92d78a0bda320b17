// Hostile input: what an attacker (or an unlucky user) sends is refused with a clear error and
// nothing is written — zip bombs and million-row workbooks, HTML dressed as a PDF, path traversal
// in file names, oversized and deeply nested bodies, prototype-pollution keys, script and Handlebars
// in every printed field, forged and expired sessions, cross-site writes, password guessing, and
// admin definitions naming helpers or actions that do not exist.
// Over 400 lines because it is the one catalogue of issue 8's hostile inputs, one short case each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Client, example, startTestApp, tinyPdf, type Res, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { makeZip, uploadXlsx, XLSX_PARTS } from './helpers/xlsx.js';
import { DEVELOPER, taskOf, uploadThree } from './helpers/filings.js';
import areaSchema from '../forms/area-filing.schema.json';
import renovation from './fixtures/bundles/renovation-filing.bundle.json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc
const UPLOAD_LIMIT = 1024 * 1024;
const BODY_LIMIT = 2 * 1024 * 1024;
const HOUSE_HEADERS = ['*楼栋', '*单元', '*楼层', '*房号', '*建筑面积（㎡）', '*房屋用途', '*交付日期'];

let app: TestApp;
let dev: Client;
let clerk: Client;

beforeAll(async () => {
  // The tests speak as a proxy on this machine would, so the operator's setting trusts loopback.
  app = await startTestApp({ rootDir: makeFixtureRoot('excel-roll', 'load-filing'), uploadLimitBytes: UPLOAD_LIMIT, bodyLimitBytes: BODY_LIMIT, trustProxy: 'loopback' });
  [dev, clerk] = await Promise.all([app.login(DEVELOPER), app.login('clerk1')]);
});
afterAll(async () => { await app?.close(); });

/** Row counts of every table a refused request could have written to. */
async function footprint() {
  const m = app.engine.db.models;
  const tables = { Case: m.Case, CaseEvent: m.CaseEvent, Task: m.Task, File: m.File, Blob: m.Blob, CaseFile: m.CaseFile, ImportJob: m.ImportJob, Org: m.Org, User: m.User, TypeVersion: m.TypeVersion, TypeDraft: m.TypeDraft, RegisterEntry: m.RegisterEntry };
  return Object.fromEntries(await Promise.all(Object.entries(tables).map(async ([k, model]) => [k, await model.count()])));
}

/** Runs `act` and checks that nothing was written meanwhile. */
async function writesNothing<T>(act: () => Promise<T>): Promise<T> {
  const before = await footprint();
  const result = await act();
  expect(await footprint(), 'nothing was written').toEqual(before);
  return result;
}

function refused(res: Res, status: number, code: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  if (message) expect(res.body.error.message).toMatch(message);
}

/** A raw request: a body string sent as is (for JSON no client would produce). */
async function raw(c: Client, method: string, url: string, body: string | Buffer | ReadableStream, headers: Record<string, string> = {}): Promise<Res> {
  const res = await fetch(c.base + url, {
    method, body, headers: { 'content-type': 'application/json', ...(c.cookie ? { cookie: c.cookie } : {}), ...headers },
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text(), headers: res.headers };
}

async function loadDraft(title = '恶意输入测试'): Promise<Json> {
  const res = await dev.post('/api/cases', { type: 'load-filing', data: { title, district: '440604' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function loadSubmitted(title: string): Promise<{ c: Json; task: Json }> {
  const draft = await loadDraft(title);
  const sub = await dev.post(`/api/cases/${draft.id}/events`, { event: 'SUBMIT', version: draft.version });
  expect(sub.status).toBe(200);
  return { c: sub.body, task: await taskOf(clerk, sub.body.number) };
}

describe('恶意的 Excel 文件', () => {
  it('a zip bomb .xlsx (a few hundred KB that inflate to 150 MB) is refused before it is parsed', async () => {
    const draft = (await dev.post('/api/cases', { type: 'house-roll', data: { projectName: '炸弹测试小区', district: '440604' } })).body;
    const sheet = Buffer.concat([Buffer.from('<worksheet><sheetData>'), Buffer.alloc(150 * 1024 * 1024, 0x20), Buffer.from('</sheetData></worksheet>')]);
    const bomb = makeZip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheet }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    // The same bomb lying about its size (declares 1 MB): caught while inflating, by counting.
    const liar = makeZip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheet, declare: 1024 * 1024 }]);
    await writesNothing(async () => {
      refused(await uploadXlsx(dev, `/api/types/house-roll/import?path=/houses&caseId=${draft.id}`, bomb), 400, 'IMPORT_FILE_INVALID', /压缩炸弹/);
      refused(await uploadXlsx(dev, `/api/types/house-roll/import?path=/houses&caseId=${draft.id}`, liar), 400, 'IMPORT_FILE_INVALID', /压缩炸弹/);
      refused(await uploadXlsx(dev, '/api/types/house-roll/import?path=/houses', liar), 400, 'IMPORT_FILE_INVALID', /压缩炸弹/);
    });
    expect((await dev.get(`/api/cases/${draft.id}`)).body).toMatchObject({ version: draft.version, data: draft.data });
  });

  it('the same zip bombs uploaded as attachments (/api/files) are refused and nothing is stored; an honest workbook is taken', async () => {
    const sheet = Buffer.concat([Buffer.from('<worksheet><sheetData>'), Buffer.alloc(150 * 1024 * 1024, 0x20), Buffer.from('</sheetData></worksheet>')]);
    const bomb = makeZip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheet }]);
    const liar = makeZip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheet, declare: 1024 * 1024 }]);
    const wordBomb = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: sheet, declare: 2048 },
    ]);
    const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await writesNothing(async () => {
      refused(await dev.upload('统计表.xlsx', bomb, XLSX_MIME), 400, 'FILE_UNSAFE', /无法接收该文件.*压缩炸弹/);
      refused(await dev.upload('统计表.xlsx', liar, XLSX_MIME), 400, 'FILE_UNSAFE', /压缩炸弹/);
      refused(await dev.upload('说明.docx', wordBomb, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 400, 'FILE_UNSAFE', /压缩炸弹/);
    });
    const honest = makeZip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData/></worksheet>' }]);
    expect((await dev.upload('统计表.xlsx', honest, XLSX_MIME)).status).toBe(201);
  });

  it('a workbook with 1,000,000 rows is refused at once, before any row is read, and no import job is left behind', async () => {
    const rows = 1_000_000;
    const cols = 'ABCDEFG';
    const parts = [`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:G${rows + 1}"/><sheetData>`,
      `<row r="1">${HOUSE_HEADERS.map((h, i) => `<c r="${cols[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`];
    for (let r = 2; r <= rows + 1; r++) parts.push(`<row r="${r}"><c r="C${r}"><v>3</v></c></row>`);
    parts.push('</sheetData></worksheet>');
    const file = makeZip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(parts.join('')) }]);
    const started = Date.now();
    const res = await writesNothing(async () => uploadXlsx(dev, '/api/types/house-roll/import?path=/houses', file));
    refused(res, 400, 'IMPORT_FILE_INVALID', /数据超过 200000 行.*分批导入/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('伪装的文件与文件名', () => {
  it('HTML, SVG and scripts are refused whatever their names say, and so is a name that contradicts the content', async () => {
    const html = '<html><body><script>alert(document.cookie)</script></body></html>';
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['发票.pdf', html, /HTML/],
      ['通知.pdf', `\uFEFF  \n<!DOCTYPE html><title>x</title><script>alert(1)</script>`, /HTML/],
      ['page.html', html, /HTML/],
      ['logo.png', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', /SVG/],
      ['scan.jpg', '#!/bin/sh\nrm -rf /\n', /脚本/],
      ['材料.pdf', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(64)]), /可执行/],
      ['正常.html', tinyPdf('a real PDF named .html'), /扩展名 \.html 与文件内容/],
    ];
    await writesNothing(async () => {
      for (const [name, content, why] of cases) {
        const res = await dev.upload(name, content, 'application/pdf');
        refused(res, 415, 'UNSUPPORTED_MEDIA', why);
      }
    });
  });

  it('path traversal in file names is stored as a plain safe name, and downloads carry a safe Content-Disposition', async () => {
    const upload = async (filename: string) => {
      // Raw multipart, so the name reaches the server exactly as written (quotes escaped as in RFC 7578).
      const boundary = `----beian${randomBytes(8).toString('hex')}`;
      const quoted = filename.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted}"\r\nContent-Type: application/pdf\r\n\r\n`),
        tinyPdf(filename), Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return raw(dev, 'POST', '/api/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    };
    const names: Array<[string, string]> = [
      ['../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\Windows\\System32\\evil.pdf', 'evil.pdf'],
      ['/etc/shadow.pdf', 'shadow.pdf'],
      ['....//....//deep.pdf', 'deep.pdf'],
      ['..', '未命名文件'],
      ['.hidden.pdf', 'hidden.pdf'],
      ['引号"与;分号.pdf', '引号"与;分号.pdf'],
    ];
    for (const [sent, stored] of names) {
      const res = await upload(sent);
      expect(res.status, `${sent}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body.name, sent).toBe(stored);
      const row = await app.engine.db.models.File.findByPk(res.body.id, { raw: true });
      expect(row!.name).toBe(stored);
      const download = await dev.get(`/api/files/${res.body.id}`);
      expect(download.status).toBe(200);
      const cd = download.headers.get('content-disposition')!;
      // One ASCII fallback in quotes with no quote, backslash or line break inside, and the exact name in RFC 5987 form.
      expect(cd, sent).toMatch(/^attachment; filename="[^"\\\r\n]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]*$/);
      expect(decodeURIComponent(cd.split("UTF-8''")[1])).toBe(stored);
      expect(cd).not.toMatch(/\.\.|\//);
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(download.headers.get('content-security-policy')).toContain('sandbox');
      expect(download.headers.get('content-type')).toBe('application/pdf');
    }
    // A right-to-left override disguising an executable ('report\u202Efdp.exe' shows as 'reportexe.pdf') is caught.
    refused(await upload('report\u202Efdp.exe'), 415, 'UNSUPPORTED_MEDIA', /扩展名 \.exe/);
  });
});

describe('过大与过深的请求', () => {
  it('bodies over the limit get 413 and write nothing: JSON, registration, an upload, a chunked body without a length', async () => {
    const big = 'x'.repeat(BODY_LIMIT + 1024);
    await writesNothing(async () => {
      refused(await dev.post('/api/cases', { type: 'load-filing', data: { title: 'big', district: '440604', remarks: big } }), 413, 'PAYLOAD_TOO_LARGE');
      refused(await app.client().post('/api/auth/register', { orgType: 'developer', name: big }), 413, 'PAYLOAD_TOO_LARGE');
      refused(await dev.upload('大文件.pdf', Buffer.concat([tinyPdf(), Buffer.alloc(UPLOAD_LIMIT, 0x20)])), 413, 'PAYLOAD_TOO_LARGE', /1 MB/);
      const chunks = [Buffer.from(`{"type":"load-filing","data":{"title":"`), Buffer.alloc(BODY_LIMIT, 0x61), Buffer.from('","district":"440604"}}')];
      const stream = new ReadableStream({ pull(ctl) { const next = chunks.shift(); if (next) ctl.enqueue(new Uint8Array(next)); else ctl.close(); } });
      refused(await raw(dev, 'POST', '/api/cases', stream), 413, 'PAYLOAD_TOO_LARGE');
    });
  });

  it('JSON nested 10,000 (and 100,000) levels deep is refused quickly with 400, and the server goes on answering', async () => {
    const { c, task } = await loadSubmitted('深层嵌套');
    const draft = await loadDraft('深层嵌套草稿');
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    const deepArray = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    await writesNothing(async () => {
      for (const nest of [deep(10_000), deepArray(10_000), deep(100_000)]) {
        const attempts: Array<[Client, string, string, string]> = [
          [dev, 'POST', '/api/cases', `{"type":"load-filing","data":{"title":"x","district":"440604","remarks":${nest}}}`],
          [dev, 'PATCH', `/api/cases/${draft.id}`, `{"version":${draft.version},"data":${nest}}`],
          [clerk, 'POST', `/api/tasks/${task.id}/complete`, `{"event":"ACCEPT","data":${nest}}`],
          [dev, 'POST', '/api/types/load-filing/check', `{"data":${nest}}`],
          [app.client(), 'POST', '/api/auth/register', `{"orgType":"developer","name":${nest}}`],
        ];
        for (const [c, method, url, body] of attempts) {
          const started = Date.now();
          const res = await raw(c, method, url, body);
          expect(res.status, `${method} ${url} (${body.length} bytes): ${JSON.stringify(res.body).slice(0, 300)}`).toBe(400);
          expect(['BAD_REQUEST', 'FORM_INVALID']).toContain(res.body.error.code);
          expect(Date.now() - started, `${method} ${url} answered quickly`).toBeLessThan(3000);
        }
      }
    });
    expect((await dev.get('/api/health')).status).toBe(200);
    expect((await dev.get(`/api/cases/${c.id}`)).body.state).toBe('submitted');
  });
});

describe('原型污染', () => {
  const polluted = () => ({} as Json).polluted ?? (Object.prototype as Json).polluted ?? ([] as unknown as Json).polluted;

  it('__proto__, constructor.prototype and prototype keys in form data, decision data and registration are refused; Object.prototype stays clean', async () => {
    const { task } = await loadSubmitted('原型污染');
    const draft = await loadDraft('原型污染草稿');
    const payloads = [
      '{"__proto__":{"polluted":"yes"}}',
      '{"\\u005f_proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"title":"x","district":"440604","nested":{"__proto__":{"polluted":"yes"}}}',
      '{"title":"x","district":"440604","prototype":{"polluted":"yes"}}',
      '{"title":"x","district":"440604","constructor":"yes"}',
    ];
    await writesNothing(async () => {
      for (const p of payloads) {
        const registration = '"orgType":"developer","password":"Fangguan#2026","agreementAccepted":true,"uscc":"91440605MA4X1A2BXD","name":"原型污染公司","legalRepresentative":"张三","contactPerson":"张三","mobile":"13800138000","address":"佛山市禅城区","district":"440604"';
        const attempts: Array<[Client, string, string, string]> = [
          [dev, 'POST', '/api/cases', `{"type":"load-filing","data":${p}}`],
          [dev, 'PATCH', `/api/cases/${draft.id}`, `{"version":${draft.version},"data":${p}}`],
          [clerk, 'POST', `/api/tasks/${task.id}/complete`, `{"event":"ACCEPT","data":${p}}`],
          [dev, 'POST', `/api/cases/${draft.id}/events`, `{"event":"SUBMIT","version":${draft.version},"data":${p}}`],
          [dev, 'POST', '/api/types/load-filing/check', `{"data":${p}}`],
          [app.client(), 'POST', '/api/auth/register', `{${registration},"extra":${p}}`],
          [app.client(), 'POST', '/api/auth/register', p.replace(/^\{/, `{${registration},`)],
        ];
        for (const [c, method, url, body] of attempts) {
          const res = await raw(c, method, url, body);
          const what = `${method} ${url} ${body}: ${JSON.stringify(res.body).slice(0, 300)}`;
          // The check endpoint answers problems as data (200, ok: false); everything else refuses with 400.
          if (url.endsWith('/check') && res.status === 200) expect(res.body.ok, what).toBe(false);
          else expect(res.status, what).toBe(400);
        }
      }
      // In the query string too (the parser keeps such keys as plain data).
      for (const q of ['__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', '__proto__.polluted=yes']) {
        expect((await dev.get(`/api/cases?${q}`)).status).toBeLessThan(500);
        expect((await app.client().get(`/api/public/areas?${q}`)).status).toBeLessThan(500);
      }
    });
    expect(polluted(), 'Object.prototype in the server process').toBeUndefined();
    // The server behaves as before: a new draft has exactly the fields sent, nothing inherited.
    const fresh = await loadDraft('原型污染之后');
    expect(Object.keys(fresh.data).sort()).toEqual(['district', 'title']);
    expect(fresh.data.polluted).toBeUndefined();
  });
});

describe('打印中的脚本与模板表达式', () => {
  const PAYLOAD = (where: string) => `<script>alert("${where}")</script>`;

  /** Pointers of the free-text fields of a form: strings without format, enum or pattern, long enough for the payload. */
  function textFields(schema: Json, path = ''): string[] {
    if (schema.type === 'object') return Object.entries(schema.properties ?? {}).flatMap(([k, s]) => textFields(s as Json, `${path}/${k}`));
    if (schema.type === 'string' && !schema.format && !schema.enum && !schema.pattern && (schema.maxLength ?? 1000) >= 40) return [path];
    return [];
  }
  function setAt(data: Json, pointer: string, value: string) {
    const keys = pointer.split('/').slice(1);
    let cur = data;
    for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {});
    cur[keys.at(-1)!] = value;
  }

  it('script typed into every text field, the applicant\'s name and the clerk\'s opinion prints only escaped', async () => {
    // An applicant whose registered name is a script.
    const orgName = `${PAYLOAD('org')}置业有限公司`;
    const reg = await app.client().post('/api/auth/register', {
      orgType: 'developer', password: 'Fangguan#2026', agreementAccepted: true, uscc: '91440605MA4X1A2BXD', name: orgName,
      legalRepresentative: '张三', contactPerson: '张三', mobile: '13800138000', address: '佛山市禅城区', district: '440604',
    });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const evil = await app.login('91440605MA4X1A2BXD', 'Fangguan#2026');
    const fields = textFields(areaSchema as Json);
    expect(fields.length).toBeGreaterThanOrEqual(6);
    const [a, b, d] = await uploadThree(evil);
    const data: Json = { ...example(areaSchema), attachments: { planningPermit: [a], completionAcceptance: [b], sitePlan: [d] } };
    for (const f of fields) setAt(data, f, PAYLOAD(f));
    const created = await evil.post('/api/cases', { type: 'area-filing', data });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await evil.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const task = await taskOf(clerk, created.body.number);
    expect((await clerk.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: PAYLOAD('opinion') } })).status).toBe(200);

    for (const [who, c] of [['applicant', evil], ['clerk', clerk]] as const) {
      for (const print of ['application', 'acceptance']) {
        const res = await c.get(`/api/cases/${created.body.id}/print/${print}?format=html`);
        expect(res.status, `${who} ${print}`).toBe(200);
        const html = res.body as string;
        expect(html, `${who} ${print}: no live script from the data`).not.toMatch(/<script>alert/);
        expect(html).not.toMatch(/<script\b/i);
        expect(res.headers.get('content-security-policy')).toBeTruthy();
        const escaped = (where: string) => html.includes(`&lt;script&gt;alert(&quot;${where}&quot;)&lt;/script&gt;`);
        expect(escaped('org'), `${print}: the applicant's name, escaped`).toBe(true);
        if (print === 'application') for (const f of fields.filter((x) => x !== '/remarks' || data.remarks)) expect(escaped(f), `application: ${f}, escaped`).toBe(true);
        if (print === 'acceptance') expect(escaped('opinion'), 'acceptance: the opinion, escaped').toBe(true);
      }
    }
  });

  it('a Handlebars expression typed into a field prints literally, it is never evaluated', async () => {
    const [a, b, d] = await uploadThree(dev);
    const expressions = {
      address: '{{constructor.constructor}}', east: '{{> header}}', south: '{{#each this}}x{{/each}}', west: '{{lookup . "constructor"}}', north: '{{{raw}}}',
    };
    const data: Json = {
      ...example(areaSchema), projectName: `模板注入${randomBytes(3).toString('hex')}`, address: expressions.address,
      boundaries: { east: expressions.east, south: expressions.south, west: expressions.west, north: expressions.north },
      attachments: { planningPermit: [a], completionAcceptance: [b], sitePlan: [d] },
    };
    const created = await dev.post('/api/cases', { type: 'area-filing', data });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await dev.post(`/api/cases/${created.body.id}/events`, { event: 'SUBMIT', version: created.body.version })).status).toBe(200);
    const html = (await dev.get(`/api/cases/${created.body.id}/print/application?format=html`)).body as string;
    expect(html).toContain('{{constructor.constructor}}');
    expect(html).toContain('{{&gt; header}}');
    expect(html).toContain('{{#each this}}x{{/each}}');
    expect(html).toContain('{{lookup . &quot;constructor&quot;}}');
    expect(html).toContain('{{{raw}}}');
    expect(html).not.toContain('function Function');
    expect(html.match(/class="doc-head/g)).toHaveLength(1); // the header partial printed once, by the template only
  });
});

describe('会话', () => {
  it('forged cookies are not sessions: random tokens, the stored hash replayed, a tampered token, odd bytes', async () => {
    const real = await app.login('reviewer1');
    const token = real.cookie.replace('beian_sid=', '');
    const stored = await app.engine.db.models.Session.findAll({ raw: true });
    const forged = [
      randomBytes(32).toString('base64url'),
      stored[0].id as string, // the database keeps only the hash: replaying it grants nothing
      token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
      "' OR '1'='1",
      '%00',
      'x'.repeat(5000),
    ];
    await writesNothing(async () => {
      for (const f of forged) {
        const c = new Client(app.url);
        c.cookie = `beian_sid=${encodeURIComponent(f)}`;
        refused(await c.get('/api/me'), 401, 'UNAUTHENTICATED');
        refused(await c.post('/api/cases', { type: 'load-filing', data: { title: '伪造会话', district: '440604' } }), 401, 'UNAUTHENTICATED');
      }
    });
    expect((await real.get('/api/me')).status).toBe(200);
  });

  it('an expired session (its row past expiresAt) is refused with 401 and writes nothing', async () => {
    const c = await app.login('clerk2');
    expect((await c.get('/api/me')).status).toBe(200);
    const user = await app.engine.db.models.User.findOne({ where: { username: 'clerk2' }, raw: true });
    await app.engine.db.models.Session.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { userId: user!.id } });
    await writesNothing(async () => {
      refused(await c.get('/api/me'), 401, 'UNAUTHENTICATED');
      refused(await c.get('/api/tasks'), 401, 'UNAUTHENTICATED');
      refused(await c.post('/api/cases', { type: 'load-filing', data: { title: '过期会话', district: '440604' } }), 401, 'UNAUTHENTICATED');
    });
  });
});

describe('跨站请求', () => {
  it('a write from another origin with the victim\'s cookie is refused with 403, whatever the method or content type', async () => {
    const draft = await loadDraft('跨站目标');
    const { task } = await loadSubmitted('跨站待办');
    const origins = ['http://evil.example', 'null', `${app.url}.evil.example`, 'https://127.0.0.1.evil.example', `http://127.0.0.1:${Number(new URL(app.url).port) + 1}`];
    await writesNothing(async () => {
      for (const origin of origins) {
        const h = { origin };
        refused(await dev.post('/api/cases', { type: 'load-filing', data: { title: '跨站', district: '440604' } }, h), 403, 'CSRF_REJECTED');
        refused(await raw(dev, 'PATCH', `/api/cases/${draft.id}`, JSON.stringify({ version: draft.version, data: { title: '被篡改', district: '440604' } }), h), 403, 'CSRF_REJECTED');
        refused(await clerk.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: {} }, h), 403, 'CSRF_REJECTED');
        refused(await raw(dev, 'POST', '/api/cases', '{"type":"load-filing","data":{"title":"x","district":"440604"}}', { ...h, 'content-type': 'text/plain' }), 403, 'CSRF_REJECTED');
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(tinyPdf())], { type: 'application/pdf' }), 'csrf.pdf');
        refused(await dev.request('POST', '/api/files', form, h), 403, 'CSRF_REJECTED');
        refused(await raw(dev, 'POST', '/api/auth/logout', '{}', h), 403, 'CSRF_REJECTED');
      }
    });
    expect((await dev.get('/api/me')).status).toBe(200); // the cross-site logout did not log the victim out
    expect((await dev.get(`/api/cases/${draft.id}`)).body).toMatchObject({ version: draft.version, title: '跨站目标' });
  });
});

describe('猜密码', () => {
  it('an account is locked after 5 wrong passwords, the right one refused too until the lock ends', async () => {
    const xff = { 'x-forwarded-for': '203.0.113.10' }; // one client, behind the trusted local proxy
    for (let i = 1; i <= 5; i++) {
      refused(await app.client().post('/api/auth/login', { username: 'reviewer2', password: `Guess#${i}abc` }, xff), 401, 'LOGIN_FAILED');
    }
    const locked = await app.client().post('/api/auth/login', { username: 'reviewer2', password: 'Beian@2026' }, xff);
    refused(locked, 429, 'LOGIN_LOCKED', /分钟后再试/);
    expect(locked.headers.get('set-cookie')).toBeNull();
  });

  it('one address guessing across many user names is stopped with 429 after 30 failures; other addresses are not', async () => {
    const xff = { 'x-forwarded-for': '203.0.113.20' };
    for (let i = 1; i <= 30; i++) {
      refused(await app.client().post('/api/auth/login', { username: `guess-${i}`, password: 'Guess#123abc' }, xff), 401, 'LOGIN_FAILED');
    }
    refused(await app.client().post('/api/auth/login', { username: 'guess-31', password: 'Guess#123abc' }, xff), 429, 'RATE_LIMITED');
    // Even a right password from that address waits; the same account from elsewhere logs in.
    refused(await app.client().post('/api/auth/login', { username: 'clerk1b', password: 'Beian@2026' }, xff), 429, 'RATE_LIMITED');
    expect((await app.client().post('/api/auth/login', { username: 'clerk1b', password: 'Beian@2026' }, { 'x-forwarded-for': '203.0.113.21' })).status).toBe(200);
  });

  it('a client that is not a proxy cannot dodge the address limit by inventing X-Forwarded-For', async () => {
    const login = (i: number) => app.server.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.7',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${Math.floor(i / 250)}.${i % 250}` },
      payload: JSON.stringify({ username: `spoof-${i}`, password: 'Guess#123abc' }),
    });
    for (let i = 1; i <= 30; i++) expect((await login(i)).statusCode, `attempt ${i}`).toBe(401);
    const next = await login(31);
    expect(next.statusCode).toBe(429);
    expect(next.json().error.code).toBe('RATE_LIMITED');
  });
});

describe('管理员定义引用不存在的名称', () => {
  const v1 = renovation.versions[0] as unknown as Json;
  const bundle = (changes: (b: Json) => void) => {
    const b = structuredClone(v1);
    changes(b);
    return { schema: b.schema, uiSchema: b.uiSchema, workflow: b.workflow, settings: b.settings, prints: b.prints };
  };
  let admin: Client;
  beforeAll(async () => { admin = await app.login('admin'); });

  it('a print template calling a helper that does not exist is refused at lint and publish, with the template named', async () => {
    for (const template of ['<p>{{nonexistentHelper data.areaName}}</p>', '<p>{{#if (nonexistentHelper data.areaName)}}x{{/if}}</p>', '<p>{{formatDate data.startDate}}{{> nonexistentPartial}}</p>']) {
      const evil = bundle((b) => { b.prints = { application: template }; });
      const lint = await admin.post('/api/admin/lint', { id: 'evil-print', ...evil });
      expect(lint.status).toBe(200);
      const problem = lint.body.problems.find((p: Json) => /nonexistent(Helper|Partial)/.test(p.message));
      expect(problem, `${template}: ${JSON.stringify(lint.body.problems)}`).toBeTruthy();
      expect(problem.file).toContain('prints/application');
      const published = await writesNothing(() => admin.post('/api/admin/types/evil-print/publish', evil));
      expect(published.status, template).toBe(422);
      expect(['DEF_INVALID', 'DEF_UNKNOWN_NAME']).toContain(published.body.error.code);
      expect(JSON.stringify(published.body.error)).toContain('prints/application');
      expect(JSON.stringify(published.body.error)).toMatch(/nonexistent(Helper|Partial)/);
    }
    // The helpers that exist pass.
    const good = bundle((b) => { b.prints = { application: '<p>{{formatDate data.startDate}} {{yesno data.structural}} {{#each data.workers}}{{seq @index}}{{/each}}{{> header}}</p>' }; });
    expect((await admin.post('/api/admin/lint', { id: 'good-print', ...good })).body.problems).toEqual([]);
  });

  it('a workflow action that does not exist (runShellCommand) is refused at lint and publish, with the place named', async () => {
    const evil = bundle((b) => { b.workflow.states.submitted.on.ACCEPT = { target: 'accepted', actions: [{ type: 'runShellCommand', params: { command: 'rm -rf /' } }] }; });
    const lint = await admin.post('/api/admin/lint', { id: 'evil-action', ...evil });
    expect(lint.body.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '/states/submitted/on/ACCEPT/actions/0', message: expect.stringContaining('runShellCommand') }),
    ]));
    const published = await writesNothing(() => admin.post('/api/admin/types/evil-action/publish', evil));
    expect(published.status).toBe(422);
    expect(JSON.stringify(published.body.error)).toContain('runShellCommand');
    expect(JSON.stringify(published.body.error)).toContain('/states/submitted/on/ACCEPT/actions/0');
    const guard = bundle((b) => { b.workflow.states.submitted.on.ACCEPT = { target: 'accepted', guard: { type: 'evalJavaScript', params: { code: 'process.exit()' } } }; });
    const refusedGuard = await writesNothing(() => admin.post('/api/admin/types/evil-guard/publish', guard));
    expect(refusedGuard.status).toBe(422);
    expect(JSON.stringify(refusedGuard.body.error)).toContain('evalJavaScript');
  });
});
