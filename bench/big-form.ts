// Benchmark 5 (issue 8): a 300-field schema with a 1,000-row nested table, rendered by the renderer's
// own form (the admin console's live preview of a draft type) in Chromium. Prints first render
// (navigation → last field and the table's first rows present) and keystroke-to-paint (a real key
// press: its keydown → the second animation frame after it, i.e. after the paint that follows React's
// commit), median and p95 over the rounds, in a top-level field and in a cell of the table. Goal
// < 50 ms per keystroke. Run: `npm run bench:form` (needs `npm run build` and /usr/bin/chromium).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../engine/app.js';
import puppeteer from 'puppeteer-core';

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
// Launched here rather than through test/helpers (those are vitest-only): the same Chromium flags.
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--lang=zh-CN'],
});
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
  await page.waitForSelector(`[id$="rows_0_c1"]`, { timeout: 120_000 });
  await page.waitForFunction((n) => [...document.querySelectorAll('.table-field-title')].some((el) => el.textContent?.includes(`共 ${n} 行`)), { timeout: 120_000 }, ROWS);
  const firstRender = Date.now() - t0;

  /** Types `count` letters into the field, one real key press each; answers the sorted durations. */
  const typeInto = async (idSuffix: string, count: number): Promise<number[]> => {
    const sel = await page.$eval(`[id$="${idSuffix}"]`, (el) => `#${CSS.escape(el.id)}`);
    await page.$eval(sel, (el) => el.scrollIntoView({ block: 'center' }));
    await page.focus(sel);
    await page.evaluate(() => {
      const w = window as unknown as { benchTimes: number[]; benchKey?: (e: KeyboardEvent) => void };
      w.benchTimes = [];
      w.benchKey = (e: KeyboardEvent) => {
        const start = e.timeStamp;
        requestAnimationFrame(() => requestAnimationFrame(() => w.benchTimes.push(performance.now() - start)));
      };
      document.addEventListener('keydown', w.benchKey, { capture: true });
    });
    for (let i = 0; i < count; i++) {
      await page.keyboard.type('a');
      await page.waitForFunction((n) => (window as unknown as { benchTimes: number[] }).benchTimes.length > n, { timeout: 30_000 }, i);
    }
    const times = await page.evaluate(() => {
      const w = window as unknown as { benchTimes: number[]; benchKey: (e: KeyboardEvent) => void };
      document.removeEventListener('keydown', w.benchKey, { capture: true });
      return w.benchTimes;
    });
    const typed = await page.$eval(sel, (el) => (el as HTMLInputElement).value);
    if (!typed.endsWith('a'.repeat(count))) throw new Error(`${idSuffix}: the typing did not reach the field (${typed})`);
    return times.sort((a, b) => a - b);
  };
  const q = (times: number[], p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  const top = await typeInto('_f150', KEYSTROKES);
  const cell = await typeInto('rows_10_c3', KEYSTROKES);
  console.log(`machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(1)).join('/')}`);
  console.log('| big form (300 fields + 1,000-row table) | value | goal |');
  console.log('|---|---|---|');
  console.log(`| first render (navigation → last field and first table rows present) | ${firstRender} ms | — |`);
  for (const [what, times] of [['top-level field', top], ['table cell (row 11)', cell]] as const) {
    console.log(`| keystroke-to-paint, ${what}, median of ${times.length} | ${q(times, 0.5).toFixed(1)} ms | < 50 ms |`);
    console.log(`| keystroke-to-paint, ${what}, p95 | ${q(times, 0.95).toFixed(1)} ms | — |`);
  }
} finally {
  await browser.close();
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
