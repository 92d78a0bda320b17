// Temporary import files hold personal data (the uploaded workbook, the rows read): those a crash
// left behind are removed when a server starts; those of servers still running are kept.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from './helpers/app.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-tmpdir-test-'));
const originalTmp = process.env.TMPDIR;
afterAll(() => {
  process.env.TMPDIR = originalTmp;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A folder as an import leaves it, holding a workbook. */
function leftBehind(name: string, ageMs = 0): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'upload.xlsx'), '身份证号 440604199001011234');
  const t = new Date(Date.now() - ageMs);
  fs.utimesSync(dir, t, t);
  return dir;
}

describe('temporary import files', () => {
  it('a starting server removes what crashed imports left, and keeps what running ones use', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has ended
    const crashed = leftBehind(`beian-import-${deadPid}-a1b2c3`);
    const crashedRows = leftBehind(`beian-rows-${deadPid}-d4e5f6`);
    const running = leftBehind(`beian-import-${process.ppid}-g7h8i9`); // a live process's
    const oldRelease = leftBehind('beian-import-Zx81Qa', 7 * 60 * 60 * 1000); // the 2026-12 naming, 7 h old
    const recentRelease = leftBehind('beian-import-Pq42Lm');
    const unrelated = leftBehind(`other-${deadPid}-x`);

    process.env.TMPDIR = tmp; // os.tmpdir() reads it on every call
    const app = await startTestApp();
    process.env.TMPDIR = originalTmp;
    await app.close();

    for (const gone of [crashed, crashedRows, oldRelease]) expect(fs.existsSync(gone), gone).toBe(false);
    for (const kept of [running, recentRelease, unrelated]) expect(fs.existsSync(kept), kept).toBe(true);
  });
});
