// A copy of the definitions tree (forms/, workflows/, types/, registers/, print-templates/, seed/, roles/)
// in a temp folder, plus test-only types from test/fixtures/<name>/ — so tests can add a type or
// break one without touching the repository.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../engine/config.js';

const PARTS = ['forms', 'workflows', 'types', 'registers', 'print-templates', 'seed', 'profiles', 'roles'];

export function makeFixtureRoot(...fixtures: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-root-'));
  for (const part of PARTS) {
    const from = path.join(ROOT_DIR, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(root, part), { recursive: true });
  }
  for (const name of fixtures) fs.cpSync(path.join(ROOT_DIR, 'test', 'fixtures', name), root, { recursive: true });
  return root;
}
