import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DB_KINDS,
  freshDb,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../../../test/harness.js';
import { MIVOICE_SETTINGS_KEY } from '../mivoice-settings.service.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

const T0 = Date.parse('2026-10-01T08:00:00Z');
const API = '/api/v1/mivoice/settings';

describe.each(DB_KINDS)('MiVoice settings: administrator e-mail for exports (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let support: Agent;
  const clock = { t: T0 };

  const storedRow = async () =>
    (
      await h.ctx.db.db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', MIVOICE_SETTINGS_KEY)
        .executeTakeFirst()
    )?.value;
  const auditRows = async () =>
    h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'mivoice.settings.update')
      .orderBy('at')
      .execute();

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { start: false, context: { now: () => clock.t } });
    admin = (await signIn(h)).agent;
    support = (await signInSupport(h, admin)).agent;
  });
  afterAll(async () => h?.dispose());
  beforeEach(async () => {
    clock.t = T0;
    await h.ctx.db.db.deleteFrom('settings').where('key', '=', MIVOICE_SETTINGS_KEY).execute();
    await h.ctx.db.db.deleteFrom('audit_log').where('action', '=', 'mivoice.settings.update').execute();
  });

  it('unset at first; save, read back, clear; each change audited with before and after', async () => {
    expect((await admin.get(API).expect(200)).body).toEqual({ adminEmail: null });
    expect((await support.get(API).expect(200)).body).toEqual({ adminEmail: null });
    // No address yet: exports have nowhere to go (409 naming the field).
    await expect(h.ctx.mivoiceSettings.exportAddress()).rejects.toMatchObject({
      status: 409,
      fields: { adminEmail: 'Not set' },
    });

    const saved = await admin.put(API).send({ adminEmail: '  pbx-admin@example.com ' }).expect(200);
    expect(saved.body).toEqual({ adminEmail: 'pbx-admin@example.com' });
    expect((await admin.get(API).expect(200)).body).toEqual({ adminEmail: 'pbx-admin@example.com' });
    expect((await support.get(API).expect(200)).body).toEqual({ adminEmail: 'pbx-admin@example.com' });
    expect(JSON.parse((await storedRow())!)).toEqual({ adminEmail: 'pbx-admin@example.com' });
    expect(await h.ctx.mivoiceSettings.exportAddress()).toBe('pbx-admin@example.com');

    clock.t = T0 + 1_000;
    await admin.put(API).send({ adminEmail: 'other@example.org' }).expect(200);
    clock.t = T0 + 2_000;
    const cleared = await admin.put(API).send({ adminEmail: null }).expect(200);
    expect(cleared.body).toEqual({ adminEmail: null });
    expect((await admin.get(API).expect(200)).body).toEqual({ adminEmail: null });
    await expect(h.ctx.mivoiceSettings.exportAddress()).rejects.toMatchObject({ status: 409 });

    const audit = await auditRows();
    expect(
      audit.map((a) => [a.actor, a.actor_role, a.target, JSON.parse(a.before!), JSON.parse(a.after!)]),
    ).toEqual([
      [
        'admin',
        'administrator',
        'MiVoice administrator e-mail',
        { adminEmail: null },
        { adminEmail: 'pbx-admin@example.com' },
      ],
      [
        'admin',
        'administrator',
        'MiVoice administrator e-mail',
        { adminEmail: 'pbx-admin@example.com' },
        { adminEmail: 'other@example.org' },
      ],
      [
        'admin',
        'administrator',
        'MiVoice administrator e-mail',
        { adminEmail: 'other@example.org' },
        { adminEmail: null },
      ],
    ]);
    const listed = await admin.get('/api/v1/audit').query({ action: 'mivoice.settings.update' }).expect(200);
    expect(listed.body.entries).toHaveLength(3);
    expect(listed.body.entries[0]).toMatchObject({
      action: 'mivoice.settings.update',
      actor: 'admin',
      after: { adminEmail: null },
    });
  });

  it('bad input: 400 naming the field, stored address and audit unchanged', async () => {
    await admin.put(API).send({ adminEmail: 'pbx-admin@example.com' }).expect(200);
    const before = await storedRow();
    const auditBefore = await auditRows();
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['not an e-mail', { adminEmail: 'pbx-admin' }, 'adminEmail', /valid e-mail address/],
      ['two addresses', { adminEmail: 'a@example.com, b@example.com' }, 'adminEmail', /valid e-mail address/],
      [
        'header injection',
        { adminEmail: 'a@example.com\r\nBcc: victim@example.org' },
        'adminEmail',
        /valid e-mail address/,
      ],
      ['display name', { adminEmail: 'PBX <a@example.com>' }, 'adminEmail', /valid e-mail address/],
      ['empty', { adminEmail: '' }, 'adminEmail', /valid e-mail address/],
      ['too long', { adminEmail: `${'a'.repeat(250)}@example.com` }, 'adminEmail', /at most 254 characters/],
      ['wrong type', { adminEmail: 42 }, 'adminEmail', /./],
      ['missing', {}, 'adminEmail', /required/],
      ['unknown field', { adminEmail: 'a@example.com', cc: 'b@example.com' }, '(body)', /cc/],
    ];
    for (const [what, body, field, message] of cases) {
      const res = await admin.put(API).send(body as object);
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe('validation_failed');
      expect(res.body.error.fields[field], what).toMatch(message);
    }
    await admin.put(API).set('Content-Type', 'application/json').send('{"adminEmail":').expect(400);
    await admin.put(API).set('Content-Type', 'text/plain').send('a@example.com').expect(400);
    expect(await storedRow()).toBe(before);
    expect(await auditRows()).toEqual(auditBefore);
  });

  it('support: 403 on PUT (set or clear), nothing changed, no audit entry', async () => {
    await admin.put(API).send({ adminEmail: 'pbx-admin@example.com' }).expect(200);
    const before = await storedRow();
    const auditBefore = await auditRows();
    expect(
      (await support.put(API).send({ adminEmail: 'support@example.com' }).expect(403)).body.error.code,
    ).toBe('forbidden');
    expect((await support.put(API).send({ adminEmail: null }).expect(403)).body.error.code).toBe('forbidden');
    expect(await storedRow()).toBe(before);
    expect(await auditRows()).toEqual(auditBefore);
    expect((await support.get(API).expect(200)).body).toEqual({ adminEmail: 'pbx-admin@example.com' });
  });

  it('without the CSRF token or a session, PUT is refused and nothing changes', async () => {
    const supertest = (await import('supertest')).default;
    await supertest(h.app).put(API).send({ adminEmail: 'anon@example.com' }).expect(401);
    const { cookie } = await signIn(h);
    await supertest(h.app)
      .put(API)
      .set('Cookie', cookie)
      .send({ adminEmail: 'nocsrf@example.com' })
      .expect(403);
    expect(await storedRow()).toBeUndefined();
    expect(await auditRows()).toEqual([]);
  });
});
