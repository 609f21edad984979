import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAppCert, makeCa, signChallenge, type TestCa } from '../../../test/certs.js';
import {
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  signIn,
  startHarness,
  writeJson,
  type Harness,
} from '../../../test/harness.js';
import {
  authenticateXml,
  loginExXml,
  postSoap,
  readReturn,
  sessionOpXml,
} from '../../../test/soap-client.js';

const ADV = {
  companyName: 'Acme',
  applicationName: 'Acme Dialer',
  applicationPassword: 'dialer-app-password',
  serviceType: 'advanced',
  licenseProfile: 'third-party',
  certificateSubject: 'CN=Acme Dialer',
};
const STD = {
  companyName: 'Acme',
  applicationName: 'Acme Basic',
  applicationPassword: 'basic-app-password',
  serviceType: 'standard',
  licenseProfile: 'third-party',
};
const DAY = 86_400_000;

describe.each(DB_KINDS)('advanced login: certificate, challenge, MD5-with-RSA signature (%s)', (kind) => {
  let h: Harness;
  let ca: TestCa;
  let good: { certPem: string; keyPem: string };
  let admin: Awaited<ReturnType<typeof signIn>>['agent'];

  const loginEx = async (certificate: string, app: typeof ADV | typeof STD = ADV) => {
    const res = await postSoap(
      h,
      loginExXml({ ...app, localPassword: LOCAL_PASSWORD, version: '4.0', certificate }),
      'loginEx',
    ).expect(200);
    return readReturn(res.text);
  };
  const authenticate = async (sessionId: string, signed: string) =>
    readReturn((await postSoap(h, authenticateXml(sessionId, signed), 'authenticate').expect(200)).text);
  const keepAlive = async (sessionId: string) =>
    readReturn((await postSoap(h, sessionOpXml('resetSessionTimer', sessionId)).expect(200)).text);

  beforeAll(async () => {
    ca = makeCa();
    good = issueAppCert(ca, { cn: 'Acme Dialer' });
    const db = freshDb(kind);
    const caFile = writeJson(db.dataDir, 'unused.json', {}).replace('unused.json', 'mcs-ca.pem');
    (await import('node:fs')).writeFileSync(caFile, ca.certPem);
    h = await startHarness(db, {
      env: {
        OIG_ACL_FILE: writeJson(db.dataDir, 'acl.json', { applications: [ADV, STD] }),
        OIG_MCS_CA_FILE: caFile,
      },
    });
    admin = (await signIn(h)).agent;
    await createAccount(admin, ADV);
    await createAccount(admin, STD);
  });
  afterAll(() => h.dispose());

  it('issues a challenge, accepts the signed bytes and makes the session Advanced', async () => {
    // Certificates travel as one string with \n line ends, as the developer guide says.
    const r = await loginEx(good.certPem.replace(/\r?\n/g, '\n'));
    expect(r.result).toBe('true');
    const challenge = r.child('authenticationData');
    expect(challenge).toBeTruthy();
    const sessionId = r.sessionId!;
    let live = (await admin.get('/api/v1/sessions').expect(200)).body.sessions as Array<{
      sessionIdLast4: string;
      type: string;
    }>;
    expect(live.find((s) => s.sessionIdLast4 === sessionId.slice(-4))?.type).toBe('standard');

    const signed = signChallenge(good.keyPem, challenge!);
    expect(signed).toMatch(/^\[-?\d+(,-?\d+)*\]$/);
    const a = await authenticate(sessionId, signed);
    expect(a.result).toBe('true');
    expect(a.sessionId).toBe(sessionId);
    live = (await admin.get('/api/v1/sessions').expect(200)).body.sessions;
    expect(live.find((s) => s.sessionIdLast4 === sessionId.slice(-4))?.type).toBe('advanced');

    // The challenge is single use: a replay fails, and the authenticated session carries on.
    const replay = await authenticate(sessionId, signed);
    expect(replay.result).toBe('false');
    expect(replay.child('errorDescription')).toBe('Authentication failed');
    expect((await keepAlive(sessionId)).result).toBe('true');
  });

  it('ends the session when the signature is forged', async () => {
    const r = await loginEx(good.certPem);
    const other = issueAppCert(ca, { cn: 'Acme Dialer' });
    const forged = signChallenge(other.keyPem, r.child('authenticationData')!);
    const a = await authenticate(r.sessionId!, forged);
    expect(a.result).toBe('false');
    expect(a.child('errorDescription')).toBe('Authentication failed');
    expect((await keepAlive(r.sessionId!)).child('errorDesc')).toBe('Invalid session');
    const history = (await admin.get('/api/v1/sessions/history').expect(200)).body.sessions as Array<{
      sessionIdLast4: string;
      endReason: string;
    }>;
    expect(history.find((s) => s.sessionIdLast4 === r.sessionId!.slice(-4))?.endReason).toBe(
      'authentication-failed',
    );
  });

  it('records failed advanced logins as refused logins of the application', async () => {
    await h.ctx.flushRefusedLogins(); // what earlier tests were refused, then none
    await h.ctx.db.db.deleteFrom('refused_logins').execute();
    const r = await loginEx(good.certPem);
    const forged = signChallenge(
      issueAppCert(ca, { cn: 'Acme Dialer' }).keyPem,
      r.child('authenticationData')!,
    );
    expect((await authenticate(r.sessionId!, forged)).result).toBe('false');
    expect((await loginEx(issueAppCert(ca, { cn: 'Someone Else' }).certPem)).result).toBe('false');
    expect((await loginEx(good.certPem, STD)).result).toBe('false');
    await h.ctx.flushRefusedLogins();
    const rows = await h.ctx.db.db.selectFrom('refused_logins').selectAll().orderBy('reason').execute();
    expect(rows.map((x) => [x.reason, x.protocol, x.company_name, x.application_name])).toEqual([
      ['advanced_login_failed', 'soap', 'Acme', 'Acme Dialer'],
      ['advanced_not_allowed', 'soap', 'Acme', 'Acme Basic'],
      ['certificate_mismatch', 'soap', 'Acme', 'Acme Dialer'],
    ]);
  });

  it('refuses malformed signed bytes', async () => {
    for (const bad of ['13,-24', '[300,1]', '[a,b]', '[]', 'x'.repeat(100)]) {
      const r = await loginEx(good.certPem);
      expect((await authenticate(r.sessionId!, bad)).result).toBe('false');
    }
  });

  it('refuses expired, not-yet-valid, foreign, mismatched and garbage certificates', async () => {
    const expired = issueAppCert(ca, {
      cn: 'Acme Dialer',
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const future = issueAppCert(ca, {
      cn: 'Acme Dialer',
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 400 * DAY),
    });
    const foreign = issueAppCert(makeCa('Not MCS'), { cn: 'Acme Dialer' });
    // An impostor: a CA with exactly the MCS CA's subject but its own key. Only the signature
    // check against the trusted CA's key can tell it apart.
    const impostor = issueAppCert(makeCa(ca.cert.subject.getField('CN').value as string), {
      cn: 'Acme Dialer',
    });
    const otherApp = issueAppCert(ca, { cn: 'Someone Else' });
    const cases: Array<[string, string]> = [
      [expired.certPem, 'Certificate expired'],
      [future.certPem, 'Certificate expired'],
      [foreign.certPem, 'Certificate not trusted'],
      [impostor.certPem, 'Certificate not trusted'],
      [otherApp.certPem, 'Certificate does not match the application'],
      [
        '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----',
        'Certificate not trusted',
      ],
    ];
    for (const [pem, text] of cases) {
      const r = await loginEx(pem);
      expect(r.result).toBe('false');
      expect(r.child('errorDesc')).toBe(text);
    }
    // A certificate on an application registered for standard service only.
    const std = await loginEx(good.certPem, STD);
    expect(std.child('errorDesc')).toBe('Application not registered for advanced services');
  });

  it('matches the ACL subject attribute by attribute: look-alike common names do not pass', async () => {
    for (const cn of ['Evil/CN=Acme Dialer', 'Evil,CN=Acme Dialer', 'Evil+CN=Acme Dialer', 'Acme Dialer2']) {
      const r = await loginEx(issueAppCert(ca, { cn }).certPem);
      expect(r.child('errorDesc'), cn).toBe('Certificate does not match the application');
    }
  });

  it('ends a session whose challenge is never answered, releasing what it held', async () => {
    await h.ctx.flushRefusedLogins();
    await h.ctx.db.db.deleteFrom('refused_logins').execute();
    const r = await loginEx(good.certPem);
    expect(r.result).toBe('true');
    const rows = () => h.ctx.db.db.selectFrom('app_sessions').select('token_last4').execute();
    expect((await rows()).map((x) => x.token_last4)).toContain(r.sessionId!.slice(-4));
    // Expire the pending challenge (as 60 s passing would) and sweep.
    await h.ctx.db.db
      .updateTable('app_sessions')
      .set({ challenge_expires_at: Date.now() - 1 })
      .where('token_last4', '=', r.sessionId!.slice(-4))
      .execute();
    await h.ctx.manager.sweepOnce();
    expect((await rows()).map((x) => x.token_last4)).not.toContain(r.sessionId!.slice(-4));
    const history = (await admin.get('/api/v1/sessions/history').expect(200)).body.sessions as Array<{
      sessionIdLast4: string;
      endReason: string;
    }>;
    expect(history.find((s) => s.sessionIdLast4 === r.sessionId!.slice(-4))?.endReason).toBe(
      'authentication-failed',
    );
    // Recorded as a refused login of the application, once.
    await h.ctx.flushRefusedLogins();
    const refused = await h.ctx.db.db.selectFrom('refused_logins').selectAll().execute();
    expect(refused.map((x) => [x.reason, x.application_name, Number(x.attempts)])).toEqual([
      ['advanced_login_failed', 'Acme Dialer', 1],
    ]);
  });

  it('accepts SHA-256-signed application certificates too', async () => {
    const modern = issueAppCert(ca, { cn: 'Acme Dialer', md: 'sha256' });
    const r = await loginEx(modern.certPem);
    expect(r.result).toBe('true');
    expect(
      (await authenticate(r.sessionId!, signChallenge(modern.keyPem, r.child('authenticationData')!))).result,
    ).toBe('true');
  });
});

describe('advanced login with an expired MCS CA', () => {
  it('is refused as not trusted', async () => {
    const db = freshDb('sqlite');
    const old = makeCa('Old MCS', {
      notBefore: new Date(Date.now() - 800 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    (await import('node:fs')).writeFileSync(`${db.dataDir}/ca.pem`, old.certPem);
    const h = await startHarness(db, {
      env: {
        OIG_ACL_FILE: writeJson(db.dataDir, 'acl.json', { applications: [ADV] }),
        OIG_MCS_CA_FILE: `${db.dataDir}/ca.pem`,
      },
    });
    try {
      await createAccount((await signIn(h)).agent, ADV);
      const cert = issueAppCert(old, { cn: 'Acme Dialer' });
      const res = await supertest(h.app)
        .post('/axis2/services/SessionService')
        .set('Content-Type', 'text/xml')
        .send(loginExXml({ ...ADV, localPassword: LOCAL_PASSWORD, certificate: cert.certPem }))
        .expect(200);
      expect(readReturn(res.text).child('errorDesc')).toBe('Certificate not trusted');
    } finally {
      await h.dispose();
    }
  });
});

describe('a replayed authenticate reaching another process (PostgreSQL)', () => {
  it('fails without ending the session the first process authenticated', async () => {
    const ca = makeCa();
    const cert = issueAppCert(ca, { cn: 'Acme Dialer' });
    const db = freshDb('postgres');
    (await import('node:fs')).writeFileSync(`${db.dataDir}/ca.pem`, ca.certPem);
    const env = {
      OIG_ACL_FILE: writeJson(db.dataDir, 'acl.json', { applications: [ADV] }),
      OIG_MCS_CA_FILE: `${db.dataDir}/ca.pem`,
    };
    const a = await startHarness(db, { env });
    const b = await startHarness({ ...db, drop: async () => undefined }, { env });
    try {
      await createAccount((await signIn(a)).agent, ADV);
      const login = readReturn(
        (await postSoap(a, loginExXml({ ...ADV, localPassword: LOCAL_PASSWORD, certificate: cert.certPem })))
          .text,
      );
      const id = login.sessionId!;
      // B sees the session (and its pending challenge) first.
      expect(readReturn((await postSoap(b, sessionOpXml('resetSessionTimer', id))).text).result).toBe('true');
      const signed = signChallenge(cert.keyPem, login.child('authenticationData')!);
      expect(readReturn((await postSoap(a, authenticateXml(id, signed))).text).result).toBe('true');
      const replay = readReturn((await postSoap(b, authenticateXml(id, signed))).text);
      expect(replay.result).toBe('false');
      expect(readReturn((await postSoap(a, sessionOpXml('resetSessionTimer', id))).text).result).toBe('true');
      expect(readReturn((await postSoap(b, sessionOpXml('resetSessionTimer', id))).text).result).toBe('true');
    } finally {
      await b.close();
      await a.dispose();
    }
  });
});

describe('advanced login without a configured MCS CA', () => {
  it('is refused as not trusted', async () => {
    const db = freshDb('sqlite');
    const h = await startHarness(db, {
      env: { OIG_ACL_FILE: writeJson(db.dataDir, 'acl.json', { applications: [ADV] }) },
    });
    try {
      const { agent } = await signIn(h);
      await createAccount(agent, ADV);
      const cert = issueAppCert(makeCa(), { cn: 'Acme Dialer' });
      const res = await supertest(h.app)
        .post('/axis2/services/SessionService')
        .set('Content-Type', 'text/xml')
        .send(loginExXml({ ...ADV, localPassword: LOCAL_PASSWORD, certificate: cert.certPem }))
        .expect(200);
      expect(readReturn(res.text).child('errorDesc')).toBe('Certificate not trusted');
    } finally {
      await h.dispose();
    }
  });
});
