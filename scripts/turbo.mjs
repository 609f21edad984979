// Runs the project's turbo with its telemetry off. Turbo reads no project-level setting for
// telemetry (only `turbo telemetry disable`, which writes the user's config, or these variables),
// so every npm script goes through this file; turbo.json turns the update check off.
//
//   node scripts/turbo.mjs run build --filter=@oig/bff
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const bin = path.join(path.dirname(require.resolve('turbo/package.json')), 'bin', 'turbo');
const r = spawnSync(process.execPath, [bin, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
});
if (r.error) throw r.error;
process.exit(r.status ?? 1);
