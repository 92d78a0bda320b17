// Compressed answers (issue 14, page weight), checked on the wire without a browser: a client that
// accepts brotli gets the built scripts pre-compressed at build and the JSON answers over 1 KB
// compressed on the fly; one that accepts only gzip gets gzip; one that says nothing gets the
// bytes as they are. Lives beside the browser tests because it needs the built renderer, which the
// test run's global setup builds for them (test/e2e/global-setup.ts).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_DIST } from '../../engine/http/static.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DEVELOPER } from '../helpers/services.js';

interface Raw { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** A GET whose answer is read as it came (fetch would ask for and undo compression itself). */
function rawGet(base: string, url: string, acceptEncoding?: string, cookie?: string): Promise<Raw> {
  const headers = { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...(cookie ? { cookie } : {}) };
  return new Promise((resolve, reject) => {
    const req = http.get(base + url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function decoded(res: Raw): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(res.body);
  if (encoding === 'gzip') return zlib.gunzipSync(res.body);
  if (encoding === undefined) return res.body;
  throw new Error(`unexpected content-encoding ${encoding}`);
}

let app: TestApp;
let cookie: string; // a developer's session
let script: string; // the app's entry script, as index.html names it
beforeAll(async () => {
  app = await startTestApp();
  cookie = (await app.login(DEVELOPER)).cookie;
  const index = fs.readFileSync(path.join(RENDERER_DIST, 'index.html'), 'utf8');
  script = index.match(/<script[^>]+src="(\/assets\/[^"]+\.js)"/)![1];
});
afterAll(async () => { await app?.close(); });

describe('compressed answers', () => {
  it('a built script: brotli or gzip as the client accepts, pre-compressed at build; as it is to a client that accepts neither', async () => {
    const file = fs.readFileSync(path.join(RENDERER_DIST, script));
    const br = await rawGet(app.url, script, 'br, gzip');
    expect([br.status, br.headers['content-encoding']]).toEqual([200, 'br']);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(decoded(br).equals(file)).toBe(true);
    expect(br.body.length).toBeLessThan(file.length / 2);
    // The build's own .br file, not a compression per request.
    expect(br.body.equals(fs.readFileSync(path.join(RENDERER_DIST, `${script}.br`)))).toBe(true);

    const gzip = await rawGet(app.url, script, 'gzip');
    expect([gzip.status, gzip.headers['content-encoding']]).toEqual([200, 'gzip']);
    expect(decoded(gzip).equals(file)).toBe(true);

    const plain = await rawGet(app.url, script);
    expect([plain.status, plain.headers['content-encoding']]).toEqual([200, undefined]);
    expect(plain.body.equals(file)).toBe(true);
  });

  it('a JSON answer over 1 KB: compressed as the client accepts, as it is otherwise; one under 1 KB is not worth it', async () => {
    const url = '/api/vocabulary';
    const plain = await rawGet(app.url, url, undefined, cookie);
    expect([plain.status, plain.headers['content-encoding']]).toEqual([200, undefined]);
    expect(plain.headers['content-type']).toContain('application/json');
    expect(plain.body.length).toBeGreaterThan(1024);

    const br = await rawGet(app.url, url, 'br, gzip', cookie);
    expect([br.status, br.headers['content-encoding']]).toEqual([200, 'br']);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(decoded(br).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);

    const gzip = await rawGet(app.url, url, 'gzip', cookie);
    expect([gzip.status, gzip.headers['content-encoding']]).toEqual([200, 'gzip']);
    expect(decoded(gzip).equals(plain.body)).toBe(true);

    const small = await rawGet(app.url, '/api/health', 'br, gzip');
    expect([small.status, small.headers['content-encoding']]).toEqual([200, undefined]);
    expect(small.body.length).toBeLessThan(1024);
  });

  it('the app page (index.html): compressed once it is over 1 KB; today it is under and goes as it is', async () => {
    const file = fs.readFileSync(path.join(RENDERER_DIST, 'index.html'));
    const accepted = await rawGet(app.url, '/public', 'br, gzip');
    expect(accepted.status).toBe(200);
    expect(accepted.headers['content-encoding']).toBe(file.length > 1024 ? 'br' : undefined);
    expect(decoded(accepted).equals(file)).toBe(true);
    const plain = await rawGet(app.url, '/public');
    expect([plain.status, plain.headers['content-encoding']]).toEqual([200, undefined]);
    expect(plain.body.equals(file)).toBe(true);
  });
});
