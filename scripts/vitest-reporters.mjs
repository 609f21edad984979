// Shared by every workspace's vitest config: with VITEST_REPORT_DIR set (CI), also write a JSON
// report that scripts/summarize-tests.mjs adds up. VITEST_REPORT_PREFIX names a second run of the
// same suites (CI's Node 24 pass: "node24-bff.json") beside the first.
import path from 'node:path';

export function reporters(name) {
  const dir = process.env.VITEST_REPORT_DIR;
  const file = `${process.env.VITEST_REPORT_PREFIX ?? ''}${name}.json`;
  return dir ? { reporters: ['default', 'json'], outputFile: { json: path.join(dir, file) } } : {};
}
