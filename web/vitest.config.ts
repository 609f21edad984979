import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';
import { reporters } from '../scripts/vitest-reporters.mjs';

// Inherits plugins, aliases and resolve.conditions ('@oig/source' + Vite's client defaults).
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
      setupFiles: ['./src/testing/setup.ts'],
      css: false,
      restoreMocks: true,
      unstubGlobals: true,
      ...reporters('web'),
    },
  }),
);
