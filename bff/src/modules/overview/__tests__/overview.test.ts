import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LICENSE_TYPES, OIG_VERSION, overviewSchema, type LicenseFile } from '@oig/shared';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSETS_DIR } from '../../../config.js';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  REST_PATH,
  restLogin,
  signIn,
  startHarness,
  writeJson,
  type Harness,
} from '../../../test/harness.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
const BUNDLED: LicenseFile = JSON.parse(readFileSync(path.join(ASSETS_DIR, 'demo-license.json'), 'utf8'));

describe.each(DB_KINDS)('overview (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  const overview = async () => {
    const res = await admin.get('/api/v1/overview').expect(200);
    expect(() => overviewSchema.parse(res.body)).not.toThrow();
    return res.body;
  };

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    admin = (await signIn(h)).agent;
  });
  afterAll(() => h.dispose());

  it('starts empty, with the version and the bundled license inventory', async () => {
    const o = await overview();
    expect(o).toMatchObject({ applications: 0, sessions: 0, networkElements: 0, version: OIG_VERSION });
    expect(o.licensing.source).toBe('bundled demo inventory');
    // The bundled inventory is not all zeros, so "available" really comes from the file.
    expect(BUNDLED.dataAccess).toBeGreaterThan(0);
    for (const t of LICENSE_TYPES)
      expect(o.licensing[t], t).toEqual({ available: BUNDLED[t], used: 0, server: false });
    expect(o.licensing.virtualEnablement).toBe(BUNDLED.virtualEnablement);
    expect(o.licensing.miVoiceIntegration).toBe(BUNDLED.miVoiceIntegration);
    expect(o.licensing.trustedMode).toBe(BUNDLED.trustedMode);
  });

  it('counts applications with a local password and live sessions; license use follows REST logins and logouts', async () => {
    await createAccount(admin, APPS.acme);
    expect((await overview()).applications).toBe(1);
    await createAccount(admin, APPS.google);
    let o = await overview();
    expect(o.applications).toBe(2);
    expect(o.sessions).toBe(0);

    const a = await restLogin(h, APPS.acme).expect(200);
    o = await overview();
    expect(o.sessions).toBe(1);
    expect(o.licensing.dataAccess).toEqual({ available: BUNDLED.dataAccess, used: 1, server: false });

    const b = await restLogin(h, APPS.acme).expect(200);
    const c = await restLogin(h, APPS.google).expect(200);
    o = await overview();
    expect(o.sessions).toBe(3);
    expect(o.licensing.dataAccess.used).toBe(3);
    // A REST session takes Data Access only, whatever the application's license profile.
    for (const t of ['standardCallControl', 'advancedCallControl', 'google', 'salesforce'] as const)
      expect(o.licensing[t].used, t).toBe(0);
    expect(o.applications).toBe(2);
    expect(o.networkElements).toBe(0);

    await supertest(h.app).delete(REST_PATH).set('Authorization', a.body.sessionId).expect(200);
    o = await overview();
    expect(o.sessions).toBe(2);
    expect(o.licensing.dataAccess.used).toBe(2);

    // A failed login takes nothing.
    await restLogin(h, APPS.acme, 'wrong-local-password').expect(401);
    expect((await overview()).licensing.dataAccess.used).toBe(2);

    // Terminated by the administrator: the license comes back too.
    const live = (await admin.get('/api/v1/sessions').expect(200)).body.sessions as Array<{ id: string }>;
    await admin.delete(`/api/v1/sessions/${live[0]!.id}`).expect(204);
    o = await overview();
    expect(o.sessions).toBe(1);
    expect(o.licensing.dataAccess.used).toBe(1);

    for (const s of [b, c]) await supertest(h.app).delete(REST_PATH).set('Authorization', s.body.sessionId);
    o = await overview();
    expect(o.sessions).toBe(0);
    expect(o.licensing.dataAccess.used).toBe(0);
    // Accounts stay when their sessions end.
    expect(o.applications).toBe(2);
  });

  it('needs a console session', async () => {
    const res = await supertest(h.app).get('/api/v1/overview').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.text).not.toContain('licensing');
  });
});

describe.each(DB_KINDS)('overview with a license file (%s)', (kind) => {
  let h: Harness;
  const inventory: LicenseFile = {
    standardCallControl: 25_000,
    advancedCallControl: 24_999,
    google: 1_500,
    salesforce: 7,
    dataAccess: 3,
    virtualEnablement: true,
    miVoiceIntegration: false,
    trustedMode: true,
  };

  beforeAll(async () => {
    const db = freshDb(kind);
    h = await startHarness(db, {
      env: { OIG_LICENSE_FILE: writeJson(db.dataDir, 'license.json', inventory) },
    });
  });
  afterAll(() => h.dispose());

  it('reports the file inventory, and a server license for the 25,000 call-control type only', async () => {
    const admin = (await signIn(h)).agent;
    const o = (await admin.get('/api/v1/overview').expect(200)).body;
    expect(o.licensing.source).toBe(h.config.license.source);
    expect(o.licensing.source).toMatch(/license\.json$/);
    expect(o.licensing.standardCallControl).toEqual({ available: 25_000, used: 0, server: true });
    expect(o.licensing.advancedCallControl).toEqual({ available: 24_999, used: 0, server: false });
    // Google's maximum is 1,500 but is not a call-control license: never "(Server)".
    expect(o.licensing.google).toEqual({ available: 1_500, used: 0, server: false });
    expect(o.licensing.salesforce).toEqual({ available: 7, used: 0, server: false });
    expect(o.licensing.dataAccess).toEqual({ available: 3, used: 0, server: false });
    expect(o.licensing).toMatchObject({
      virtualEnablement: true,
      miVoiceIntegration: false,
      trustedMode: true,
    });
  });
});
