// Benchmark 5 (issue 8): a 300-field schema with a 1,000-row nested table, rendered by the renderer's
// own form (the admin console's live preview of a draft type) in Chromium. Prints first render
// (navigation → last field and last table row present) and keystroke-to-paint (an input event on
// one field → the second animation frame after it), median and p95 over the rounds. Goal < 50 ms
// per keystroke. Run: `npm run bench:form` (needs `npm run build` and /usr/bin/chromium).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../engine/app.js';
import { launch } from '../test/helpers/browser.js';

const FIELDS = 300;
const ROWS = 1000;
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 40);

const fixture = JSON.parse(fs.readFileSync(new URL('../test/fixtures/bundles/renovation-filing.bundle.json', import.meta.url), 'utf8')).versions[0];
const properties: Record<string, unknown> = {};
const example: Record<string, unknown> = {};
for (let i = 1; i <= FIELDS; i++) {
  const k = `f${String(i).padStart(3, '0')}`;
  properties[k] = { type: 'string', title: `字段${i}`, maxLength: 100 };
  example[k] = `值${i}`;
}
properties.rows = {
  type: 'array', title: '明细', items: {
    type: 'object', required: ['c1'],
    properties: { c1: { type: 'string', title: '名称' }, c2: { type: 'number', title: '面积', minimum: 0 }, c3: { type: 'string', title: '备注' } },
  },
};
example.rows = Array.from({ length: ROWS }, (_, i) => ({ c1: `第${i + 1}行`, c2: i, c3: '' }));
const bundle = {
  schema: { $schema: 'http://json-schema.org/draft-07/schema#', title: '大表单', type: 'object', properties, examples: [example] },
  uiSchema: { rows: { 'ui:options': { table: true } } },
  workflow: { ...fixture.workflow, id: 'bench-big-form' },
  settings: { ...fixture.settings, title: '大表单基准', numberPrefix: 'DBD', rules: [], scope: undefined },
  prints: {},
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-bench-form-'));
const app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl: `sqlite:${path.join(dir, 'b.sqlite')}`, logLevel: 'silent' }, {});
const browser = await launch();
try {
  const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: app.engine.config.demoPassword }) });
  const sid = /beian_sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!sid) throw new Error('admin login failed');
  const saved = await fetch(`${app.url}/api/admin/types/bench-big-form/draft`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie: `beian_sid=${sid}` }, body: JSON.stringify(bundle) });
  if (!saved.ok) throw new Error(`draft: ${saved.status} ${await saved.text()}`);

  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 900 });
  await page.setCookie({ name: 'beian_sid', value: sid, url: app.url });
  const t0 = Date.now();
  await page.goto(`${app.url}/admin/types/bench-big-form?tab=form`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(`[id$="_f${FIELDS}"]`, { timeout: 120_000 });
  await page.waitForSelector(`[id$="rows_${ROWS - 1}_c1"]`, { timeout: 120_000 });
  const firstRender = Date.now() - t0;

  const field = await page.$eval(`[id$="_f150"]`, (el) => `#${CSS.escape(el.id)}`);
  const times: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    times.push(await page.evaluate(async (sel) => {
      const el = document.querySelector(sel) as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const start = performance.now();
      setter.call(el, `${el.value}字`);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - start;
    }, field));
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(`machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(1)).join('/')}`);
  console.log('| big form (300 fields + 1,000-row table) | value | goal |');
  console.log('|---|---|---|');
  console.log(`| first render (navigation → last field and row present) | ${firstRender} ms | — |`);
  console.log(`| keystroke-to-paint, median of ${KEYSTROKES} | ${q(0.5).toFixed(1)} ms | < 50 ms |`);
  console.log(`| keystroke-to-paint, p95 | ${q(0.95).toFixed(1)} ms | — |`);
} finally {
  await browser.close();
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
