// Browser tests skip themselves where Chromium is missing (describe.skipIf), which is right on a
// developer's laptop and wrong in CI: a suite whose pages were never opened must not pass green.
// Reads a vitest JSON report and names every browser test file that ran none of its tests.
// Usage: node scripts/e2e-skipped.mjs build/vitest-sqlite.json (exit 1 when any file was skipped).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The browser test files of the report whose tests were all skipped (none passed or failed). */
export function skippedE2eFiles(report) {
  return (report.testResults ?? [])
    .filter((file) => /[\\/]test[\\/]e2e[\\/]/.test(file.name))
    .filter((file) => {
      const ran = (file.assertionResults ?? []).filter((t) => t.status === 'passed' || t.status === 'failed');
      return ran.length === 0;
    })
    .map((file) => file.name.slice(file.name.search(/test[\\/]e2e[\\/]/)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const skipped = skippedE2eFiles(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
  for (const f of skipped) console.log(`browser tests skipped (is Chromium installed?): ${f}`);
  process.exit(skipped.length ? 1 : 0);
}
