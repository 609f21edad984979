import { randomUUID } from 'node:crypto';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REFUSED_LOGIN_NAME_MAX,
  REFUSED_LOGIN_PER_ADDRESS_MAX,
  refusedLoginPageSchema,
  type RefusedLogin,
} from '@oig/shared';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  restLogin,
  signIn,
  signInSupport,
  startHarness,
  writeJson,
  type Harness,
} from '../../../test/harness.js';
import { loginExXml, postSoap, readReturn } from '../../../test/soap-client.js';
import { createRefusedLoginsRepo } from '../refused-logins.repo.js';

const DAY = 86_400_000;
/** No licenses: every SOAP and REST login that gets that far is "No License". */
const NO_LICENSES = {
  standardCallControl: 0,
  advancedCallControl: 0,
  google: 0,
  salesforce: 0,
  dataAccess: 0,
  virtualEnablement: false,
  miVoiceIntegration: true,
  trustedMode: false,
};
/** Strings a refused login sent as passwords: none may be stored anywhere in the row. */
const SECRET = 'never-store-this-secret';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

async function allRows(h: Harness) {
  await h.ctx.flushRefusedLogins();
  return h.ctx.db.db.selectFrom('refused_logins').selectAll().execute();
}

/** Writes what the recorder holds (earlier tests' refusals), then empties the table. */
async function clear(h: Harness) {
  await h.ctx.flushRefusedLogins();
  await h.ctx.db.db.deleteFrom('refused_logins').execute();
}

async function list(agent: Agent, query: Record<string, string> = {}) {
  const res = await agent.get('/api/v1/sessions/refused').query(query).expect(200);
  return refusedLoginPageSchema.parse(res.body);
}

describe.each(DB_KINDS)('refused application logins (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;

  beforeAll(async () => {
    const db = freshDb(kind);
    h = await startHarness(db, {
      env: { OIG_LICENSE_FILE: writeJson(db.dataDir, 'license.json', NO_LICENSES) },
      context: { historyPruneMs: 0 },
    });
    admin = (await signIn(h)).agent;
    await createAccount(admin, APPS.acme);
    await createAccount(admin, APPS.google);
  });
  afterAll(() => h.dispose());

  const soapLogin = async (f: Record<string, string | undefined>) =>
    readReturn((await postSoap(h, loginExXml(f), 'loginEx').expect(200)).text);

  it('records every kind of refusal on REST and SOAP with its reason, never the password', async () => {
    await clear(h);
    // REST
    await restLogin(h, { ...APPS.acme, applicationName: 'Nobody' }, SECRET).expect(401);
    await restLogin(h, { ...APPS.acme, applicationPassword: SECRET }).expect(401);
    await restLogin(h, APPS.acme, SECRET).expect(401);
    await restLogin(h, APPS.salesforce, SECRET).expect(401); // in the ACL, no local password set
    await restLogin(h, APPS.acme).expect(403); // right passwords: No License (Data Access)
    // No application name, no ApplicationInfo header.
    await supertest(h.app)
      .get('/mitel/oig/rest/resources/v1/sessions')
      .query({ companyName: 'Acme' })
      .set('Authorization', SECRET)
      .expect(400);
    await admin.patch('/api/v1/accounts/Acme/Call%20Recorder').send({ enabled: false }).expect(200);
    await restLogin(h, APPS.acme).expect(403);
    await admin.patch('/api/v1/accounts/Acme/Call%20Recorder').send({ enabled: true }).expect(200);
    // SOAP
    const soap = { ...APPS.google, localPassword: LOCAL_PASSWORD, version: '4.0' };
    expect((await soapLogin({ ...soap, version: '9.9' })).result).toBe('false');
    expect((await soapLogin({ ...soap, applicationPassword: SECRET })).result).toBe('false');
    expect((await soapLogin({ ...soap, localPassword: SECRET })).result).toBe('false');
    // The Google profile's counters are taken in order: google (0 here) is the first found full.
    expect((await soapLogin(soap)).child('errorDesc')).toMatch(/No License/);
    expect((await soapLogin({ ...soap, companyName: undefined })).result).toBe('false');

    const rows = await allRows(h);
    const seen = rows
      .map((r) => [r.protocol, r.reason, r.license, r.detail].filter(Boolean).join(' '))
      .sort();
    expect(seen).toEqual(
      [
        'rest unknown_application',
        'rest bad_application_password',
        'rest bad_local_password',
        'rest no_local_password',
        'rest no_license dataAccess',
        'rest missing_parameter applicationName, applicationPassword',
        'rest disabled',
        'soap unsupported_version 9.9',
        'soap bad_application_password',
        'soap bad_local_password',
        'soap no_license google',
        'soap missing_parameter companyName',
      ].sort(),
    );
    for (const r of rows) {
      expect(JSON.stringify(r)).not.toContain(SECRET);
      expect(JSON.stringify(r)).not.toContain(LOCAL_PASSWORD);
      expect(JSON.stringify(r)).not.toContain(APPS.acme.applicationPassword);
      expect(r.client_address).not.toBe('');
      expect(Number(r.attempts)).toBe(1);
    }
    const unknown = rows.find((r) => r.reason === 'unknown_application')!;
    expect([unknown.company_name, unknown.application_name]).toEqual(['Acme', 'Nobody']);
  });

  it('throttled logins are recorded, identical ones as one row with their count', async () => {
    await clear(h);
    const app = { ...APPS.acme, applicationName: 'Storm App' };
    for (let i = 0; i < 25; i++) await restLogin(h, app, SECRET);
    const rows = await allRows(h);
    const by = (reason: string) =>
      rows.filter((r) => r.reason === reason).reduce((n, r) => n + Number(r.attempts), 0);
    expect(by('unknown_application')).toBe(20);
    expect(by('throttled')).toBe(5);
    // Identical refusals between two writes share a row: fewer rows than attempts.
    expect(rows.length).toBeLessThan(25);
  });

  it('keeps names as sent up to their bound', async () => {
    await clear(h);
    await restLogin(h, { ...APPS.acme, applicationName: 'x'.repeat(300) }, SECRET).expect(401);
    const [row] = await allRows(h);
    expect(row!.application_name).toBe('x'.repeat(REFUSED_LOGIN_NAME_MAX));
  });

  describe('GET /sessions/refused and .csv', () => {
    const seed = async () => {
      await clear(h);
      const base = Date.parse('2026-03-10T12:00:00Z');
      const rows = Array.from({ length: 30 }, (_, i) => ({
        id: randomUUID(),
        at: base + i * 60_000,
        last_at: base + i * 60_000 + 500,
        attempts: i + 1,
        company_name: i % 2 ? 'Acme' : 'Globex',
        application_name: i % 2 ? 'Call Recorder' : '=Dialer',
        protocol: i % 3 ? ('rest' as const) : ('soap' as const),
        client_address: '192.0.2.7',
        reason: i % 5 ? 'bad_local_password' : 'no_license',
        license: i % 5 ? null : 'standardCallControl',
        detail: null,
      }));
      await h.ctx.db.db.insertInto('refused_logins').values(rows).execute();
      return base;
    };

    it('pages newest first and filters by application, reason and dates', async () => {
      const base = await seed();
      const all = await list(admin, { limit: '10' });
      expect(all.total).toBe(30);
      expect(all.entries).toHaveLength(10);
      expect(all.entries[0]!.at).toBe(new Date(base + 29 * 60_000).toISOString());
      expect(all.entries[0]!.attempts).toBe(30);
      const third = await list(admin, { limit: '10', offset: '20' });
      expect(third.entries.at(-1)!.at).toBe(new Date(base).toISOString());
      const ids = new Set(
        [...all.entries, ...(await list(admin, { limit: '10', offset: '10' })).entries, ...third.entries].map(
          (e) => e.id,
        ),
      );
      expect(ids.size).toBe(30);

      expect((await list(admin, { application: 'recorder' })).total).toBe(15);
      const lic = await list(admin, { reason: 'no_license' });
      expect(lic.total).toBe(6);
      expect(lic.entries.every((e: RefusedLogin) => e.license === 'standardCallControl')).toBe(true);
      const window = await list(admin, {
        from: new Date(base + 10 * 60_000).toISOString(),
        to: new Date(base + 19 * 60_000).toISOString(),
      });
      expect(window.total).toBe(10);
      expect((await list(admin, { application: 'dialer', reason: 'no_license' })).total).toBe(3);
    });

    it('CSV: English words and codes, formulas neutralised, the same filter', async () => {
      await seed();
      const res = await admin.get('/api/v1/sessions/refused.csv').query({ reason: 'no_license' }).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      expect(res.headers['content-disposition']).toContain('oig-refused-logins.csv');
      const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe(
        'Time,Last Attempt,Attempts,Company Name,Application Name,Protocol,Client Address,Reason,License,Detail,' +
          'Protocol Code,Reason Code,License Code',
      );
      expect(lines).toHaveLength(7);
      expect(res.text).toContain(",Globex,'=Dialer,");
      expect(lines[1]).toContain(',No License,Standard Call Control,,');
      expect(lines[1]).toMatch(/,no_license,standardCallControl$/);
    });

    it('support reads both; anonymous gets 401', async () => {
      await seed();
      const support = (await signInSupport(h, admin)).agent;
      expect((await list(support)).total).toBe(30);
      await support.get('/api/v1/sessions/refused.csv').expect(200);
      await supertest(h.app).get('/api/v1/sessions/refused').expect(401);
      await supertest(h.app).get('/api/v1/sessions/refused.csv').expect(401);
    });

    it('refuses bad query parameters with a 400 naming the field, and changes nothing', async () => {
      await seed();
      const bad = async (query: Record<string, string>, field: string) => {
        const res = await admin.get('/api/v1/sessions/refused').query(query).expect(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(Object.keys(res.body.error.fields)).toContain(field);
        expect(res.body.error.fieldReasons[field].reason).toBeTruthy();
        return res.body.error.fieldReasons[field].reason as string;
      };
      await bad({ reason: 'wrong_guess' }, 'reason');
      await bad({ limit: '0' }, 'limit');
      await bad({ limit: '501' }, 'limit');
      await bad({ offset: '-1' }, 'offset');
      await bad({ from: 'yesterday' }, 'from');
      await bad({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'from');
      await bad({ application: 'a'.repeat(129) }, 'application');
      // An unknown parameter (a typo) is refused, not ignored.
      const unknown = await admin.get('/api/v1/sessions/refused').query({ page: '2' }).expect(400);
      expect(unknown.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(unknown.body.error)).toContain('page');
      await admin.get('/api/v1/sessions/refused.csv').query({ reason: 'nope' }).expect(400);
      expect((await list(admin)).total).toBe(30);
    });
  });

  it('the Overview counts the last 24 hours of attempts by reason', async () => {
    await clear(h);
    const now = Date.now();
    const row = (at: number, reason: string, attempts: number) => ({
      id: randomUUID(),
      at,
      last_at: at,
      attempts,
      company_name: 'Acme',
      application_name: 'Call Recorder',
      protocol: 'rest' as const,
      client_address: '192.0.2.7',
      reason,
      license: null,
      detail: null,
    });
    await h.ctx.db.db
      .insertInto('refused_logins')
      .values([
        row(now - 1_000, 'bad_local_password', 3),
        row(now - 2_000, 'bad_local_password', 2),
        row(now - 3_000, 'throttled', 7),
        row(now - DAY - 60_000, 'disabled', 100),
      ])
      .execute();
    const res = await admin.get('/api/v1/overview').expect(200);
    expect(res.body.refusedLogins).toEqual({
      total: 12,
      byReason: [
        { reason: 'bad_local_password', attempts: 5 },
        { reason: 'throttled', attempts: 7 },
      ],
    });
  });
});

describe.each(DB_KINDS)('refused logins retention (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(freshDb(kind), {
      env: { OIG_REFUSED_LOGIN_RETENTION_DAYS: '2', OIG_REFUSED_LOGIN_MAX_ROWS: '1000' },
      context: { historyPruneMs: 0 },
    });
  });
  afterAll(() => h.dispose());

  it('prunes rows older than the retention, then the oldest beyond the row cap', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 1_250 }, (_, i) => ({
      id: randomUUID(),
      // 50 rows 3 days old, then 1,200 recent ones, one a second, newest last.
      at: i < 50 ? now - 3 * DAY - i : now - (1_250 - i) * 1_000,
      last_at: now,
      attempts: 1,
      company_name: 'Acme',
      application_name: 'Call Recorder',
      protocol: 'rest' as const,
      client_address: '192.0.2.7',
      reason: 'bad_local_password',
      license: null,
      detail: null,
    }));
    for (let i = 0; i < rows.length; i += 250)
      await h.ctx.db.db
        .insertInto('refused_logins')
        .values(rows.slice(i, i + 250))
        .execute();
    // The CSV reads them in pages (500 per statement, keyset): every row once, newest first.
    const lines = (await h.ctx.refusedLogins.csv({ offset: 0, limit: 50 })).split('\r\n').slice(1);
    expect(lines).toHaveLength(1_250);
    const times = lines.map((l) => Date.parse(l.split(',')[0]!));
    expect(times).toEqual([...rows.map((r) => r.at)].sort((a, b) => b - a));
    const deleted = await h.ctx.refusedLoginsRetention.prune();
    expect(deleted).toBe(250);
    const left = await h.ctx.db.db.selectFrom('refused_logins').select(['at']).orderBy('at').execute();
    expect(left).toHaveLength(1_000);
    // The newest thousand stayed.
    expect(Number(left[0]!.at)).toBe(rows[250]!.at);
    expect(await h.ctx.refusedLoginsRetention.prune()).toBe(0);
  });
});

describe.each(DB_KINDS)('refused logins: control characters, floods from one address (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  beforeAll(async () => {
    h = await startHarness(freshDb(kind), {
      env: { OIG_REFUSED_LOGIN_MAX_ROWS: '1000' },
      // No write timer: each test writes what is held when it chooses, so a flood is one write period.
      context: { historyPruneMs: 0, refusedLoginWriteMs: 0, refusedLoginPruneEveryRows: 50 },
    });
    admin = (await signIn(h)).agent;
  });
  afterAll(() => h.dispose());

  it('a login with NUL and control characters is recorded with them replaced, and recording goes on', async () => {
    await clear(h);
    await restLogin(
      h,
      { ...APPS.acme, companyName: 'Ac\u0000me\u0001', applicationName: 'Nul\u0000\u001fApp' },
      SECRET,
    ).expect(401);
    const xml = loginExXml({
      applicationName: 'SOAP\tApp\n',
      companyName: 'Soap\rCo',
      applicationPassword: SECRET,
      localPassword: SECRET,
      version: '4.0',
    });
    expect(readReturn((await postSoap(h, xml, 'loginEx').expect(200)).text).result).toBe('false');
    const rows = await allRows(h);
    expect(rows.map((r) => [r.protocol, r.company_name, r.application_name]).sort()).toEqual([
      ['rest', 'Ac\uFFFDme\uFFFD', 'Nul\uFFFD\uFFFDApp'],
      ['soap', 'Soap\uFFFDCo', 'SOAP\uFFFDApp\uFFFD'],
    ]);
    await restLogin(h, { ...APPS.acme, applicationName: 'After' }, SECRET).expect(401);
    expect((await allRows(h)).map((r) => r.application_name)).toContain('After');
    const page = await list(admin, { application: 'nul' });
    expect(page.entries.map((e) => [e.applicationName, e.folded])).toEqual([['Nul\uFFFD\uFFFDApp', false]]);
  });

  it('a row written again under its id (a write whose answer was lost, tried again) takes the later count', async () => {
    await clear(h);
    const repo = createRefusedLoginsRepo(h.ctx.db.db);
    const row = {
      id: randomUUID(),
      at: 1_000,
      last_at: 1_000,
      attempts: 2,
      company_name: 'Acme',
      application_name: 'Twice',
      protocol: 'rest' as const,
      client_address: '192.0.2.7',
      reason: 'bad_local_password',
      license: null,
      detail: null,
    };
    await repo.insert([row]);
    await repo.insert([{ ...row, attempts: 5, last_at: 2_000 }]);
    const rows = await h.ctx.db.db.selectFrom('refused_logins').selectAll().execute();
    expect(rows.map((r) => [r.id, Number(r.attempts), Number(r.last_at)])).toEqual([[row.id, 5, 2_000]]);
  });

  it('past 50 distinct refusals from one address in a write period, the rest are one row per reason', async () => {
    await clear(h);
    for (let i = 0; i < REFUSED_LOGIN_PER_ADDRESS_MAX + 10; i++)
      await restLogin(h, { ...APPS.acme, applicationName: `Random ${i}` }, SECRET).expect(401);
    await h.ctx.flushRefusedLogins();
    const page = await list(admin, { limit: '500' });
    expect(page.total).toBe(REFUSED_LOGIN_PER_ADDRESS_MAX + 1);
    const folded = page.entries.filter((e) => e.folded);
    expect(folded.map((e) => [e.reason, e.attempts, e.applicationName, e.companyName])).toEqual([
      ['unknown_application', 10, '', ''],
    ]);
    expect(folded[0]!.clientAddress).toBe(page.entries.find((e) => !e.folded)!.clientAddress);
    // The CSV says what the row is, in English, in its Detail.
    const csv = await admin.get('/api/v1/sessions/refused.csv').expect(200);
    expect(csv.text).toContain('Various applications: more than 50 different refusals from this address');
    // The next write period records distinct ones again.
    await restLogin(h, { ...APPS.acme, applicationName: 'Next period' }, SECRET).expect(401);
    await h.ctx.flushRefusedLogins();
    expect((await list(admin, { application: 'next period' })).total).toBe(1);
  });

  it('the table is pruned to OIG_REFUSED_LOGIN_MAX_ROWS after every so many rows written, not only hourly', async () => {
    await clear(h);
    const now = Date.now();
    const seeded = Array.from({ length: 1_000 }, (_, i) => ({
      id: randomUUID(),
      at: now - 60_000 - (1_000 - i) * 1_000,
      last_at: now - 60_000,
      attempts: 1,
      company_name: 'Acme',
      application_name: 'Seeded',
      protocol: 'rest' as const,
      client_address: '192.0.2.7',
      reason: 'bad_local_password',
      license: null,
      detail: null,
    }));
    for (let i = 0; i < seeded.length; i += 250)
      await h.ctx.db.db
        .insertInto('refused_logins')
        .values(seeded.slice(i, i + 250))
        .execute();
    for (let i = 0; i < 50; i++)
      await restLogin(h, { ...APPS.acme, applicationName: `Storm ${i}` }, SECRET).expect(401);
    await h.ctx.flushRefusedLogins(); // 50 rows written: the prune starts, and is waited for
    const left = await h.ctx.db.db.selectFrom('refused_logins').select(['application_name']).execute();
    expect(left).toHaveLength(1_000);
    expect(left.filter((r) => r.application_name.startsWith('Storm'))).toHaveLength(50);
  });
});

describe('refused logins of two processes on one PostgreSQL', () => {
  const db = freshDb('postgres');
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    a = await startHarness(db);
    b = await startHarness({ ...db, drop: async () => undefined });
  });
  afterAll(async () => {
    await b.close();
    await a.dispose();
  });

  it('both write, and each reads what both wrote', async () => {
    await restLogin(a, { ...APPS.acme, applicationName: 'From A' }, SECRET).expect(401);
    await restLogin(b, { ...APPS.acme, applicationName: 'From B' }, SECRET).expect(401);
    await Promise.all([a.ctx.flushRefusedLogins(), b.ctx.flushRefusedLogins()]);
    for (const h of [a, b]) {
      const page = await list((await signIn(h)).agent);
      expect(page.entries.map((e) => e.applicationName).sort()).toEqual(['From A', 'From B']);
    }
  });
});
