import { AUDIT_MASK, auditPageSchema } from '@oig/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../test/harness.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

/** Rows with fixed times in 2001, far from the ones the API writes now. */
const T0 = Date.parse('2001-01-01T00:00:00Z');
const HOUR = 3_600_000;
const SEEDED = [
  { target: '50% off', action: 'options.update' },
  { target: '500 things', action: 'options.update' },
  { target: 'a_b', action: 'user.update' },
  { target: 'axb', action: 'user.update' },
  { target: 'back\\slash', action: 'user.update' },
  { target: 'Mixed CASE Target', action: 'account.update' },
];
const RANGE = { from: '2001-01-01T00:00:00Z', to: '2001-01-02T00:00:00Z' };

describe.each(DB_KINDS)('audit log (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  const passwords = [
    'created-password-1',
    'created-password-2',
    'reset-password-1',
    'own-new-password-1',
    'own-new-password-2',
  ];

  const page = async (agent: Agent, query: Record<string, string | number>) => {
    const res = await agent.get('/api/v1/audit').query(query).expect(200);
    return auditPageSchema.parse(res.body);
  };
  const targets = async (query: Record<string, string | number>) =>
    (await page(admin, { ...RANGE, ...query })).entries.map((e) => e.target).sort();

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    admin = (await signIn(h)).agent;
    for (const [i, entry] of SEEDED.entries()) {
      await h.ctx.db.db
        .insertInto('audit_log')
        .values({
          id: `seed-${i}`,
          at: T0 + i * HOUR,
          actor: 'Filter.Actor',
          actor_role: 'administrator',
          address: '192.0.2.1',
          action: entry.action,
          target: entry.target,
          before: null,
          after: null,
        })
        .execute();
    }
  });
  afterAll(() => h.dispose());

  it('records who, what and when for user changes, with every password masked everywhere', async () => {
    await admin
      .post('/api/v1/users')
      .send({ username: 'audit.one', password: passwords[0], role: 'support' })
      .expect(201);
    await admin
      .post('/api/v1/users')
      .send({ username: 'audit.two', password: passwords[1], role: 'administrator' })
      .expect(201);
    await admin.post('/api/v1/users/audit.one/password').send({ password: passwords[2] }).expect(204);
    const one = await signIn(h, 'audit.one', passwords[2]);
    await one.agent
      .post('/api/v1/auth/password')
      .send({ currentPassword: passwords[2], newPassword: passwords[3] })
      .expect(204);
    const two = await signIn(h, 'audit.two', passwords[1]);
    await two.agent
      .post('/api/v1/auth/password')
      .send({ currentPassword: passwords[1], newPassword: passwords[4] })
      .expect(204);
    await admin.patch('/api/v1/users/audit.one').send({ disabled: true }).expect(200);

    const rows = await h.ctx.db.db.selectFrom('audit_log').selectAll().execute();
    const dump = JSON.stringify(rows);
    for (const p of [...passwords, 'admin-test-password-1']) expect(dump).not.toContain(p);
    const api = await admin.get('/api/v1/audit').query({ limit: 1000 }).expect(200);
    for (const p of passwords) expect(api.text).not.toContain(p);

    const entries = auditPageSchema.parse(api.body).entries;
    const created = entries.find((e) => e.action === 'user.create' && e.target === 'audit.one')!;
    expect(created).toMatchObject({
      actor: 'admin',
      actorRole: 'administrator',
      before: null,
      after: { username: 'audit.one', role: 'support', disabled: false, password: AUDIT_MASK },
    });
    expect(created.address).toMatch(/127\.0\.0\.1|::1/);
    expect(Math.abs(Date.parse(created.at) - Date.now())).toBeLessThan(10 * 60_000);
    expect(
      entries.find((e) => e.action === 'user.password.reset' && e.target === 'audit.one')?.after,
    ).toEqual({ password: AUDIT_MASK });
    expect(
      entries.filter((e) => e.action === 'auth.password.change').map((e) => [e.actor, e.actorRole, e.after]),
    ).toEqual(
      expect.arrayContaining([
        ['audit.one', 'support', { password: AUDIT_MASK }],
        ['audit.two', 'administrator', { password: AUDIT_MASK }],
      ]),
    );
    expect(entries.find((e) => e.action === 'user.update' && e.target === 'audit.one')).toMatchObject({
      before: { role: 'support', disabled: false },
      after: { role: 'support', disabled: true },
    });
    expect(entries.some((e) => e.action === 'auth.login' && e.actor === 'audit.two')).toBe(true);
  });

  it('q matches actor, action or target case-insensitively, with % _ and \\ taken literally', async () => {
    expect(await targets({ q: '50%' })).toEqual(['50% off']);
    expect(await targets({ q: '%' })).toEqual(['50% off']);
    expect(await targets({ q: 'a_b' })).toEqual(['a_b']);
    expect(await targets({ q: 'A_B' })).toEqual(['a_b']);
    expect(await targets({ q: '_' })).toEqual(['a_b']);
    expect(await targets({ q: '\\' })).toEqual(['back\\slash']);
    expect(await targets({ q: 'mixed case' })).toEqual(['Mixed CASE Target']);
    expect(await targets({ q: 'ACCOUNT.UPD' })).toEqual(['Mixed CASE Target']);
    expect(await targets({ q: 'filter.act' })).toHaveLength(SEEDED.length);
    expect(await targets({ q: "'; drop table audit_log; --" })).toEqual([]);
    expect(
      await h.ctx.db.db.selectFrom('audit_log').select('id').where('id', '=', 'seed-0').execute(),
    ).toHaveLength(1);
  });

  it('filters by actor (exact, any case), action and time range, pages with limit/offset and reports the total', async () => {
    expect(await targets({ actor: 'FILTER.actor' })).toHaveLength(SEEDED.length);
    expect(await targets({ actor: 'filter' })).toEqual([]);
    expect(await targets({ action: 'user.update' })).toEqual(['a_b', 'axb', 'back\\slash']);
    expect(await targets({ action: 'user.update', q: 'x' })).toEqual(['axb']);
    // from and to are inclusive.
    expect(
      await targets({ from: new Date(T0 + HOUR).toISOString(), to: new Date(T0 + 3 * HOUR).toISOString() }),
    ).toEqual(['500 things', 'a_b', 'axb']);
    expect(await targets({ from: '2001-01-01T02:00:00+01:00', to: '2001-01-01T01:00:00Z' })).toEqual([
      '500 things',
    ]);

    const first = await page(admin, { ...RANGE, limit: 2 });
    expect(first.total).toBe(SEEDED.length);
    expect(first.entries.map((e) => e.target)).toEqual(['Mixed CASE Target', 'back\\slash']);
    const second = await page(admin, { ...RANGE, limit: 2, offset: 2 });
    expect(second.total).toBe(SEEDED.length);
    expect(second.entries.map((e) => e.target)).toEqual(['axb', 'a_b']);
    const past = await page(admin, { ...RANGE, offset: 100 });
    expect(past).toEqual({ entries: [], total: SEEDED.length });
    const filteredTotal = await page(admin, { ...RANGE, action: 'user.update', limit: 1 });
    expect(filteredTotal.total).toBe(3);
    expect(filteredTotal.entries).toHaveLength(1);
  });

  it('is readable by support', async () => {
    await admin
      .post('/api/v1/users')
      .send({ username: 'audit.reader', password: 'audit-reader-password', role: 'support' })
      .expect(201);
    const support = await signIn(h, 'audit.reader', 'audit-reader-password');
    const res = await page(support.agent, { ...RANGE });
    expect(res.total).toBe(SEEDED.length);
  });

  it('refuses bad queries with 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1.5', 'limit'],
      ['offset=-1', 'offset'],
      ['action=user.delete', 'action'],
      ['from=yesterday', 'from'],
      ['to=2001-01-01', 'to'],
      [`q=${'x'.repeat(201)}`, 'q'],
      [`actor=${'a'.repeat(65)}`, 'actor'],
      ['actor=a&actor=b', 'actor'],
      ['sort=at', 'sort'],
    ];
    for (const [query, field] of cases) {
      const res = await admin.get(`/api/v1/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message, query).toContain(field);
    }
  });
});
