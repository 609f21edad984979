import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  restLogin,
  signIn,
  startHarness,
  type Harness,
} from '../../../test/harness.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
const enc = encodeURIComponent;
const acme = `/api/v1/accounts/${enc(APPS.acme.companyName)}/${enc(APPS.acme.applicationName)}`;

describe.each(DB_KINDS)('application account updates: bad input (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let csrf: string;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    ({ agent: admin, csrf } = await signIn(h));
    await createAccount(admin, APPS.acme);
  });
  afterAll(() => h.dispose());

  /** Everything stored about accounts, to prove a refused call changed nothing. */
  const stored = () =>
    h.ctx.db.db
      .selectFrom('accounts')
      .selectAll()
      .orderBy('company_name')
      .orderBy('application_name')
      .execute();

  it('refuses bad local passwords with 400 naming localPassword, keeping the stored one', async () => {
    const before = await stored();
    const cases: Array<[unknown, RegExp]> = [
      ['1234567', /at least 8/],
      ['x'.repeat(129), /at most 128/],
      [' leading-blank', /blank/],
      ['trailing-blank ', /blank/],
      ['\tleading-tab1', /blank/],
      ['', /at least 8/],
      [42, /./],
      [null, /./],
      [['an-array-of-one'], /./],
      [{ nested: 'local-password' }, /./],
    ];
    for (const [localPassword, message] of cases) {
      const res = await admin.put(`${acme}/password`).send({ localPassword });
      expect(res.status, JSON.stringify(localPassword)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields.localPassword).toMatch(message);
      expect(res.body.error.message).toContain('localPassword');
    }
    const missing = await admin.put(`${acme}/password`).send({}).expect(400);
    expect(missing.body.error.fields.localPassword).toBe('Local password is required');
    const noBody = await admin.put(`${acme}/password`).expect(400);
    expect(noBody.body.error.fields).toHaveProperty('localPassword');
    const extra = await admin
      .put(`${acme}/password`)
      .send({ localPassword: 'valid-password-1', enabled: false })
      .expect(400);
    expect(extra.body.error.message).toContain('enabled');
    expect(await stored()).toEqual(before);
    await restLogin(h, APPS.acme).expect(200);
    await restLogin(h, APPS.acme, 'valid-password-1').expect(401);
  });

  it('refuses bad enabled values and extra fields with 400, keeping the account enabled', async () => {
    const before = await stored();
    for (const body of [{ enabled: 'false' }, { enabled: 0 }, { enabled: null }, {}, ['enabled']]) {
      const res = await admin.patch(acme).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      if (!Array.isArray(body)) expect(res.body.error.fields.enabled).toBe('enabled must be true or false');
    }
    const extra = await admin
      .patch(acme)
      .send({ enabled: false, localPassword: 'sneaky-password-1' })
      .expect(400);
    expect(extra.body.error.message).toContain('localPassword');
    const extra2 = await admin.patch(acme).send({ enabled: false, companyName: 'Mitel' }).expect(400);
    expect(extra2.body.error.message).toContain('companyName');
    expect(await stored()).toEqual(before);
    await restLogin(h, APPS.acme).expect(200);
  });

  it('refuses malformed JSON and other content types with 400', async () => {
    const before = await stored();
    for (const [method, url] of [
      ['put', `${acme}/password`],
      ['patch', acme],
    ] as const) {
      const bad = await admin[method](url).set('Content-Type', 'application/json').send('{"enabled": tru');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('bad_request');
      expect(bad.body.error.message).toMatch(/Malformed JSON/);
      const text = await admin[method](url).set('Content-Type', 'text/plain').send('enabled=false');
      expect(text.status).toBe(400);
      expect(text.body.error.message).toMatch(/application\/json/);
    }
    expect(await stored()).toEqual(before);
  });

  it('answers 404 naming the application when it has no local password or is unknown', async () => {
    const before = await stored();
    const targets = [
      { companyName: APPS.google.companyName, applicationName: APPS.google.applicationName },
      { companyName: 'Mitel', applicationName: 'Not Registered' },
      // Right application, wrong company.
      { companyName: 'Mitel', applicationName: APPS.acme.applicationName },
    ];
    for (const t of targets) {
      const url = `/api/v1/accounts/${enc(t.companyName)}/${enc(t.applicationName)}`;
      for (const [method, res] of [
        ['PUT', await admin.put(`${url}/password`).send({ localPassword: 'some-password-1' })],
        ['PATCH', await admin.patch(url).send({ enabled: false })],
        ['DELETE', await admin.delete(url)],
      ] as const) {
        expect(res.status, `${method} ${url}`).toBe(404);
        expect(res.body.error.code).toBe('not_found');
        expect(res.body.error.message).toContain(t.applicationName);
        expect(res.body.error.message).toContain(t.companyName);
      }
    }
    expect(await stored()).toEqual(before);
  });

  it('validates the names in the path like names in a body (400 naming the field)', async () => {
    const before = await stored();
    const cases: Array<[string, string, RegExp]> = [
      [`/api/v1/accounts/Acme/${enc('bad\u0000name')}`, 'applicationName', /control characters/],
      [`/api/v1/accounts/${enc('A\ncme')}/Call%20Recorder`, 'companyName', /control characters/],
      [`/api/v1/accounts/Acme/${'x'.repeat(129)}`, 'applicationName', /at most 128/],
    ];
    for (const [url, field, message] of cases) {
      const res = await admin.patch(url).send({ enabled: false });
      expect(res.status, url).toBe(400);
      expect(res.body.error.fields[field]).toMatch(message);
      const del = await admin.delete(url);
      expect(del.status).toBe(400);
    }
    // Broken percent-encoding.
    const broken = await admin.delete('/api/v1/accounts/Acme/Call%E0%A4%A');
    expect(broken.status).toBe(400);
    // No such route: a missing name segment.
    await admin.delete('/api/v1/accounts/Acme').expect(404);
    expect(await stored()).toEqual(before);
  });

  it('needs the CSRF token on every mutating route (403), changing nothing', async () => {
    const before = await stored();
    const bare = h.request();
    // Same cookie, no X-CSRF-Token header.
    const login = await bare
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(200);
    expect(login.body.csrfToken).not.toBe(csrf);
    for (const res of [
      await bare.put(`${acme}/password`).send({ localPassword: 'no-csrf-password' }),
      await bare.patch(acme).send({ enabled: false }),
      await bare.delete(acme),
      await bare.post('/api/v1/acl/refresh'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_failed');
    }
    expect(await stored()).toEqual(before);
    await restLogin(h, APPS.acme, LOCAL_PASSWORD).expect(200);
  });
});
