import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  restLogin,
  signIn,
  startHarness,
  writeJson,
  type Harness,
} from '../../../test/harness.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
const DEMO_APP_PASSWORDS = Object.values(APPS).map((a) => a.applicationPassword);

describe.each(DB_KINDS)('application accounts (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    admin = (await signIn(h)).agent;
  });
  afterAll(() => h.dispose());

  const aclApp = async (applicationName: string) => {
    const res = await admin.get('/api/v1/acl').expect(200);
    return (res.body.applications as Array<Record<string, unknown>>).find(
      (a) => a.applicationName === applicationName,
    );
  };

  it('lists the three bundled demo applications, never with a password', async () => {
    const res = await admin.get('/api/v1/acl').expect(200);
    expect(res.body.source).toBe('bundled demo ACL');
    expect(res.body.sourceKind).toBe('bundled');
    expect(Number.isNaN(Date.parse(res.body.loadedAt))).toBe(false);
    expect(res.body.applications).toHaveLength(3);
    expect(res.body.applications).toEqual(
      expect.arrayContaining([
        {
          companyName: 'Mitel',
          applicationName: APPS.google.applicationName,
          serviceType: 'standard',
          licenseProfile: 'google',
          hasLocalPassword: false,
        },
        {
          companyName: 'Mitel',
          applicationName: APPS.salesforce.applicationName,
          serviceType: 'advanced',
          licenseProfile: 'salesforce-advanced',
          certificateSubject: 'CN=MiVoice Integration for Salesforce',
          hasLocalPassword: false,
        },
        {
          companyName: 'Acme',
          applicationName: 'Call Recorder',
          serviceType: 'standard',
          licenseProfile: 'third-party',
          hasLocalPassword: false,
        },
      ]),
    );
    expect(res.text).not.toContain('applicationPassword');
    // The only key that mentions a password is the hasLocalPassword flag.
    expect(res.text.replaceAll('"hasLocalPassword":', '')).not.toMatch(/password/i);
    for (const pw of DEMO_APP_PASSWORDS) expect(res.text).not.toContain(pw);
  });

  it('creates an account (201), lists it, flips hasLocalPassword and never returns the local password', async () => {
    expect((await aclApp(APPS.google.applicationName))?.hasLocalPassword).toBe(false);
    const created = await admin
      .post('/api/v1/accounts')
      .send({
        companyName: APPS.google.companyName,
        applicationName: APPS.google.applicationName,
        localPassword: LOCAL_PASSWORD,
      })
      .expect(201);
    expect(created.body).toEqual({
      companyName: 'Mitel',
      applicationName: APPS.google.applicationName,
      serviceType: 'standard',
      licenseProfile: 'google',
      activeSessions: 0,
      enabled: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(created.text).not.toContain(LOCAL_PASSWORD);
    expect((await aclApp(APPS.google.applicationName))?.hasLocalPassword).toBe(true);
    // Only that application changed.
    expect((await aclApp(APPS.salesforce.applicationName))?.hasLocalPassword).toBe(false);

    const list = await admin.get('/api/v1/accounts').expect(200);
    const mine = (list.body.accounts as Array<Record<string, unknown>>).find(
      (a) => a.applicationName === APPS.google.applicationName,
    );
    expect(mine).toMatchObject({
      companyName: 'Mitel',
      serviceType: 'standard',
      licenseProfile: 'google',
      enabled: true,
      activeSessions: 0,
    });
    expect(list.text).not.toContain(LOCAL_PASSWORD);
    expect(list.text).not.toMatch(/password|hash|scrypt/i);
  });

  it('stores only a scrypt hash of the local password', async () => {
    const pw = 'Secret-Local-Pw-42';
    await createAccount(admin, APPS.salesforce, pw);
    const row = await h.ctx.db.db
      .selectFrom('accounts')
      .selectAll()
      .where('company_name', '=', APPS.salesforce.companyName)
      .where('application_name', '=', APPS.salesforce.applicationName)
      .executeTakeFirstOrThrow();
    expect(row.local_password_hash.startsWith('scrypt$')).toBe(true);
    expect(row.local_password_hash).not.toContain(pw);
    expect(row.local_password_hash).not.toContain(Buffer.from(pw).toString('base64url'));
    expect(row.local_password_hash.split('$')).toHaveLength(6);
    const acct = await admin.get('/api/v1/accounts').expect(200);
    expect(acct.text).not.toContain(pw);
    expect(acct.text).not.toContain(row.local_password_hash);
  });

  it('counts live REST sessions per account', async () => {
    await createAccount(admin, APPS.acme);
    const active = async () => {
      const res = await admin.get('/api/v1/accounts').expect(200);
      return (res.body.accounts as Array<{ applicationName: string; activeSessions: number }>).find(
        (a) => a.applicationName === APPS.acme.applicationName,
      )?.activeSessions;
    };
    expect(await active()).toBe(0);
    const a = await restLogin(h, APPS.acme).expect(200);
    await restLogin(h, APPS.acme).expect(200);
    expect(await active()).toBe(2);
    await supertest(h.app)
      .delete('/mitel/oig/rest/resources/v1/sessions')
      .set('Authorization', a.body.sessionId)
      .expect(200);
    expect(await active()).toBe(1);
    // Other accounts are not credited with them.
    const res = await admin.get('/api/v1/accounts').expect(200);
    const google = (res.body.accounts as Array<{ applicationName: string; activeSessions: number }>).find(
      (x) => x.applicationName === APPS.google.applicationName,
    );
    expect(google?.activeSessions).toBe(0);
  });

  it('refuses an application that is not in the ACL (400 naming applicationName)', async () => {
    for (const body of [
      { companyName: 'Mitel', applicationName: 'Not Registered', localPassword: LOCAL_PASSWORD },
      // Right application, wrong company.
      { companyName: 'Acme', applicationName: APPS.google.applicationName, localPassword: LOCAL_PASSWORD },
    ]) {
      const res = await admin.post('/api/v1/accounts').send(body).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields).toHaveProperty('applicationName');
      expect(res.body.error.message).toContain(body.applicationName);
    }
    const list = await admin.get('/api/v1/accounts').expect(200);
    expect(
      (list.body.accounts as Array<{ applicationName: string }>).map((a) => a.applicationName),
    ).not.toContain('Not Registered');
  });

  it('refuses a duplicate with 409 and keeps the first password', async () => {
    const res = await admin
      .post('/api/v1/accounts')
      .send({
        companyName: APPS.acme.companyName,
        applicationName: APPS.acme.applicationName,
        localPassword: 'another-password-9',
      })
      .expect(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.fields).toHaveProperty('applicationName');
    await restLogin(h, APPS.acme, 'another-password-9').expect(401);
    await restLogin(h, APPS.acme).expect(200);
  });

  it('enforces the local password rules (400 with fields.localPassword)', async () => {
    const bad = ['1234567', 'x'.repeat(129), ' leading-blank', 'trailing-blank ', '', 42, null];
    // A fresh ACL application for every attempt would be ideal; the demo ACL has none left, so
    // prove that nothing was stored by checking the account count afterwards.
    const before = (await admin.get('/api/v1/accounts').expect(200)).body.accounts.length as number;
    for (const localPassword of bad) {
      const res = await admin
        .post('/api/v1/accounts')
        .send({ companyName: 'Mitel', applicationName: 'Anything', localPassword });
      expect(res.status, JSON.stringify(localPassword)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields).toHaveProperty('localPassword');
    }
    const res = await admin
      .post('/api/v1/accounts')
      .send({ companyName: 'Mitel', applicationName: 'Anything', localPassword: '1234567' })
      .expect(400);
    expect(res.body.error.fields.localPassword).toMatch(/at least 8/);
    expect((await admin.get('/api/v1/accounts').expect(200)).body.accounts).toHaveLength(before);
  });

  it('refuses unknown extra fields and missing names with 400', async () => {
    const extra = await admin
      .post('/api/v1/accounts')
      .send({ companyName: 'Mitel', applicationName: 'X', localPassword: LOCAL_PASSWORD, enabled: false })
      .expect(400);
    expect(extra.body.error.code).toBe('validation_failed');
    expect(extra.body.error.message).toContain('enabled');
    const missing = await admin.post('/api/v1/accounts').send({ localPassword: LOCAL_PASSWORD }).expect(400);
    expect(missing.body.error.fields).toHaveProperty('companyName');
    expect(missing.body.error.fields).toHaveProperty('applicationName');
    const ctl = await admin
      .post('/api/v1/accounts')
      .send({ companyName: 'Mitel', applicationName: 'bad\u0000name', localPassword: LOCAL_PASSWORD })
      .expect(400);
    expect(ctl.body.error.fields.applicationName).toMatch(/control characters/);
  });
});

describe.each(DB_KINDS)('ACL from a file with hostile names (%s)', (kind) => {
  let h: Harness;
  const xssApp = {
    companyName: '<img src=x onerror=alert(1)>',
    applicationName: '<script>alert("x")</script>',
    applicationPassword: 'xss-app-password',
  };
  const shortest = {
    companyName: 'Edge',
    applicationName: 'Shortest',
    applicationPassword: 'edge-app-password-1',
  };
  const longest = {
    companyName: 'Edge',
    applicationName: 'Longest',
    applicationPassword: 'edge-app-password-2',
  };

  beforeAll(async () => {
    const db = freshDb(kind);
    const file = writeJson(db.dataDir, 'acl.json', {
      applications: [xssApp, shortest, longest].map((a) => ({
        ...a,
        serviceType: 'standard',
        licenseProfile: 'third-party',
      })),
    });
    h = await startHarness(db, { env: { OIG_ACL_FILE: file } });
  });
  afterAll(() => h.dispose());

  it('returns names verbatim as JSON strings, with the file as the source', async () => {
    const admin = (await signIn(h)).agent;
    const acl = await admin.get('/api/v1/acl').expect(200);
    expect(acl.headers['content-type']).toMatch(/^application\/json/);
    expect(acl.body.sourceKind).toBe('file');
    expect(acl.body.source).toBe(h.config.acl.source);
    expect(acl.body.source).toMatch(/acl\.json$/);
    expect(acl.body.applications).toHaveLength(3);
    expect(acl.body.applications).toContainEqual({
      companyName: xssApp.companyName,
      applicationName: xssApp.applicationName,
      serviceType: 'standard',
      licenseProfile: 'third-party',
      hasLocalPassword: false,
    });
    expect(acl.text).not.toContain(xssApp.applicationPassword);
    // The bundled demo applications are gone.
    expect(acl.text).not.toContain('Call Recorder');

    await createAccount(admin, xssApp);
    const list = await admin.get('/api/v1/accounts').expect(200);
    expect(list.body.accounts).toHaveLength(1);
    expect(list.body.accounts[0]).toMatchObject({
      companyName: xssApp.companyName,
      applicationName: xssApp.applicationName,
    });
    await restLogin(h, xssApp).expect(200);
    const sessions = await admin.get('/api/v1/sessions').expect(200);
    expect(sessions.body.sessions[0].applicationName).toBe(xssApp.applicationName);
  });

  it('accepts local passwords of exactly 8 and 128 characters', async () => {
    const admin = (await signIn(h)).agent;
    await createAccount(admin, shortest, '12345678');
    await createAccount(admin, longest, 'y'.repeat(128));
    await restLogin(h, shortest, '12345678').expect(200);
    await restLogin(h, longest, 'y'.repeat(128)).expect(200);
  });
});
