// Temporary files of imports (the uploaded workbook, the spooled rows) hold personal data. They are
// removed when the import ends; a crash leaves them behind, so a starting server removes those of
// processes that no longer run. Each folder is named with its process id for that reason: servers
// sharing the machine's temp folder never remove each other's live files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIXES = ['beian-import-', 'beian-rows-'] as const;
/** Folders of the 2026-12 release have no process id: removed once this old, as no import runs that long. */
const UNNAMED_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** A new temporary folder for this process. */
export function makeTempDir(prefix: (typeof PREFIXES)[number]): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, someone else's
  }
}

/** Removes the import folders left by processes that ended; returns how many. */
export async function removeOrphanTempDirs(dir = os.tmpdir(), now = Date.now()): Promise<number> {
  let removed = 0;
  for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
    const prefix = PREFIXES.find((p) => name.startsWith(p));
    if (!prefix) continue;
    const full = path.join(dir, name);
    const pid = /^(\d+)-/.exec(name.slice(prefix.length))?.[1];
    if (pid ? Number(pid) === process.pid || alive(Number(pid)) : now - ((await fs.promises.stat(full).catch(() => null))?.mtimeMs ?? now) <= UNNAMED_MAX_AGE_MS) continue;
    await fs.promises.rm(full, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
