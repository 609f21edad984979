import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aclResponseSchema } from '@oig/shared';
import { refusedUrl, startFakeMcs, type FakeMcs, type McsBehaviour } from '../../../test/fake-mcs.js';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  restLogin,
  signIn,
  startHarness,
  type Harness,
  type TestDb,
} from '../../../test/harness.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

/** What the fake MCS serves: one new application, one demo application with a new password. */
const FETCHED = {
  newApp: {
    companyName: 'Fetched Co',
    applicationName: 'Fetched Dialer',
    applicationPassword: 'fetched-app-password-1',
  },
  acme: { ...APPS.acme, applicationPassword: 'acme-password-from-mcs' },
};
const FETCHED_ACL = {
  applications: [
    { ...FETCHED.newApp, serviceType: 'standard', licenseProfile: 'third-party' },
    {
      ...FETCHED.acme,
      serviceType: 'advanced',
      licenseProfile: 'third-party',
      certificateSubject: 'CN=Call Recorder',
    },
  ],
};
const TIMEOUT_MS = 1000;
const stripTime = (acl: Record<string, unknown>) => ({ ...acl, lastFetch: undefined });

describe.each(DB_KINDS)('ACL from the Mitel Certificate Server (%s)', (kind) => {
  let mcs: FakeMcs;
  let db: TestDb;
  let h: Harness;
  let admin: Agent;
  const env = () => ({ OIG_MCS_URL: mcs.url, OIG_MCS_TIMEOUT_MS: String(TIMEOUT_MS) });

  beforeAll(async () => {
    mcs = await startFakeMcs();
    db = freshDb(kind);
    h = await startHarness(db, { env: env() });
    admin = (await signIn(h)).agent;
  });
  afterAll(async () => {
    await h.dispose();
    await mcs.close();
  });

  const getAcl = async (agent = admin) =>
    aclResponseSchema.parse((await agent.get('/api/v1/acl').expect(200)).body);

  it('shows the MCS URL and no fetch yet, with the bundled list in use', async () => {
    const acl = await getAcl();
    expect(acl).toMatchObject({
      sourceKind: 'bundled',
      source: 'bundled demo ACL',
      mcsUrl: mcs.url,
      lastFetch: null,
    });
  });

  type Reason = { code: string; params: Record<string, unknown> };
  const failures: Array<[string, McsBehaviour, RegExp, Reason]> = [
    [
      'HTTP 500',
      { kind: 'raw', status: 500, body: 'boom' },
      /HTTP 500/,
      { code: 'http_status', params: { status: 500 } },
    ],
    [
      'HTTP 404',
      { kind: 'raw', status: 404, body: '{"applications":[]}' },
      /HTTP 404/,
      { code: 'http_status', params: { status: 404 } },
    ],
    [
      'not JSON (and the answer is not quoted back)',
      { kind: 'raw', status: 200, body: '<html>internal MCS page</html>' },
      /the answer is not JSON\. The previous/,
      { code: 'not_json', params: {} },
    ],
    // A redirect could send the server anywhere (SSRF): it is refused, not followed.
    [
      'a redirect',
      { kind: 'redirect', location: 'http://127.0.0.1:9/internal-only' },
      /HTTP 302 redirect, not followed/,
      { code: 'redirect', params: { status: 302 } },
    ],
    [
      'truncated JSON',
      { kind: 'raw', status: 200, body: '{"applications":[{' },
      /not JSON/,
      { code: 'not_json', params: {} },
    ],
    [
      'not an ACL (root)',
      { kind: 'json', body: [1, 2] },
      /not an Access Control List: \(root\)/,
      { code: 'not_acl', params: { path: '(root)' } },
    ],
    [
      'not an ACL (bad service type)',
      {
        kind: 'json',
        body: {
          applications: [{ ...FETCHED.newApp, serviceType: 'premium', licenseProfile: 'third-party' }],
        },
      },
      /not an Access Control List: applications\.0\.serviceType/,
      { code: 'not_acl', params: { path: 'applications.0.serviceType' } },
    ],
    [
      'not an ACL (missing application password)',
      {
        kind: 'json',
        body: {
          applications: [
            FETCHED_ACL.applications[0],
            {
              ...APPS.google,
              applicationPassword: undefined,
              serviceType: 'standard',
              licenseProfile: 'google',
            },
          ],
        },
      },
      /not an Access Control List: applications\.1\.applicationPassword/,
      { code: 'not_acl', params: { path: 'applications.1.applicationPassword' } },
    ],
    [
      'an application listed twice',
      { kind: 'json', body: { applications: [FETCHED_ACL.applications[0], FETCHED_ACL.applications[0]] } },
      /listed twice/,
      {
        code: 'duplicate_application',
        params: { index: 1, application: 'Fetched Dialer', company: 'Fetched Co' },
      },
    ],
    [
      'too large (declared)',
      { kind: 'declared-huge', bytes: 6 * 1024 * 1024 },
      /larger than 5 MB/,
      { code: 'too_large', params: { mb: 5 } },
    ],
    [
      'too large (streamed without length)',
      { kind: 'endless' },
      /larger than 5 MB/,
      { code: 'too_large', params: { mb: 5 } },
    ],
    [
      'never answers',
      { kind: 'hang' },
      new RegExp(`within ${TIMEOUT_MS} ms \\(timeout\\)`),
      { code: 'timeout', params: { ms: TIMEOUT_MS } },
    ],
    [
      'stops in the middle of the body',
      { kind: 'stall-body' },
      new RegExp(`within ${TIMEOUT_MS} ms \\(timeout\\)`),
      { code: 'timeout', params: { ms: TIMEOUT_MS } },
    ],
  ];

  it.each(failures)(
    'answers 502 when the MCS answer is %s, keeping the previous list',
    async (_name, behaviour, reason, failure) => {
      const before = await getAcl();
      mcs.set(behaviour);
      const requests = mcs.requests;
      const res = await admin.post('/api/v1/acl/refresh').expect(502);
      expect(mcs.requests).toBe(requests + 1);
      expect(res.body.error.code).toBe('upstream_failed');
      expect(res.body.error.message).toContain(mcs.url);
      expect(res.body.error.message).toMatch(reason);
      expect(res.body.error.message).not.toMatch(/internal/);
      expect(res.body.error.message).toContain(`The previous list from ${before.source} stays in use`);
      const after = await getAcl();
      expect(stripTime(after)).toEqual(stripTime(before));
      // The recorded attempt and the 502 carry the failure as a code and params too.
      expect(after.lastFetch).toEqual({
        at: expect.any(String),
        ok: false,
        error: res.body.error.message,
        reason: { code: failure.code, params: expect.objectContaining(failure.params) },
      });
      expect(res.body.error).toMatchObject({
        reason: 'mcs_fetch_failed',
        params: {
          failure: failure.code,
          url: mcs.url,
          source: before.source,
          ...Object.fromEntries(Object.entries(failure.params).map(([k, v]) => [k, String(v)])),
        },
      });
      // `detail` is the whole English reason, as mcs_fetch_failed documents it (never a failure's own detail).
      expect(res.body.error.message).toContain(`: ${res.body.error.params.detail}. The previous list`);
    },
  );

  it('stops reading an endless answer at the cap instead of waiting for the timeout', async () => {
    mcs.set({ kind: 'endless' });
    const res = await admin.post('/api/v1/acl/refresh').expect(502);
    expect(res.body.error.message).toMatch(/larger than 5 MB/);
    expect(res.body.error.message).not.toMatch(/timeout/);
    // The server did stream past the cap, and saw the client hang up.
    expect(mcs.endlessBytes).toBeGreaterThan(5 * 1024 * 1024);
    await expect.poll(() => mcs.endlessOpen, { timeout: 2_000, interval: 20 }).toBe(0);
  });

  it('replaces the list on success: new source and time, slow hashes only at rest, audit entry', async () => {
    await createAccount(admin, APPS.google);
    await createAccount(admin, APPS.acme);
    const google = (await restLogin(h, APPS.google).expect(200)).body.sessionId as string;
    mcs.set({ kind: 'json', body: FETCHED_ACL });
    const t0 = Date.now();
    const res = await admin.post('/api/v1/acl/refresh').expect(200);
    const body = aclResponseSchema.parse(res.body);
    expect(body).toMatchObject({
      sourceKind: 'mcs',
      source: mcs.url,
      mcsUrl: mcs.url,
      lastFetch: { ok: true, error: null, reason: null },
    });
    expect(Date.parse(body.loadedAt)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(body.lastFetch?.at).toBe(body.loadedAt);
    expect(body.applications).toEqual([
      {
        companyName: 'Fetched Co',
        applicationName: 'Fetched Dialer',
        serviceType: 'standard',
        licenseProfile: 'third-party',
        hasLocalPassword: false,
      },
      {
        companyName: 'Acme',
        applicationName: 'Call Recorder',
        serviceType: 'advanced',
        licenseProfile: 'third-party',
        certificateSubject: 'CN=Call Recorder',
        hasLocalPassword: true,
      },
    ]);
    expect(res.text).not.toContain('password-1');
    expect(await getAcl()).toEqual(body);

    // Accounts follow the new list (the service type comes from the ACL).
    const accounts = (await admin.get('/api/v1/accounts').expect(200)).body.accounts as Array<
      Record<string, unknown>
    >;
    expect(accounts.find((a) => a.applicationName === APPS.acme.applicationName)).toMatchObject({
      serviceType: 'advanced',
    });

    // Stored: salted slow hashes (scrypt), never the clear-text application passwords.
    const rows = await h.ctx.db.db.selectFrom('settings').selectAll().where('key', 'like', 'acl.%').execute();
    expect(rows.map((r) => r.key).sort()).toEqual(['acl.lastFetch', 'acl.mcs']);
    for (const pw of [FETCHED.newApp.applicationPassword, FETCHED.acme.applicationPassword])
      expect(JSON.stringify(rows)).not.toContain(pw);
    const stored = JSON.parse(rows.find((r) => r.key === 'acl.mcs')!.value) as {
      applications: Array<{ applicationPasswordHash: string }>;
    };
    expect(stored.applications.map((a) => a.applicationPasswordHash.split('$')[0])).toEqual([
      'scrypt',
      'scrypt',
    ]);

    const audit = (await admin.get('/api/v1/audit').query({ action: 'acl.refresh' }).expect(200)).body
      .entries as Array<Record<string, unknown>>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'admin',
      target: mcs.url,
      before: { sourceKind: 'bundled', applications: 3 },
      after: { sourceKind: 'mcs', source: mcs.url, applications: 2, added: ['Fetched Co / Fetched Dialer'] },
    });
    expect((audit[0]!.after as { removed: string[] }).removed.sort()).toEqual([
      'Mitel / MiVoice Integration for Google',
      'Mitel / MiVoice Integration for Salesforce',
    ]);

    // The open session of an application that left the list carries on; new logins follow the new list.
    expect((await restLogin(h, APPS.google).expect(401)).body.error).toBe('Application not registered');
    expect((await restLogin(h, APPS.acme).expect(401)).body.error).toBe('Application Password Invalid');
    await restLogin(h, FETCHED.acme).expect(200);
    await h.request().put('/mitel/oig/rest/resources/v1/sessions').set('Authorization', google).expect(200);
  });

  it('logs in with the fetched application password and refuses a wrong one', async () => {
    await createAccount(admin, FETCHED.newApp);
    await restLogin(h, FETCHED.newApp).expect(200);
    expect(
      (await restLogin(h, { ...FETCHED.newApp, applicationPassword: 'not-the-app-password' }).expect(401))
        .body.error,
    ).toBe('Application Password Invalid');
    expect((await restLogin(h, FETCHED.newApp, 'wrong-local-password').expect(401)).body.error).toBe(
      'Local Password Invalid',
    );
  });

  it('keeps the fetched list when a later fetch fails', async () => {
    const before = await getAcl();
    mcs.set({ kind: 'raw', status: 503, body: 'maintenance' });
    const res = await admin.post('/api/v1/acl/refresh').expect(502);
    expect(res.body.error.message).toContain(`The previous list from ${mcs.url} stays in use`);
    const after = await getAcl();
    expect(stripTime(after)).toEqual(stripTime(before));
    expect(after.lastFetch?.ok).toBe(false);
    expect(after.lastFetch?.reason).toEqual({
      code: 'http_status',
      params: { status: 503, statusText: 'Service Unavailable' },
    });
    await restLogin(h, FETCHED.newApp).expect(200);
    // An attempt recorded by a previous version (rolling upgrade) has its English text alone.
    const old = { at: after.lastFetch!.at, ok: false, error: 'Could not get the application list (old).' };
    await h.ctx.db.db
      .updateTable('settings')
      .set({ value: JSON.stringify(old) })
      .where('key', '=', 'acl.lastFetch')
      .execute();
    expect((await getAcl()).lastFetch).toEqual({ ...old, reason: null });
  });

  it('uses the fetched list after a restart (same database), logins included', async () => {
    const before = await getAcl();
    await h.close();
    // The MCS is down now: the stored list is used without it.
    mcs.set({ kind: 'raw', status: 500, body: 'down' });
    h = await startHarness(db, { env: env() });
    admin = (await signIn(h)).agent;
    const after = await getAcl();
    expect(after).toEqual(before);
    expect(after).toMatchObject({ sourceKind: 'mcs', source: mcs.url });
    await restLogin(h, FETCHED.newApp).expect(200);
    expect(
      (await restLogin(h, { ...FETCHED.newApp, applicationPassword: 'nope-nope' }).expect(401)).body.error,
    ).toBe('Application Password Invalid');
    expect((await restLogin(h, APPS.google).expect(401)).body.error).toBe('Application not registered');
  });

  it('answers 502 "connection refused" when nothing listens at OIG_MCS_URL', async () => {
    const url = await refusedUrl();
    const other = await startHarness(
      { ...db, drop: async () => undefined },
      { env: { OIG_MCS_URL: url, OIG_MCS_TIMEOUT_MS: String(TIMEOUT_MS) } },
    );
    try {
      const agent = (await signIn(other)).agent;
      const before = await getAcl(agent);
      const res = await agent.post('/api/v1/acl/refresh').expect(502);
      expect(res.body.error.code).toBe('upstream_failed');
      expect(res.body.error.message).toContain(url);
      expect(res.body.error.message).toContain('connection refused');
      expect(res.body.error.message).toContain('stays in use');
      expect(res.body.error.params).toMatchObject({ failure: 'connection_refused' });
      expect((await getAcl(agent)).lastFetch?.reason).toEqual({ code: 'connection_refused', params: {} });
      expect(stripTime(await getAcl(agent))).toEqual(stripTime(before));
      expect(before.sourceKind).toBe('mcs');
    } finally {
      await other.close();
    }
  });
});

describe.each(DB_KINDS)('ACL refresh without an MCS (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
  });
  afterAll(() => h.dispose());

  it('answers 503 naming OIG_MCS_URL and keeps the bundled list', async () => {
    const admin = (await signIn(h)).agent;
    const before = (await admin.get('/api/v1/acl').expect(200)).body;
    expect(before).toMatchObject({ mcsUrl: null, lastFetch: null, sourceKind: 'bundled' });
    const res = await admin.post('/api/v1/acl/refresh').expect(503);
    expect(res.body.error).toEqual({
      code: 'unavailable',
      message:
        'No Mitel Certificate Server is configured (OIG_MCS_URL); the application list from bundled demo ACL stays in use',
      reason: 'mcs_not_configured',
      params: { source: 'bundled demo ACL' },
    });
    expect((await admin.get('/api/v1/acl').expect(200)).body).toEqual(before);
    await createAccount(admin, APPS.acme);
    await restLogin(h, APPS.acme, LOCAL_PASSWORD).expect(200);
  });
});

describe.each(DB_KINDS)('ACL refresh from an MCS URL with credentials (%s)', (kind) => {
  let mcs: FakeMcs;
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    mcs = await startFakeMcs({ kind: 'json', body: FETCHED_ACL });
    url = mcs.url.replace('http://', 'http://oig:mcs-secret-9@');
    h = await startHarness(freshDb(kind), { env: { OIG_MCS_URL: url } });
  });
  afterAll(async () => {
    await h.dispose();
    await mcs.close();
  });

  it('authenticates with them and never shows them (API, audit, stored list)', async () => {
    const admin = (await signIn(h)).agent;
    const res = await admin.post('/api/v1/acl/refresh').expect(200);
    expect(mcs.lastAuthorization).toBe(`Basic ${Buffer.from('oig:mcs-secret-9').toString('base64')}`);
    expect(res.body).toMatchObject({ source: mcs.url, mcsUrl: mcs.url, sourceKind: 'mcs' });
    mcs.set({ kind: 'raw', status: 500, body: 'x' });
    const failed = await admin.post('/api/v1/acl/refresh').expect(502);
    expect(failed.body.error.message).toContain(mcs.url);
    const audit = await admin.get('/api/v1/audit').query({ action: 'acl.refresh' }).expect(200);
    const settings = await h.ctx.db.db.selectFrom('settings').selectAll().execute();
    for (const text of [
      res.text,
      failed.text,
      audit.text,
      (await admin.get('/api/v1/acl').expect(200)).text,
      JSON.stringify(settings),
    ]) {
      expect(text).not.toContain('mcs-secret-9');
    }
  });
});

describe('ACL refresh seen by another process (postgres)', () => {
  let mcs: FakeMcs;
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    mcs = await startFakeMcs({ kind: 'json', body: FETCHED_ACL });
    const db = freshDb('postgres');
    const env = { OIG_MCS_URL: mcs.url };
    a = await startHarness(db, { env });
    b = await startHarness({ ...db, drop: async () => undefined }, { env });
  });
  afterAll(async () => {
    await b.close();
    await a.dispose();
    await mcs.close();
  });

  it('serves the list fetched by the other process, logins included', async () => {
    const adminA = (await signIn(a)).agent;
    const adminB = (await signIn(b)).agent;
    // Not in B's list yet: the bundled demo is in use there.
    expect((await restLogin(b, FETCHED.newApp).expect(401)).body.error).toBe('Application not registered');

    const fetched = (await adminA.post('/api/v1/acl/refresh').expect(200)).body;
    await expect
      .poll(async () => (await adminB.get('/api/v1/acl').expect(200)).body.sourceKind, {
        timeout: 5_000,
        interval: 50,
      })
      .toBe('mcs');
    const seen = (await adminB.get('/api/v1/acl').expect(200)).body;
    expect(seen).toEqual(fetched);
    // In B's list now: it can be given a local password there.
    await createAccount(adminB, FETCHED.newApp);
    await restLogin(b, FETCHED.newApp).expect(200);
    await restLogin(a, FETCHED.newApp).expect(200);
    expect(
      (await restLogin(b, { ...FETCHED.newApp, applicationPassword: 'wrong-app-password' }).expect(401)).body
        .error,
    ).toBe('Application Password Invalid');
  });
});
