import { defineConfig } from 'vitest/config';
import { reporters } from '../scripts/vitest-reporters.mjs';

export default defineConfig({
  resolve: { conditions: ['@oig/source'] },
  test: { include: ['src/**/*.test.ts'], passWithNoTests: false, ...reporters('shared') },
});
