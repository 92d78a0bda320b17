// Page weight (npm run bench:pages): the bytes each page of the app costs a browser on its first
// load, as they cross the wire (compressed) and unpacked, by kind (script, style, other), in
// headless Chromium against a real server on a fresh SQLite database with the demo installation.
// Each page is loaded in a fresh browser profile, so nothing comes from the cache (measured by
// test/helpers/page-weight.ts, which the page-weight browser test shares). Prints a table;
// asserts nothing. Needs the built renderer (npm run build) and Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { startApp } from '../engine/app.js';
import { weigh } from '../test/helpers/page-weight.js';

const CHROMIUM = process.env.BEIAN_CHROMIUM || '/usr/bin/chromium';
const PASSWORD = process.env.BEIAN_DEMO_PASSWORD || 'Beian@2026';

interface Page { name: string; url: string; login?: string }
const PAGES: Page[] = [
  { name: '门户首页', url: '/' },
  { name: '登录', url: '/login' },
  { name: '信息公开', url: '/public' },
  { name: '办件查询', url: '/track' },
  { name: '申请人工作台', url: '/workspace', login: '91440604MA4UJ5RW2R' },
  { name: '新建物业区域备案', url: '/workspace/new/area-filing', login: '91440604MA4UJ5RW2R' },
  { name: '待办', url: '/inbox', login: 'clerk1' },
  { name: '统计', url: '/dashboard', login: 'clerk1' },
  { name: '业务类型配置', url: '/admin', login: 'admin' },
];

const kb = (n = 0) => `${(n / 1024).toFixed(0)} KB`;

async function main() {
  if (!fs.existsSync(path.join(process.cwd(), 'renderer', 'dist', 'index.html'))) throw new Error('renderer/dist missing: run npm run build first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-bench-pages-'));
  const app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl: `sqlite:${path.join(dir, 'b.sqlite')}`, logLevel: 'silent', seed: true, demoPassword: PASSWORD }, {});
  const base = app.url.replace("localhost", "127.0.0.1");
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    console.log('# Page weight, first load (fresh profile, no cache), headless Chromium');
    console.log(`\n- date ${new Date().toISOString()}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}\n`);
    console.log('| page | JS on the wire | JS unpacked | CSS on the wire | other on the wire | requests |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const page of PAGES) {
      const w = await weigh(browser, base, page.url, page.login ? { username: page.login, password: PASSWORD } : undefined);
      console.log(`| ${page.name} (${page.url}) | ${kb(w.wire.script)} | ${kb(w.raw.script)} | ${kb(w.wire.style)} | ${kb(w.wire.other)} | ${w.requests} |`);
    }
  } finally {
    await browser.close();
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
