import { sql } from 'kysely';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  REST_PATH,
  restLogin,
  signIn,
  startHarness,
  writeJson,
  type Harness,
  type TestDb,
} from '../../../test/harness.js';
import { loginExXml, postSoap, readReturn } from '../../../test/soap-client.js';
import { countersFor, type LicenseCounter } from '../index.js';
import { createLicensingRepo } from '../licensing.repo.js';

const N = 5;
const K = 7;
const INVENTORY = {
  standardCallControl: 4,
  advancedCallControl: 0,
  google: 3,
  salesforce: 10,
  dataAccess: N,
  virtualEnablement: false,
  miVoiceIntegration: true,
  trustedMode: false,
};

async function usage(h: Harness) {
  const rows = await h.ctx.db.db.selectFrom('license_usage').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.license_type, Number(r.used)]));
}

/** Counters must always equal what the live sessions hold. */
async function expectCountersMatchSessions(h: Harness) {
  const sessions = await h.ctx.db.db.selectFrom('app_sessions').select('licenses').execute();
  const held: Record<string, number> = {};
  for (const s of sessions) for (const c of JSON.parse(s.licenses) as string[]) held[c] = (held[c] ?? 0) + 1;
  const u = await usage(h);
  for (const [k, v] of Object.entries(u)) expect(v, k).toBe(held[k] ?? 0);
}

describe.each(DB_KINDS)('licensing (%s)', (kind) => {
  let db: TestDb;
  let h: Harness;
  let clock = Date.now();
  beforeAll(async () => {
    db = freshDb(kind);
    h = await startHarness(db, {
      env: { OIG_LICENSE_FILE: writeJson(db.dataDir, 'license.json', INVENTORY), OIG_REST_KEEPALIVE_S: '60' },
      context: { now: () => clock },
      start: false,
    });
    const { agent } = await signIn(h);
    await createAccount(agent, APPS.acme);
    await createAccount(agent, APPS.google);
  });
  afterAll(() => h.dispose());

  it(`N+K parallel REST logins for N Data Access licenses: exactly N succeed`, async () => {
    const results = await Promise.all(Array.from({ length: N + K }, () => restLogin(h, APPS.acme)));
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(ok).toHaveLength(N);
    expect(refused).toHaveLength(K);
    for (const r of refused) expect(r.body).toEqual({ result: false, error: 'No License' });
    expect((await usage(h)).dataAccess).toBe(N);
    await expectCountersMatchSessions(h);
    const overview = (await (await signIn(h)).agent.get('/api/v1/overview').expect(200)).body;
    expect(overview.licensing.dataAccess).toEqual({ available: N, used: N, server: false });

    // Release at logout: one logout frees exactly one license for the next login.
    await supertest(h.app).delete(REST_PATH).set('Authorization', ok[0]!.body.sessionId).expect(200);
    expect((await usage(h)).dataAccess).toBe(N - 1);
    await restLogin(h, APPS.acme).expect(200);
    await restLogin(h, APPS.acme).expect(403);
    expect((await usage(h)).dataAccess).toBe(N);

    // Release at expiry: after the keep-alive window every license is back.
    clock += 60_000 + 10_000;
    const ended = await h.ctx.manager.sweepOnce();
    expect(ended).toBe(N);
    expect((await usage(h)).dataAccess).toBe(0);
    await expectCountersMatchSessions(h);
  });

  it('a MiVoice for Google SOAP session takes 1 Standard CC + 1 Google; a failed allocation holds nothing', async () => {
    const login = () => postSoap(h, loginExXml({ ...APPS.google, localPassword: LOCAL_PASSWORD }));
    const results = await Promise.all(Array.from({ length: 6 }, login));
    const outcomes = results.map((r) => readReturn(r.text));
    // Google inventory is 3, Standard CC 4: Google runs out first.
    expect(outcomes.filter((o) => o.result === 'true')).toHaveLength(3);
    expect(outcomes.filter((o) => o.result === 'false').map((o) => o.child('errorDesc'))).toEqual([
      'No License',
      'No License',
      'No License',
    ]);
    const u = await usage(h);
    expect(u.google).toBe(3);
    expect(u.standardCallControl).toBe(3);
    expect(u.miVoiceIntegration).toBe(3);
    await expectCountersMatchSessions(h);
    // Third-party SOAP sessions consume no license at all.
    const tp = readReturn(
      (await postSoap(h, loginExXml({ ...APPS.acme, localPassword: LOCAL_PASSWORD }))).text,
    );
    expect(tp.result).toBe('true');
    expect(await usage(h)).toEqual(u);
  });
});

describe('licensing across two gateway processes sharing one PostgreSQL', () => {
  const dbA = freshDb('postgres');
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    const env = { OIG_LICENSE_FILE: writeJson(dbA.dataDir, 'license.json', INVENTORY) };
    a = await startHarness(dbA, { env });
    b = await startHarness({ ...dbA, drop: async () => undefined }, { env });
    await createAccount((await signIn(a)).agent, APPS.acme);
  });
  afterAll(async () => {
    await b.close();
    await a.dispose();
  });

  it('never allocates more than the inventory when both take logins at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 2 * (N + K) }, (_, i) => restLogin(i % 2 ? a : b, APPS.acme)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(N);
    expect((await usage(a)).dataAccess).toBe(N);
    // A session created by one process is known to the other (keep-alive and logout).
    const id = results.find((r) => r.status === 200)!.body.sessionId as string;
    await supertest(b.app).put(REST_PATH).set('Authorization', id).expect(200);
    await supertest(a.app).put(REST_PATH).set('Authorization', id).expect(200);
    await supertest(b.app).delete(REST_PATH).set('Authorization', id).expect(200);
    // Process A hears of the logout through NOTIFY and refuses the id from then on.
    await expect
      .poll(async () => (await supertest(a.app).put(REST_PATH).set('Authorization', id)).status, {
        timeout: 2_000,
        interval: 20,
      })
      .toBe(404);
    expect((await usage(b)).dataAccess).toBe(N - 1);
    await expectCountersMatchSessions(a);
  });
});

describe.each(DB_KINDS)('licenses of logins stored together (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { start: false });
  });
  afterAll(() => h.dispose());

  it('one transaction takes them in arrival order, each login all of its counters or none', async () => {
    const capacity = (c: LicenseCounter) => ({ dataAccess: 2, google: 1 })[c as 'dataAccess' | 'google'] ?? 5;
    const rest = { counters: countersFor('third-party', 'rest'), capacity };
    const google = { counters: countersFor('google', 'soap'), capacity };
    const outcome = await h.ctx.db.db
      .transaction()
      .execute((trx) =>
        createLicensingRepo(h.ctx.db.db, kind).allocateEach(trx, [rest, google, rest, google, rest, rest]),
      );
    expect(outcome).toEqual([null, null, null, 'google', 'dataAccess', 'dataAccess']);
    // The refused Google login held no Standard CC nor MiVoice Integration either.
    expect(await usage(h)).toMatchObject({
      dataAccess: 2,
      google: 1,
      standardCallControl: 1,
      miVoiceIntegration: 1,
    });
  });
});

describe('logins arriving together at one process (PostgreSQL)', () => {
  const M = 30;
  let h: Harness;
  beforeAll(async () => {
    const db = freshDb('postgres');
    h = await startHarness(db, {
      env: { OIG_LICENSE_FILE: writeJson(db.dataDir, 'license.json', { ...INVENTORY, dataAccess: M }) },
    });
    await createAccount((await signIn(h)).agent, APPS.acme);
  });
  afterAll(() => h.dispose());

  it('share transactions (not one commit each, one after the other), and all are stored', async () => {
    const results = await Promise.all(Array.from({ length: M }, () => restLogin(h, APPS.acme)));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: M }, () => 200));
    // xmin: the transaction that inserted each row.
    const { rows } = await sql<{ rows: string; transactions: string }>`
      select count(*) as rows, count(distinct xmin::text) as transactions from app_sessions`.execute(
      h.ctx.db.db,
    );
    expect(Number(rows[0]!.rows)).toBe(M);
    expect(Number(rows[0]!.transactions)).toBeLessThan(M);
    expect((await usage(h)).dataAccess).toBe(M);
    await expectCountersMatchSessions(h);
  });
});
