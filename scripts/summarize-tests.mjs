// Prints one line "N passed, N failed" over every JSON test report in the given folder
// (vitest reports from each workspace, Playwright's from e2e).
//
//   node scripts/summarize-tests.mjs <reports dir> [<test log> <exit status> [<report prefix>]]...
//   (the prefix, "" for none, is needed when another command follows)
//
// With the log and the exit status of a test command, a failed type check (turbo's
// "Failed: @oig/x#typecheck") counts as one failure each, and a non-zero exit that none of that
// command's reports explains (e.g. e2e never started) counts as one: the summary never says
// "0 failed" for a red run. Several commands may be given (CI's Node 20 run, then its Node 24
// pass): each with its log, its status and the prefix of its report files (VITEST_REPORT_PREFIX;
// none for the first).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.tmp/reports';
const runs = [];
for (let i = 3; i < process.argv.length; i += 3) {
  runs.push({
    log: process.argv[i],
    status: Number(process.argv[i + 1] ?? 0),
    prefix: process.argv[i + 2] ?? '',
  });
}
if (runs.length === 0) runs.push({ log: undefined, status: 0, prefix: '' });
// Longest first, so that "node24-" is not taken for a shorter prefix it starts with.
const prefixes = runs
  .map((r) => r.prefix)
  .filter((p) => p !== '')
  .sort((a, b) => b.length - a.length);
/** Which command a report file belongs to: by its prefix, else the command without one. */
const runOf = (file) => runs.find((r) => r.prefix === (prefixes.find((p) => file.startsWith(p)) ?? ''));

let passed = 0;
let failed = 0;
const lines = [];
const failedIn = new Map(runs.map((r) => [r, 0]));
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
  const run = runOf(f);
  if (run) failedIn.set(run, failedIn.get(run) + x);
  lines.push(`  ${f.replace(/\.json$/, '')}: ${p} passed, ${x} failed`);
}
if (lines.length === 0) failed += 1;
for (const run of runs) {
  if (run.log && existsSync(run.log)) {
    const log = readFileSync(run.log, 'utf8');
    const failedChecks = new Set(log.match(/@oig\/[\w-]+#typecheck/g) ?? []);
    // Only tasks turbo lists as failed (its summary line "Failed:    @oig/web#typecheck").
    const summary = log
      .split('\n')
      .filter((l) => /^\s*Failed:/.test(l))
      .join(' ');
    for (const task of failedChecks) {
      if (!summary.includes(task)) continue;
      failed += 1;
      failedIn.set(run, failedIn.get(run) + 1);
      lines.push(`  ${run.prefix}${task}: failed`);
    }
  }
  if (run.status !== 0 && failedIn.get(run) === 0) {
    failed += 1;
    lines.push(
      `  the test command${run.prefix ? ` (${run.prefix.replace(/-$/, '')})` : ''} exited with status ` +
        `${run.status} without a failed test in its reports (see ${run.log ?? 'the log'})`,
    );
  }
}
console.log(lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
