// Excel import benchmark (npm run bench:excel): rows/s and peak RSS of a whole import job
// (zip checks, streaming read, conversion, Ajv validation, duplicate keys, job rows in the
// database) for 10,000 and 100,000 rows, against exceljs's bare streaming read of the same file,
// in the same run, as a ratio. Each measurement runs in a fresh child process so its peak RSS is
// its own (and the RSS it had before reading, i.e. tsx, the modules and the engine, is shown
// beside it); the median of ROUNDS rounds is reported. Not a test: numbers depend on the machine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createEngine } from '../engine/app.js';
import { loadConfig } from '../engine/config.js';
import { READER_OPTIONS, headerText, sheetSpec, startImport } from '../engine/excel/index.js';
import { makeFixtureRoot } from '../test/helpers/fixture-root.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_ROWS ?? '10000,100000').split(',').map(Number);
const TYPE = 'house-roll'; // test/fixtures/excel-roll: a list without maxItems, with a key
const USAGES = ['住宅', '商业', '办公', '车位'];
const SURNAMES = '王李张刘陈杨黄赵吴周';

interface Measure { ms: number; rows: number; peakRssMb: number; startRssMb: number }

async function generate(root: string, rows: number, file: string) {
  const engine = await createEngine(loadConfig({}, { rootDir: root, databaseUrl: `sqlite:${path.join(path.dirname(file), 'gen.sqlite')}`, seed: false, logLevel: 'silent' }));
  const spec = sheetSpec(engine.registry.current(TYPE)!, '/houses');
  await engine.db.close();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('房屋清单');
  ws.addRow(spec.columns.map(headerText)).commit();
  for (let i = 0; i < rows; i++) {
    const b = Math.floor(i / 400) + 1;
    const row = ws.addRow([
      `${b}栋`, String((Math.floor(i / 100) % 4) + 1), (Math.floor(i / 4) % 25) + 1, String(1000 + (i % 100)), 60 + (i % 90) + 0.5,
      USAGES[i % 4], new Date(Date.UTC(2025, i % 12, (i % 28) + 1)), i % 3 === 0 ? '是' : '否',
      `${SURNAMES[i % 10]}${String.fromCharCode(0x4e00 + (i % 5000))}`, '',
    ]);
    row.getCell(7).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** Child: the whole import job, as the server runs it. */
async function childImport(root: string, file: string): Promise<Measure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-bench-db-'));
  const engine = await createEngine(loadConfig({}, { rootDir: root, databaseUrl: `sqlite:${path.join(dir, 'b.sqlite')}`, seed: false, logLevel: 'silent' }));
  const user = { id: 1, username: 'bench', role: 'admin', orgId: null, district: null, street: null, displayName: 'bench' };
  const startRssMb = process.memoryUsage().rss / 1024 / 1024;
  const t0 = performance.now();
  // As the server runs a file this size: answered 202, the rows stay in the job's result only.
  const { done } = await startImport(engine, user, {
    def: engine.registry.current(TYPE)!, path: '/houses', upload: { file, name: 'bench.xlsx', size: fs.statSync(file).size, remove: async () => undefined },
    keepRows: fs.statSync(file).size <= engine.config.importSyncBytes,
  });
  const outcome = await done;
  const ms = performance.now() - t0;
  if (outcome.error) throw new Error(`import failed: ${outcome.error.message} ${JSON.stringify(outcome.view.errors.slice(0, 3))}`);
  await engine.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { ms, rows: outcome.rowCount, peakRssMb: process.resourceUsage().maxRSS / 1024, startRssMb };
}

/** Child: exceljs's own streaming read of the same file, touching every cell value. */
async function childBare(file: string): Promise<Measure> {
  const startRssMb = process.memoryUsage().rss / 1024 / 1024;
  const t0 = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, READER_OPTIONS as unknown as ExcelJS.stream.xlsx.WorkbookStreamReaderOptions);
  let rows = 0;
  let cells = 0;
  for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
    for await (const row of sheet) { rows++; cells += (row.values as unknown[]).length; }
    break;
  }
  if (cells === 0) throw new Error('no cells read');
  return { ms: performance.now() - t0, rows: rows - 1, peakRssMb: process.resourceUsage().maxRSS / 1024, startRssMb };
}

/** V8 grows its heap lazily: with no cap, peak RSS is mostly garbage not yet collected. */
const CAPPED = ['--max-old-space-size=256'];

function runChild(kind: 'import' | 'bare', root: string, file: string, flags: string[] = []): Measure {
  try {
    const out = execFileSync(process.execPath, [...flags, '--import', 'tsx', new URL(import.meta.url).pathname, '--child', kind, root, file], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim().split('\n').pop()!) as Measure;
  } catch {
    return { ms: Number.NaN, rows: 0, peakRssMb: Number.NaN, startRssMb: Number.NaN }; // e.g. out of memory under a heap cap
  }
}

const median = (xs: number[]) => { const ok = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b); return ok.length ? ok[Math.floor(ok.length / 2)] : Number.NaN; };

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const m = args[1] === 'import' ? await childImport(args[2], args[3]) : await childBare(args[3]);
    console.log(JSON.stringify(m));
    return;
  }
  const root = makeFixtureRoot('excel-roll');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-bench-'));
  console.log(`Excel 导入基准：${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，Node ${process.version}，每项 ${ROUNDS} 轮取中位数，负载 ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  try {
    for (const n of SIZES) {
      const file = path.join(dir, `rows-${n}.xlsx`);
      await generate(root, n, file);
      const imports: Measure[] = [];
      const bares: Measure[] = [];
      const capped: Measure[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        bares.push(runChild('bare', root, file));
        imports.push(runChild('import', root, file));
        capped.push(runChild('import', root, file, CAPPED));
      }
      const rate = (ms: Measure[]) => median(ms.map((m) => m.rows / (m.ms / 1000)));
      const imp = rate(imports);
      const bare = rate(bares);
      // Peak RSS: median and range over the rounds; "起始" is the RSS before reading began.
      const rss = (ms: Measure[]) => {
        const peaks = ms.map((m) => m.peakRssMb).filter(Number.isFinite);
        return `峰值 RSS ${Math.round(median(peaks))} MB（${Math.round(Math.min(...peaks))}–${Math.round(Math.max(...peaks))}，起始 ${Math.round(median(ms.map((m) => m.startRssMb)))} MB）`;
      };
      console.log([
        `${n.toLocaleString('en-US')} 行（${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB）：`,
        `  导入任务   ${Math.round(imp).toLocaleString('en-US')} 行/秒，${rss(imports)}`,
        `  导入任务（node ${CAPPED.join(' ')}）${Math.round(rate(capped)).toLocaleString('en-US')} 行/秒，${rss(capped)}`,
        `  exceljs 裸读 ${Math.round(bare).toLocaleString('en-US')} 行/秒，${rss(bares)}`,
        `  速度比（导入 / 裸读）${(imp / bare).toFixed(2)}`,
      ].join('\n'));
    }
    console.log(`结束时负载 ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
