// Bundles the BFF into dist/index.js, and the backup/restore CLI into dist/backup-cli.js (the
// release archive's `bin/oig backup|restore`). Workspace sources (@oig/shared) are bundled in;
// npm dependencies stay external and load from node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@oig/'));

await build({
  entryPoints: { index: 'src/index.ts', 'backup-cli': 'src/backup-cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  conditions: ['@oig/source'],
  external,
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log('bff: built dist/index.js, dist/backup-cli.js');
