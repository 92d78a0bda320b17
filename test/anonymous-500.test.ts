// Inputs that used to answer an anonymous 500 (and log an error line): each must be a 4xx in the
// contract's error shape, naming what is wrong in Chinese, on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { startTestApp, type Client, type Res, type TestApp } from './helpers/app.js';
import { DEVELOPER } from './helpers/filings.js';

const UPLOAD_LIMIT = 1024 * 1024;
const BODY_LIMIT = 64 * 1024;
let app: TestApp;
let dev: Client;
beforeAll(async () => {
  app = await startTestApp({ uploadLimitBytes: UPLOAD_LIMIT, bodyLimitBytes: BODY_LIMIT });
  dev = await app.login(DEVELOPER);
});
afterAll(async () => { await app?.close(); });

function errorShaped(res: Res, status: number, code: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
  expect(Object.keys(res.body.error).sort()).toEqual(expect.arrayContaining(['code', 'message']));
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  if (message) expect(res.body.error.message).toMatch(message);
}

async function send(c: Client | null, method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<Res> {
  const res = await fetch(app.url + url, {
    method, body, headers: { ...(c?.cookie ? { cookie: c.cookie } : {}), ...headers },
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text(), headers: res.headers };
}

describe('NUL 字符', () => {
  it('?q=%00 on the case list and the export is refused with 400', async () => {
    errorShaped(await send(dev, 'GET', '/api/cases?q=%00'), 400, 'BAD_REQUEST', /q/);
    errorShaped(await send(dev, 'GET', '/api/cases/export.xlsx?q=a%00b'), 400, 'BAD_REQUEST', /q/);
  });

  it('a NUL inside a text field of a form is refused naming the field, and nothing is stored', async () => {
    const before = await app.engine.db.models.Case.count();
    const res = await send(dev, 'POST', '/api/cases', JSON.stringify({ type: 'area-filing', data: { areaName: 'a\u0000b' } }), { 'content-type': 'application/json' });
    errorShaped(res, 400, 'BAD_REQUEST', /areaName/);
    expect(await app.engine.db.models.Case.count()).toBe(before);
  });
});

describe('分页参数', () => {
  it.each(['1e308', '99999999999999999999', '1.5', '-1'])('page=%s on a public list is a 400', async (page) => {
    errorShaped(await send(null, 'GET', `/api/public/areas?page=${page}`), 400, 'BAD_REQUEST', /page/);
  });
  it('an integer page beyond any row is an empty page', async () => {
    const res = await send(null, 'GET', '/api/public/areas?page=100000');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});

describe('残缺的 multipart', () => {
  it('multipart without a boundary is a 400 or 415', async () => {
    const res = await send(dev, 'POST', '/api/files', 'abc', { 'content-type': 'multipart/form-data' });
    expect([400, 415]).toContain(res.status);
    expect(res.body.error.code).toMatch(/BAD_REQUEST|UNSUPPORTED_MEDIA/);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
  it('a truncated multipart body is a 400', async () => {
    const body = '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 half';
    errorShaped(await send(dev, 'POST', '/api/files', body, { 'content-type': 'multipart/form-data; boundary=XYZ' }), 400, 'BAD_REQUEST');
    expect(await app.engine.db.models.File.count({ where: { name: 'a.pdf' } })).toBe(0);
  });
});

describe('原型属性名作为路径参数', () => {
  // 'constructor' is the one Object.prototype key the routes' name pattern (lower case) lets through.
  it.each(['constructor'])('/api/public/profiles/%s/…, /api/registers/… and /api/public/… answer 404', async (key) => {
    errorShaped(await send(null, 'GET', `/api/public/profiles/${key}/91440604MA4UJ5RW2R`), 404, 'NOT_FOUND');
    errorShaped(await send(dev, 'GET', `/api/registers/${key}`), 404, 'NOT_FOUND');
    errorShaped(await send(dev, 'GET', `/api/registers/${key}/1`), 404, 'NOT_FOUND');
    errorShaped(await send(null, 'GET', `/api/public/${key}`), 404, 'NOT_FOUND');
  });
  it('__proto__ as a profile name is refused by the route\'s pattern', async () => {
    errorShaped(await send(null, 'GET', '/api/public/profiles/__proto__/91440604MA4UJ5RW2R'), 400, 'BAD_REQUEST');
  });
});

describe('过大的请求', () => {
  it('413 names the real limit in MB', async () => {
    const big = JSON.stringify({ type: 'area-filing', data: { areaName: 'x'.repeat(BODY_LIMIT) } });
    errorShaped(await send(dev, 'POST', '/api/cases', big, { 'content-type': 'application/json' }), 413, 'PAYLOAD_TOO_LARGE', /上限 0\.06 MB|上限 64 KB/);
  });

  it('431 (headers too large) answers in the error shape', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const s = net.connect(Number(new URL(app.url).port), '127.0.0.1', () => {
        s.write(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
      });
      let data = '';
      s.on('data', (d) => { data += d.toString('utf8'); });
      s.on('end', () => resolve(data));
      s.on('error', reject);
      setTimeout(() => { s.destroy(); resolve(data); }, 3000);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431/);
    expect(raw).toMatch(/content-type: application\/json/i);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expect(body.error.code).toBe('HEADERS_TOO_LARGE');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
