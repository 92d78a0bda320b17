// Builds the renderer (renderer/dist) before a test run that includes the browser tests, but only
// when the build is missing or older than its sources — a warm run costs nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'renderer', 'dist', 'index.html');
// Sources of the build: the renderer and the engine files it shares (type definitions, code checks).
const SOURCES = ['renderer/src', 'renderer/index.html', 'renderer/vite.config.ts', 'engine/registry/types.ts', 'engine/validation/codes.ts', 'engine/shared', 'engine/expression', 'package-lock.json'];
// CLI flags whose value is the next argument (so the value is not taken for a file filter).
const VALUE_FLAGS = new Set(['--reporter', '--outputFile', '--config', '-c', '--project', '--pool', '--maxWorkers', '--minWorkers', '-t', '--testNamePattern', '--dir', '--root', '-r', '--environment', '--mode', '--shard', '--exclude']);

function newest(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(full).map((f) => newest(path.join(p, f))));
}

export function rendererStale(): boolean {
  if (!fs.existsSync(DIST)) return true;
  const built = fs.statSync(DIST).mtimeMs;
  return SOURCES.some((s) => newest(s) > built);
}

/** Whether this run selects any browser test (no file filters, or a filter matching one). */
function runsE2e(argv: string[]): boolean {
  const filters: string[] = [];
  const start = argv.findIndex((a) => a === 'run' || a === 'watch' || a === 'related');
  for (let i = start >= 0 ? start + 1 : 2; i < argv.length; i++) {
    const a = argv[i];
    if (VALUE_FLAGS.has(a)) { i++; continue; }
    if (!a.startsWith('-')) filters.push(a);
  }
  if (!filters.length) return true;
  const e2e = fs.readdirSync(path.join(ROOT, 'test', 'e2e')).filter((f) => f.endsWith('.test.ts')).map((f) => `test/e2e/${f}`);
  return filters.some((f) => e2e.some((p) => p.includes(f.replace(/^\.\//, ''))));
}

const LOCK = path.join(ROOT, 'build', 'renderer-build.lock');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One builder at a time across concurrent test runs; a lock older than 10 minutes is stale. */
async function withLock(fn: () => void): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 600_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (waited > 600_000) throw new Error(`renderer build lock ${LOCK} is held for too long`);
      await sleep(500);
    }
  }
  try { fn(); } finally { fs.rmSync(LOCK, { recursive: true, force: true }); }
}

/**
 * Builds into a new folder and swaps it in, keeping the previous build's hashed assets: a server
 * of another test run that is serving the old index.html keeps finding its files.
 */
function buildAndSwap(): void {
  const dist = path.dirname(DIST);
  fs.mkdirSync(path.join(ROOT, 'build'), { recursive: true });
  const next = path.join(ROOT, 'build', `renderer-next-${process.pid}`);
  fs.rmSync(next, { recursive: true, force: true });
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn', '--outDir', next, '--emptyOutDir'], {
    // vitest sets NODE_ENV=test, which would give the browser tests React's development build
    // (1 MB of script instead of 0.65 MB): test the build users get.
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
  });
  const oldAssets = path.join(dist, 'assets');
  if (fs.existsSync(oldAssets)) {
    for (const f of fs.readdirSync(oldAssets)) {
      const to = path.join(next, 'assets', f);
      if (!fs.existsSync(to)) fs.copyFileSync(path.join(oldAssets, f), to);
    }
  }
  const old = path.join(ROOT, 'build', `renderer-old-${process.pid}`);
  if (fs.existsSync(dist)) fs.renameSync(dist, old);
  fs.renameSync(next, dist);
  fs.rmSync(old, { recursive: true, force: true });
}

export default async function setup(): Promise<void> {
  if (!runsE2e(process.argv) || !rendererStale()) return;
  await withLock(() => {
    // Another run may have built while this one waited for the lock.
    if (!rendererStale()) return;
    console.log('[e2e] building the renderer (renderer/dist is missing or older than its sources)…');
    buildAndSwap();
  });
}
