import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPS,
  createAccount,
  freshDb,
  PG_URL,
  REST_PATH,
  restLogin,
  signIn,
  startHarness,
  type Harness,
  type TestDb,
} from '../../test/harness.js';
import { applicationName } from '../db.js';
import supertest from 'supertest';

/** Kills every server connection of one gateway, as a PostgreSQL restart or failover would. */
async function killConnections(schema: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  const r = await c.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
    [applicationName(schema)],
  );
  await c.end();
  return r.rowCount ?? 0;
}

async function listeners(schema: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  const r = await c.query(
    "select count(*)::int as n from pg_stat_activity where application_name = $1 and query ilike 'LISTEN%'",
    [applicationName(schema)],
  );
  await c.end();
  return r.rows[0].n as number;
}

describe('PostgreSQL connections lost under a running gateway', () => {
  let db: TestDb;
  let a: Harness;
  let b: Harness;
  const schema = () => db.env.OIG_DB_SCHEMA!;
  beforeAll(async () => {
    db = freshDb('postgres');
    a = await startHarness(db);
    b = await startHarness({ ...db, drop: async () => undefined });
    await createAccount((await signIn(a)).agent, APPS.acme);
  });
  afterAll(async () => {
    await b.close();
    await a.dispose();
  });

  it('survives, serves again, and re-establishes cross-process notifications', async () => {
    const before = (await restLogin(a, APPS.acme).expect(200)).body.sessionId as string;
    expect(await killConnections(schema())).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    // Still up: the pool replaced its connections.
    await expect.poll(async () => (await restLogin(a, APPS.acme)).status, { timeout: 5_000 }).toBe(200);
    await supertest(b.app).put(REST_PATH).set('Authorization', before).expect(200);
    // Both processes listen again (back-off starts at 1 s).
    await expect.poll(() => listeners(schema()), { timeout: 8_000, interval: 250 }).toBe(2);
    // And an end in one process reaches the other at once again.
    await supertest(a.app).delete(REST_PATH).set('Authorization', before).expect(200);
    await expect
      .poll(async () => (await supertest(b.app).put(REST_PATH).set('Authorization', before)).status, {
        timeout: 2_000,
        interval: 20,
      })
      .toBe(404);
  });
});
