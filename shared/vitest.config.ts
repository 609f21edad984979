import { defineConfig } from 'vitest/config';
export default defineConfig({ resolve: { conditions: ['@oig/source'] }, test: { include: ['src/**/*.test.ts'] } });
