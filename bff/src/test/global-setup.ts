// vitest globalSetup: one PostgreSQL for every test file of the run (see pg-server.ts). The test
// workers read PG_TEST_URL from the environment they are started with.
import { DEFAULT_PG_TEST_URL, ensureTestPostgres } from './pg-server.js';

export default async function setup(): Promise<() => Promise<void>> {
  const pg = await ensureTestPostgres(process.env.PG_TEST_URL || DEFAULT_PG_TEST_URL);
  process.env.PG_TEST_URL = pg.url;
  console.log(`bff tests on Node ${process.versions.node}: PostgreSQL suites run on ${pg.description}`);
  return async () => {
    await pg.stop();
  };
}
