import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import {
  defaultClientConditions,
  defineConfig,
  version as viteVersion,
  type Plugin,
  type ResolvedConfig,
} from 'vite';
// By path, not '@oig/shared/console-assets': Vite loads this file with every package import left to
// Node, which cannot run the TypeScript source that shared exports.
import { precompressDir } from '../shared/src/console-assets';

const BFF = 'http://127.0.0.1:8080';

const LOCALES = fileURLToPath(new URL('../locales/', import.meta.url));

/**
 * One version for every strings chunk (`strings-<language>-<file>-<version>.js`): a hash of all the
 * strings files and of the Vite that turns them into chunks, so any change of either renames them
 * all (they are cached for a year). One shared suffix instead of 170 content hashes keeps the
 * entry's table of strings chunks small once compressed (it names every language's files).
 */
function stringsVersion(): string {
  const hash = createHash('sha256').update(`vite ${viteVersion}\n`);
  for (const language of readdirSync(LOCALES).sort())
    for (const file of readdirSync(path.join(LOCALES, language)).sort())
      hash.update(`${language}/${file}\n`).update(readFileSync(path.join(LOCALES, language, file)));
  return hash.digest('base64url').slice(0, 8);
}
const STRINGS_VERSION = stringsVersion();

/**
 * Writes `<file>.br` and `<file>.gz` beside each text file of the build, once the build is written
 * (the rule and settings are in @oig/shared/console-assets, which the server's tests use too). The
 * server sends them by Accept-Encoding, so brotli at its strongest costs nothing at run time.
 */
export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'oig-precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        const outDir = path.resolve(config.root, config.build.outDir);
        const files = await precompressDir(outDir);
        const sum = (pick: (f: (typeof files)[number]) => number) => files.reduce((n, f) => n + pick(f), 0);
        const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
        config.logger.info(
          `precompressed ${files.length} files: ${kB(sum((f) => f.bytes))} → br ${kB(sum((f) => f.br ?? f.bytes))}, ` +
            `gzip ${kB(sum((f) => f.gzip ?? f.bytes))}`,
        );
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  resolve: {
    // '@oig/source' makes '@oig/shared' resolve to its TypeScript source.
    conditions: ['@oig/source', ...defaultClientConditions],
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@locales': fileURLToPath(new URL('../locales', import.meta.url)),
    },
  },
  server: {
    proxy: {
      '/api': BFF,
      '/axis2': BFF,
      '/mitel': BFF,
      '/healthz': BFF,
    },
  },
  preview: {
    proxy: {
      '/api': BFF,
      '/axis2': BFF,
      '/mitel': BFF,
      '/healthz': BFF,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The entry chunk (React, the router, TanStack Query, i18next) is ~430 kB raw / ~136 KB gzip;
    // the budget that matters is entry JS gzip ≤ 140 KB (web/bench), so only warn beyond that raw size.
    chunkSizeWarningLimit: 500,
    // dist/.vite/manifest.json: which chunk is each page's, for web/bench (not served: a dot folder).
    manifest: true,
    rollupOptions: {
      // Vite's default names, written out because the server relies on them: a name carrying its
      // content's hash is cached for a year (isHashedAsset in @oig/shared/console-assets).
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        // Each strings file (lib/i18n.ts) is a chunk named for what it holds: strings-fr-overview-….js.
        chunkFileNames: (chunk) => {
          const strings = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(chunk.facadeModuleId ?? '');
          return strings
            ? `assets/strings-${strings[1]}-${strings[2]}-${STRINGS_VERSION}.js`
            : 'assets/[name]-[hash].js';
        },
      },
      onwarn(warning, warn) {
        // zod ships /*#__PURE__*/ comments in places Rollup ignores; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
});
