// Prints one line "N passed, N failed" over every JSON test report in the given folder
// (vitest reports from each workspace, Playwright's from e2e).
//
//   node scripts/summarize-tests.mjs <reports dir> [<test log> <exit status>]
//
// With the log and the exit status of the test command, a failed type check (turbo's
// "Failed: @oig/x#typecheck") counts as one failure each, and a non-zero exit that no report
// explains (e.g. e2e never started) counts as one: the summary never says "0 failed" for a red run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.tmp/reports';
const logFile = process.argv[3];
const status = Number(process.argv[4] ?? 0);
let passed = 0;
let failed = 0;
const lines = [];
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith('.json'))
  .sort()) {
  const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  let p;
  let x;
  if (r.stats && 'expected' in r.stats) {
    p = r.stats.expected + (r.stats.flaky ?? 0);
    x = r.stats.unexpected + (r.errors?.length ?? 0);
  } else {
    p = r.numPassedTests ?? 0;
    // A failed test also fails its describe blocks and its file: count suites only when no test
    // failed (a file that could not even load).
    x = r.numFailedTests || (r.numFailedTestSuites ?? 0);
    if (r.success === false && x === 0) x = 1;
  }
  passed += p;
  failed += x;
  lines.push(`  ${f.replace(/\.json$/, '')}: ${p} passed, ${x} failed`);
}
if (lines.length === 0) failed += 1;
if (logFile && existsSync(logFile)) {
  const failedChecks = new Set(readFileSync(logFile, 'utf8').match(/@oig\/[\w-]+#typecheck/g) ?? []);
  // Only tasks turbo lists as failed (its summary line "Failed:    @oig/web#typecheck").
  const summary = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => /^\s*Failed:/.test(l))
    .join(' ');
  for (const task of failedChecks) {
    if (!summary.includes(task)) continue;
    failed += 1;
    lines.push(`  ${task}: failed`);
  }
}
if (status !== 0 && failed === 0) {
  failed += 1;
  lines.push(
    `  the test command exited with status ${status} without a failed test in the reports (see the log)`,
  );
}
console.log(lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
