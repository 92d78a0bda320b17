// What every benchmark needs from an engine: the bench fixture types published through the
// registry (bench/fixtures/*.bundle.json), the demo users as session users, three PDFs uploaded
// once through engine/files saveUpload (the area filing's schema requires attachments), and
// complete area-filing data built from the schema's own example.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../engine/app.js';
import { loadConfig, ROOT_DIR } from '../../engine/config.js';
import type { Engine } from '../../engine/context.js';
import { toSessionUser, type SessionUser } from '../../engine/auth/index.js';
import { saveUpload } from '../../engine/files/index.js';
import type { TypeBundle } from '../../engine/registry/index.js';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE_TYPES = ['bench-ping-pong', 'bench-review'];

export const DEVELOPER = '91440604MA4UJ5RW2R';
export const COMPANY = '91440604MA51C3XK4K';
export const PASSWORD = 'Beian@2026';

/** A second street per district, so generated data is spread like real data. */
export const STREETS: Record<string, string[]> = {
  '440604': ['440604001', '440604002', '440604010'],
  '440605': ['440605011', '440605121', '440605124'],
};

export function loadFixtureBundle(id: string): TypeBundle {
  return JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'fixtures', `${id}.bundle.json`), 'utf8')) as TypeBundle;
}

/** The built-in types the benchmarks use; the others are left out of the bench installation. */
export const BUILTIN_TYPES = ['area-filing'];

let root: string | null = null;

/**
 * The definitions folder the benchmarks start the engine with (config.rootDir): by default a
 * temporary copy holding only the built-in types measured (area-filing), the decision forms,
 * registers, roles, shared print partials, profiles and the demo seed — so a half-edited unrelated type
 * in the work tree cannot stop the run, and start-up does not lint types nobody measures. With
 * BENCH_ALL_TYPES=1 the work tree itself is used.
 */
export function benchRoot(): string {
  if (process.env.BENCH_ALL_TYPES === '1') return ROOT_DIR;
  if (process.env.BENCH_ROOT) return process.env.BENCH_ROOT;
  if (root) return root;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-bench-root-'));
  const copy = (rel: string) => { if (fs.existsSync(path.join(ROOT_DIR, rel))) fs.cpSync(path.join(ROOT_DIR, rel), path.join(dir, rel), { recursive: true }); };
  for (const d of ['forms/decisions', 'registers', 'seed', 'profiles', 'roles']) copy(d);
  for (const id of BUILTIN_TYPES) {
    for (const rel of [`types/${id}.json`, `forms/${id}.schema.json`, `forms/${id}.ui.json`, `workflows/${id}.workflow.json`]) copy(rel);
  }
  const templates = path.join(ROOT_DIR, 'print-templates');
  if (fs.existsSync(templates)) {
    for (const f of fs.readdirSync(templates)) if (f.startsWith('_') || BUILTIN_TYPES.some((id) => f.startsWith(`${id}.`))) copy(`print-templates/${f}`);
  }
  fs.mkdirSync(path.join(dir, 'types'), { recursive: true });
  process.env.BENCH_ROOT = dir; // the server child uses the same copy
  root = dir;
  process.on('exit', () => { if (!process.env.BENCH_ROOT_KEEP) fs.rmSync(dir, { recursive: true, force: true }); });
  return dir;
}

/** An engine without HTTP server or timer poller, on its own database, with the demo seed. */
export async function benchEngine(databaseUrl: string): Promise<Engine> {
  return createEngine(loadConfig({}, { databaseUrl, logLevel: 'silent', seed: true, demoPassword: PASSWORD, rootDir: benchRoot() }));
}

export interface Fixture {
  users: Record<string, SessionUser>;
  /** Three attachment ids uploaded by the developer (used by every generated area filing). */
  fileIds: string[];
  areaData(n: number | string, district?: string): Record<string, unknown>;
}

export function tinyPdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

export async function prepareFixture(engine: Engine): Promise<Fixture> {
  for (const id of FIXTURE_TYPES) {
    if (!engine.registry.current(id)) await engine.registry.publish(loadFixtureBundle(id), { source: 'bench' });
  }
  const rows = await engine.db.models.User.findAll({ raw: true });
  const users = Object.fromEntries(rows.map((u) => [u.username as string, toSessionUser(u)]));
  const dev = users[DEVELOPER];
  const fileIds: string[] = [];
  for (const name of ['规划许可.pdf', '竣工验收.pdf', '平面图.pdf']) {
    const stored = await saveUpload(engine, dev, { filename: name, stream: Readable.from([tinyPdf(`bench ${name}`)]) });
    fileIds.push(stored.id);
  }
  const example = engine.registry.current('area-filing')!.schema.examples![0] as Record<string, unknown>;
  return {
    users,
    fileIds,
    areaData(n, district = '440604') {
      const data = structuredClone(example);
      data.projectName = `基准小区${n}`;
      data.district = district;
      data.street = STREETS[district][0];
      data.attachments = { planningPermit: [fileIds[0]], completionAcceptance: [fileIds[1]], sitePlan: [fileIds[2]] };
      return data;
    },
  };
}
