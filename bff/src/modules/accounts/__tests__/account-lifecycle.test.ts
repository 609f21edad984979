import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_MASK } from '@oig/shared';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  REST_PATH,
  restLogin,
  signIn,
  signInSupport,
  startHarness,
  writeJson,
  type Harness,
} from '../../../test/harness.js';
import { loginExXml, postSoap, readReturn, sessionOpXml } from '../../../test/soap-client.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
type App = { companyName: string; applicationName: string; applicationPassword: string };

/** Names that need URL encoding: blanks, a slash, a percent sign, non-ASCII. */
const ODD: App = {
  companyName: 'Société / Ünïcode',
  applicationName: 'Recorder 100% v2/beta',
  applicationPassword: 'odd-app-password-1',
};
const path = (a: { companyName: string; applicationName: string }) =>
  `/api/v1/accounts/${encodeURIComponent(a.companyName)}/${encodeURIComponent(a.applicationName)}`;

const keepAlive = (h: Harness, id: string) => supertest(h.app).put(REST_PATH).set('Authorization', id);

describe.each(DB_KINDS)('application account lifecycle (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;

  beforeAll(async () => {
    const db = freshDb(kind);
    const acl = writeJson(db.dataDir, 'acl.json', {
      applications: [
        { ...APPS.google, serviceType: 'standard', licenseProfile: 'google' },
        { ...APPS.acme, serviceType: 'standard', licenseProfile: 'third-party' },
        { ...ODD, serviceType: 'standard', licenseProfile: 'third-party' },
      ],
    });
    h = await startHarness(db, { env: { OIG_ACL_FILE: acl } });
    admin = (await signIn(h)).agent;
  });
  afterAll(() => h.dispose());

  const accounts = async () =>
    (await admin.get('/api/v1/accounts').expect(200)).body.accounts as Array<Record<string, unknown>>;
  const accountOf = async (a: { applicationName: string }) =>
    (await accounts()).find((x) => x.applicationName === a.applicationName);
  const aclApp = async (a: { applicationName: string }) =>
    ((await admin.get('/api/v1/acl').expect(200)).body.applications as Array<Record<string, unknown>>).find(
      (x) => x.applicationName === a.applicationName,
    );
  const auditOf = async (action: string) =>
    (await admin.get('/api/v1/audit').query({ action }).expect(200)).body.entries as Array<
      Record<string, unknown>
    >;

  it('changes the local password: open sessions carry on, the old password is refused, the new one accepted', async () => {
    await createAccount(admin, APPS.acme);
    const rest = (await restLogin(h, APPS.acme).expect(200)).body.sessionId as string;
    const soapLogin = readReturn(
      (await postSoap(h, loginExXml({ ...APPS.acme, localPassword: LOCAL_PASSWORD })).expect(200)).text,
    );
    expect(soapLogin.result).toBe('true');
    const soap = soapLogin.sessionId!;

    const newPassword = 'Brand-new local pw 7';
    const res = await admin
      .put(`${path(APPS.acme)}/password`)
      .send({ localPassword: newPassword })
      .expect(200);
    expect(res.body).toEqual({
      companyName: APPS.acme.companyName,
      applicationName: APPS.acme.applicationName,
      serviceType: 'standard',
      licenseProfile: 'third-party',
      activeSessions: 2,
      enabled: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.text).not.toContain(newPassword);
    expect(res.text).not.toMatch(/scrypt|hash/i);

    await keepAlive(h, rest).expect(200, { result: true });
    expect(
      readReturn(
        (await postSoap(h, sessionOpXml('resetSessionTimer', soap), 'resetSessionTimer').expect(200)).text,
      ).result,
    ).toBe('true');
    expect((await restLogin(h, APPS.acme).expect(401)).body.error).toBe('Local Password Invalid');
    await restLogin(h, APPS.acme, newPassword).expect(200);
    expect((await accountOf(APPS.acme))?.activeSessions).toBe(3);

    const [entry] = await auditOf('account.password.change');
    expect(entry).toMatchObject({
      actor: 'admin',
      target: 'Acme / Call Recorder',
      after: { localPassword: AUDIT_MASK },
    });
    const rows = await h.ctx.db.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(newPassword);
    expect(JSON.stringify(rows)).not.toContain(LOCAL_PASSWORD);
  });

  it('disables (new logins refused with "Application disabled", open sessions kept) and enables again', async () => {
    await createAccount(admin, APPS.google);
    const id = (await restLogin(h, APPS.google).expect(200)).body.sessionId as string;

    const off = await admin.patch(path(APPS.google)).send({ enabled: false }).expect(200);
    expect(off.body).toMatchObject({
      applicationName: APPS.google.applicationName,
      enabled: false,
      activeSessions: 1,
    });
    expect((await restLogin(h, APPS.google).expect(403)).body).toEqual({
      result: false,
      error: 'Application disabled',
    });
    const soap = readReturn(
      (await postSoap(h, loginExXml({ ...APPS.google, localPassword: LOCAL_PASSWORD })).expect(200)).text,
    );
    expect(soap.result).toBe('false');
    expect(soap.child('errorDesc')).toBe('Application disabled');
    // A wrong local password still says so: disabling reveals nothing to a guesser.
    expect((await restLogin(h, APPS.google, 'wrong-password-1').expect(401)).body.error).toBe(
      'Local Password Invalid',
    );
    await keepAlive(h, id).expect(200, { result: true });
    expect(await accountOf(APPS.google)).toMatchObject({ enabled: false, activeSessions: 1 });
    // Disabling twice is harmless.
    await admin.patch(path(APPS.google)).send({ enabled: false }).expect(200);

    const on = await admin.patch(path(APPS.google)).send({ enabled: true }).expect(200);
    expect(on.body.enabled).toBe(true);
    await restLogin(h, APPS.google).expect(200);
    expect(await accountOf(APPS.google)).toMatchObject({ enabled: true, activeSessions: 2 });

    const entries = await auditOf('account.update');
    // Exactly the two real changes: disabling an already disabled application records nothing.
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => [e.target, e.before, e.after])).toEqual(
      expect.arrayContaining([
        ['Mitel / MiVoice Integration for Google', { enabled: true }, { enabled: false }],
        ['Mitel / MiVoice Integration for Google', { enabled: false }, { enabled: true }],
      ]),
    );
  });

  it('deletes the local password: open sessions carry on, the next login is refused, the application is offered again', async () => {
    const id = (await restLogin(h, APPS.google).expect(200)).body.sessionId as string;
    expect((await aclApp(APPS.google))?.hasLocalPassword).toBe(true);

    const del = await admin.delete(path(APPS.google)).expect(204);
    expect(del.text).toBe('');
    await keepAlive(h, id).expect(200, { result: true });
    expect((await restLogin(h, APPS.google).expect(401)).body.error).toBe('Local Password Invalid');
    expect((await aclApp(APPS.google))?.hasLocalPassword).toBe(false);
    expect(await accountOf(APPS.google)).toBeUndefined();
    const again = await admin.delete(path(APPS.google)).expect(404);
    expect(again.body.error.code).toBe('not_found');
    expect(again.body.error.message).toContain(APPS.google.applicationName);

    const [entry] = await auditOf('account.delete');
    expect(entry).toMatchObject({ target: 'Mitel / MiVoice Integration for Google', after: null });

    // Offered again: a new local password works for the next login; the session still runs.
    await createAccount(admin, APPS.google, 'second-life-password');
    await restLogin(h, APPS.google, 'second-life-password').expect(200);
    await keepAlive(h, id).expect(200, { result: true });
  });

  it('counts active sessions per account and drops them as sessions end', async () => {
    const before = (await accountOf(APPS.acme))?.activeSessions as number;
    const id = (await restLogin(h, APPS.acme, 'Brand-new local pw 7').expect(200)).body.sessionId as string;
    expect((await accountOf(APPS.acme))?.activeSessions).toBe(before + 1);
    await supertest(h.app).delete(REST_PATH).set('Authorization', id).expect(200);
    expect((await accountOf(APPS.acme))?.activeSessions).toBe(before);
  });

  it('handles URL-encoded names with blanks, slashes, percent signs and accents', async () => {
    await createAccount(admin, ODD);
    await restLogin(h, ODD).expect(200);
    await admin
      .put(`${path(ODD)}/password`)
      .send({ localPassword: 'odd-new-password' })
      .expect(200);
    await restLogin(h, ODD, 'odd-new-password').expect(200);
    const off = await admin.patch(path(ODD)).send({ enabled: false }).expect(200);
    expect(off.body).toMatchObject({
      companyName: ODD.companyName,
      applicationName: ODD.applicationName,
      enabled: false,
      activeSessions: 2,
    });
    expect((await restLogin(h, ODD, 'odd-new-password').expect(403)).body.error).toBe('Application disabled');
    await admin.delete(path(ODD)).expect(204);
    expect((await aclApp(ODD))?.hasLocalPassword).toBe(false);
    const [entry] = await auditOf('account.delete');
    expect(entry?.target).toBe(`${ODD.companyName} / ${ODD.applicationName}`);
  });

  it('records account creation in the audit log with the password masked', async () => {
    const [entry] = await auditOf('account.create');
    expect(entry).toMatchObject({
      actor: 'admin',
      actorRole: 'administrator',
      target: `${ODD.companyName} / ${ODD.applicationName}`,
      before: null,
      after: {
        companyName: ODD.companyName,
        applicationName: ODD.applicationName,
        localPassword: AUDIT_MASK,
        enabled: true,
      },
    });
    const rows = await h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'like', 'account.%')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const text = JSON.stringify(rows);
    for (const pw of [LOCAL_PASSWORD, 'second-life-password', 'odd-new-password', 'Brand-new local pw 7'])
      expect(text).not.toContain(pw);
  });

  it('forbids every mutating accounts and ACL route to support (403), changing nothing', async () => {
    const support = (await signInSupport(h, admin)).agent;
    const stored = async () =>
      h.ctx.db.db.selectFrom('accounts').selectAll().orderBy('application_name').execute();
    const before = await stored();
    const calls = [
      () =>
        support.post('/api/v1/accounts').send({
          companyName: APPS.google.companyName,
          applicationName: APPS.google.applicationName,
          localPassword: LOCAL_PASSWORD,
        }),
      () =>
        support.post('/api/v1/accounts').send({
          companyName: ODD.companyName,
          applicationName: ODD.applicationName,
          localPassword: LOCAL_PASSWORD,
        }),
      () => support.put(`${path(APPS.acme)}/password`).send({ localPassword: 'support-was-here' }),
      () => support.patch(path(APPS.acme)).send({ enabled: false }),
      () => support.delete(path(APPS.acme)),
      () => support.post('/api/v1/acl/refresh'),
    ];
    for (const call of calls) {
      const res = await call().expect(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    // Reading is allowed.
    await support.get('/api/v1/accounts').expect(200);
    await support.get('/api/v1/acl').expect(200);
    expect(await stored()).toEqual(before);
    // Nothing was recorded in the name of support about accounts or the ACL.
    const bySupport = (await admin.get('/api/v1/audit').query({ actor: 'support1' }).expect(200)).body
      .entries as Array<{ action: string }>;
    expect(bySupport.filter((e) => /^(account|acl)\./.test(e.action))).toEqual([]);
    await restLogin(h, APPS.acme, 'Brand-new local pw 7').expect(200);
  });
});
