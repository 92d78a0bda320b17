// Builds the renderer (renderer/dist) before a test run that includes the browser tests, but only
// when the build is missing or older than its sources — a warm run costs nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'renderer', 'dist', 'index.html');
// Sources of the build: the renderer and the engine files it shares (type definitions, code checks).
const SOURCES = ['renderer/src', 'renderer/index.html', 'renderer/vite.config.ts', 'engine/registry/types.ts', 'engine/validation/codes.ts', 'package-lock.json'];
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

export default function setup(): void {
  if (!runsE2e(process.argv) || !rendererStale()) return;
  console.log('[e2e] building the renderer (renderer/dist is missing or older than its sources)…');
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}
