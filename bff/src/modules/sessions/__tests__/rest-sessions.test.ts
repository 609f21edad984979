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
  type Harness,
} from '../../../test/harness.js';

describe.each(DB_KINDS)('REST v1 sessions (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    const { agent } = await signIn(h);
    await createAccount(agent, APPS.acme);
  });
  afterAll(() => h.dispose());

  it('logs in, keeps alive and logs out', async () => {
    const login = await restLogin(h, APPS.acme).expect(200);
    expect(login.body).toEqual({ result: true, sessionId: expect.stringMatching(/^\d{16,19}$/) });
    const id = login.body.sessionId as string;
    await supertest(h.app).put(REST_PATH).set('Authorization', id).expect(200, { result: true });
    // The singular resource is an alias.
    await supertest(h.app)
      .put('/mitel/oig/rest/resources/v1/session')
      .set('Authorization', id)
      .expect(200, { result: true });
    await supertest(h.app).delete(REST_PATH).set('Authorization', id).expect(200, { result: true });
    const again = await supertest(h.app).put(REST_PATH).set('Authorization', id).expect(404);
    expect(again.body).toEqual({ result: false, error: 'Invalid session' });
  });

  it('answers each bad login with its stable error text and status', async () => {
    const cases: Array<[() => supertest.Test, number, string]> = [
      [() => restLogin(h, APPS.acme, 'wrong-local-password'), 401, 'Local Password Invalid'],
      [
        () => restLogin(h, { ...APPS.acme, applicationPassword: 'nope' }),
        401,
        'Application Password Invalid',
      ],
      [
        () => restLogin(h, { ...APPS.acme, applicationName: 'Unknown App' }),
        401,
        'Application not registered',
      ],
      [() => restLogin(h, APPS.google), 401, 'Local Password Invalid'],
      [
        () =>
          supertest(h.app).get(REST_PATH).query({ companyName: 'Acme' }).set('Authorization', LOCAL_PASSWORD),
        400,
        'Missing parameter: applicationName, applicationPassword',
      ],
    ];
    for (const [call, status, error] of cases) {
      const res = await call().expect(status);
      expect(res.body).toEqual({ result: false, error });
    }
  });

  it('refuses session ids that are not numbers, unknown or too long', async () => {
    for (const bad of ['abc', '-5', '0', '12345678901234567890123', '9223372036854775808', '1 OR 1=1', '']) {
      const res = await supertest(h.app).put(REST_PATH).set('Authorization', bad).expect(404);
      expect(res.body.error).toBe('Invalid session');
    }
    await supertest(h.app).put(REST_PATH).expect(404);
    await supertest(h.app).post(REST_PATH).expect(405);
  });

  it('rate-limits repeated failed logins per address and application, then refuses even the right password', async () => {
    // Twenty failures a minute are allowed (earlier tests in this suite used two of them).
    let failures = 2;
    while ((await restLogin(h, APPS.acme, 'not-the-password')).status === 401) failures++;
    expect(failures).toBe(20);
    const blocked = await restLogin(h, APPS.acme).expect(429);
    expect(blocked.body).toEqual({ result: false, error: 'Too many failed logins, try again later' });
    expect(blocked.headers['retry-after']).toBeDefined();
    // Other applications from the same address are not affected.
    const other = await restLogin(h, APPS.google).expect(401);
    expect(other.body.error).toBe('Local Password Invalid');
  });
});

describe('login throttling under concurrent guesses', () => {
  it('counts parallel wrong local passwords before the slow check, so at most 20 get through', async () => {
    const h = await startHarness(freshDb('sqlite'));
    try {
      await createAccount((await signIn(h)).agent, APPS.acme);
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => restLogin(h, APPS.acme, `wrong-password-${i}`)),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    } finally {
      await h.dispose();
    }
  });

  it('does not throttle a storm of right passwords', async () => {
    const h = await startHarness(freshDb('sqlite'), { env: { OIG_LICENSE_FILE: '' } });
    try {
      await createAccount((await signIn(h)).agent, APPS.acme);
      const results = await Promise.all(Array.from({ length: 45 }, () => restLogin(h, APPS.acme)));
      // The bundled inventory has 50 Data Access licenses: all 45 succeed, none is throttled.
      expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    } finally {
      await h.dispose();
    }
  });
});
