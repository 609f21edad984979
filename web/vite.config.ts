import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const BFF = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
      output: {
        // Each strings file (lib/i18n.ts) is a chunk named for what it holds: strings-fr-overview-….js.
        chunkFileNames: (chunk) => {
          const strings = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(chunk.facadeModuleId ?? '');
          return strings ? `assets/strings-${strings[1]}-${strings[2]}-[hash].js` : 'assets/[name]-[hash].js';
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
