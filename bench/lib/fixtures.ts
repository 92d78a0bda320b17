// What every benchmark needs from an engine: the bench fixture types published through the
// registry (bench/fixtures/*.bundle.json), the demo users as session users, three PDFs uploaded
// once through engine/files saveUpload (the area filing's schema requires attachments), and
// complete area-filing data built from the schema's own example.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../engine/app.js';
import { loadConfig } from '../../engine/config.js';
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

/** An engine without HTTP server or timer poller, on its own database, with the demo seed. */
export async function benchEngine(databaseUrl: string): Promise<Engine> {
  return createEngine(loadConfig({}, { databaseUrl, logLevel: 'silent', seed: true, demoPassword: PASSWORD }));
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
