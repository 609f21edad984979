// Shared by every workspace's vitest config: with VITEST_REPORT_DIR set (CI), also write a JSON
// report that scripts/summarize-tests.mjs adds up.
import path from 'node:path';

export function reporters(name) {
  const dir = process.env.VITEST_REPORT_DIR;
  return dir ? { reporters: ['default', 'json'], outputFile: { json: path.join(dir, `${name}.json`) } } : {};
}
