// Test harness: a real server on a random port over a fresh real database — a temporary SQLite
// file, or, when DATABASE_URL points at PostgreSQL, a new database created for this test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../engine/db/index.js';
import { startApp, type EngineDeps, type RunningApp } from '../../engine/app.js';
import type { Config } from '../../engine/config.js';

export const DEMO_PASSWORD = 'Beian@2026';
export const isPostgres = () => /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');

/** A fresh, empty database URL: a temp SQLite file or a new PostgreSQL database. */
export async function freshDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  if (isPostgres()) {
    const base = new URL(process.env.DATABASE_URL!);
    const name = `beian_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base.toString());
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const c = new pg.Client({ connectionString: base.toString() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-test-'));
  return { url: `sqlite:${path.join(dir, 'beian.sqlite')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh database opened before the tests of the enclosing describe and dropped after them. */
export function useFreshDatabase(): () => Database {
  let db: Database | undefined;
  let fresh: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    fresh = await freshDatabaseUrl();
    db = await openDatabase(fresh.url);
  });
  afterAll(async () => {
    await db?.close();
    await fresh?.drop();
  });
  return () => db!;
}

export interface TestApp extends RunningApp {
  databaseUrl: string;
  client(): Client;
  login(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

/** `deps`: what the server is given besides its configuration (a test's clock). */
export async function startTestApp(overrides: Partial<Config> = {}, deps: EngineDeps = {}): Promise<TestApp> {
  const db = await freshDatabaseUrl();
  const app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl: db.url, logLevel: 'silent', timerPollMs: 100, ...overrides }, {}, deps);
  const client = () => new Client(app.url);
  return {
    ...app,
    databaseUrl: db.url,
    client,
    async login(username, password = DEMO_PASSWORD) {
      const c = client();
      const res = await c.post('/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return c;
    },
    async close() {
      await app.stop();
      await db.drop();
    },
  };
}

export interface Res<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps the session cookie, speaks JSON. */
export class Client {
  cookie = '';
  constructor(readonly base: string) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    const init: RequestInit = { method, headers: { ...headers, ...(this.cookie ? { cookie: this.cookie } : {}) } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + url, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = setCookie.match(/beian_sid=([^;]*)/);
      if (m) this.cookie = m[1] ? `beian_sid=${m[1]}` : '';
    }
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : type.startsWith('text') ? await res.text() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: parsed, headers: res.headers };
  }
  get(url: string) { return this.request('GET', url); }
  post(url: string, body?: unknown, headers?: Record<string, string>) { return this.request('POST', url, body ?? {}, headers); }
  patch(url: string, body: unknown) { return this.request('PATCH', url, body); }

  async upload(name: string, content: Buffer | string, type = 'application/pdf'): Promise<Res> {
    const form = new FormData();
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), name);
    return this.request('POST', '/api/files', form);
  }
}

/** A minimal valid PDF, for attachments. */
export function tinyPdf(text = 'Beian test'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

export function example(schema: { examples?: unknown[] }): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return structuredClone(schema.examples![0]) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
