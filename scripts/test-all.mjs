// `npm test`: the whole suite on SQLite, then on PostgreSQL; fails if either fails.
// PostgreSQL comes from TEST_DATABASE_URL, else the machine's local server (trust auth, database test).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { skippedE2eFiles } from './e2e-skipped.mjs';

const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const extra = process.argv.slice(2);
fs.mkdirSync('build', { recursive: true });

// Browser tests drive the pages, not the database: they run once, on SQLite. Everything that
// reaches the database (HTTP, timers, crashes, imports) runs on both.
const runs = [
  { name: 'sqlite', env: { DATABASE_URL: '' }, args: [] },
  { name: 'postgres', env: { DATABASE_URL: pgUrl }, args: ['--exclude', 'test/e2e/**'] },
];
let passed = 0;
let failed = 0;
let ok = true;
// The failures of both runs, listed again at the very end: CI shows only the tail of a long log.
const failures = [];
for (const run of runs) {
  console.log(`\n=== test suite on ${run.name} ===`);
  const out = `build/vitest-${run.name}.json`;
  const res = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...run.args, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, ...run.env },
  });
  if (res.status !== 0) ok = false;
  try {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    console.log(`${run.name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
    if (report.numTotalTests === 0) ok = false;
    for (const file of report.testResults ?? []) {
      const where = file.name.replace(`${process.cwd()}/`, '');
      const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const t of failedTests) failures.push(`${run.name}: ${where} > ${t.fullName}\n    ${firstLine(t.failureMessages)}`);
      // A file that failed outside any test (import error, hook timeout) has no failed test.
      if (file.status === 'failed' && failedTests.length === 0) failures.push(`${run.name}: ${where}\n    ${firstLine([file.message])}`);
    }
    // Skipped browser tests (no Chromium) fail the run: CI must not pass without opening a page.
    const skipped = skippedE2eFiles(report);
    for (const f of skipped) console.log(`${run.name}: browser tests skipped (is Chromium installed?): ${f}`);
    if (skipped.length) ok = false;
  } catch {
    ok = false;
    console.log(`${run.name}: no report (the run did not finish)`);
  }
}
if (failures.length) console.log(`\nFailed:\n${failures.join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);

function firstLine(messages) {
  const text = (messages ?? []).filter(Boolean).join('\n');
  return text.split('\n').slice(0, 3).join('\n    ').slice(0, 600);
}
