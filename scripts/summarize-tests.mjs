// Prints one line "N passed, N failed" over every JSON test report in the given folder
// (vitest reports from each workspace, Playwright's from e2e).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.tmp/reports';
let passed = 0;
let failed = 0;
const lines = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
  const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  let p;
  let x;
  if (r.stats && 'expected' in r.stats) {
    p = r.stats.expected + (r.stats.flaky ?? 0);
    x = r.stats.unexpected + (r.errors?.length ?? 0);
  } else {
    p = r.numPassedTests ?? 0;
    x = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0) - (r.numFailedTests ? 0 : 0);
    if (r.success === false && x === 0) x = 1;
  }
  passed += p;
  failed += x;
  lines.push(`  ${f.replace(/\.json$/, '')}: ${p} passed, ${x} failed`);
}
if (lines.length === 0) failed += 1;
console.log(lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
