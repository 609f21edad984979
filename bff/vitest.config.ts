import { defineConfig } from 'vitest/config';
import { reporters } from '../scripts/vitest-reporters.mjs';

export default defineConfig({
  resolve: { conditions: ['@oig/source'] },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // SQLite files and PostgreSQL schemas are per test file, so files may run in parallel.
    pool: 'forks',
    // Uses the PostgreSQL at PG_TEST_URL, or starts a throwaway one when none answers there.
    globalSetup: ['src/test/global-setup.ts'],
    ...reporters('bff'),
  },
});
