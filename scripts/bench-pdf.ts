// PDF benchmark (npm run bench:pdf): warm PDFs per second through the server's browser pool with
// 4 jobs at a time, against a bare puppeteer-core loop (4 tabs, setContent + page.pdf) on the same
// template HTML, in the same run, as a ratio; median of ROUNDS rounds. Not a test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { createEngine } from '../engine/app.js';
import { loadConfig } from '../engine/config.js';
import { BrowserPool, CHROMIUM_ARGS, PDF_MARGIN, footerTemplate, printTitle, renderPrint } from '../engine/print/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const JOBS = Number(process.env.BENCH_JOBS ?? 40);
const CONCURRENCY = 4;
const TYPE = process.env.BENCH_TYPE ?? 'area-filing';
const TEMPLATE = process.env.BENCH_TEMPLATE ?? 'application';
const CHROMIUM = process.env.BEIAN_CHROMIUM || '/usr/bin/chromium';

async function templateHtml(): Promise<{ html: string; number: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-bench-pdf-'));
  const engine = await createEngine(loadConfig({}, { databaseUrl: `sqlite:${path.join(dir, 'b.sqlite')}`, seed: false, logLevel: 'silent' }));
  try {
    const def = engine.registry.current(TYPE);
    if (!def?.prints[TEMPLATE]) throw new Error(`${TYPE} has no print ${TEMPLATE}`);
    const districts = await engine.db.models.District.findAll({ raw: true });
    const names = Object.fromEntries(districts.map((d) => [d.code as string, d.name as string]));
    const data = (def.schema.examples?.[0] ?? {}) as Record<string, unknown>;
    const number = `${def.settings.numberPrefix}-2026-000123`;
    const now = new Date().toISOString();
    const district = typeof data.district === 'string' ? data.district : '';
    const context = {
      case: { id: 1, number, title: String(data.projectName ?? def.settings.title), state: 'approved', stateTitle: '已备案', status: 'closed', createdAt: now, submittedAt: now, closedAt: now, version: 5 },
      data, type: { id: def.id, title: def.settings.title }, org: { name: '佛山市锦绣房地产开发有限公司', code: '91440604MA4UJ5RW2R', kind: 'developer' },
      history: [], events: {}, district: { code: district, name: names[district] ?? '' }, street: { code: '', name: '' }, names, printedAt: now,
      print: { name: TEMPLATE, title: printTitle(def, TEMPLATE) },
    };
    return { html: renderPrint(def, TEMPLATE, engine.registry.partials, context, printTitle(def, TEMPLATE)), number };
  } finally {
    await engine.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `jobs` calls of `one` with `CONCURRENCY` at a time; answers PDFs per second. */
async function rate(jobs: number, one: (i: number) => Promise<Uint8Array>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < jobs) {
      const i = next++;
      const pdf = await one(i);
      if (pdf.length < 1000) throw new Error('empty PDF');
    }
  }));
  return jobs / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/install-system-deps.sh`);
  const { html, number } = await templateHtml();
  const footer = footerTemplate(number);
  console.log(`PDF 基准：${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，${TYPE}.${TEMPLATE}，${CONCURRENCY} 并发，每轮 ${JOBS} 份，${ROUNDS} 轮取中位数`);

  const pool = new BrowserPool({ executablePath: CHROMIUM, pages: CONCURRENCY, timeoutMs: 60_000 });
  const bare = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const pages = await Promise.all(Array.from({ length: CONCURRENCY }, () => bare.newPage()));
  const free = [...pages];
  const barePdf = async () => {
    const page = free.pop()!;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer, margin: PDF_MARGIN });
    } finally {
      free.push(page);
    }
  };
  const poolPdf = () => pool.pdf({ html, footerTemplate: footer, margin: PDF_MARGIN });
  try {
    // Warm both: browser started, tabs open, fonts loaded.
    await rate(CONCURRENCY * 2, poolPdf);
    await rate(CONCURRENCY * 2, barePdf);
    const pooled: number[] = [];
    const bares: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      pooled.push(await rate(JOBS, poolPdf));
      bares.push(await rate(JOBS, barePdf));
    }
    const p = median(pooled);
    const b = median(bares);
    console.log(`  打印池     ${p.toFixed(2)} 份/秒（各轮 ${pooled.map((x) => x.toFixed(2)).join('、')}）`);
    console.log(`  裸 page.pdf ${b.toFixed(2)} 份/秒（各轮 ${bares.map((x) => x.toFixed(2)).join('、')}）`);
    console.log(`  速度比（打印池 / 裸循环）${(p / b).toFixed(2)}`);
  } finally {
    await pool.close();
    await bare.close();
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
