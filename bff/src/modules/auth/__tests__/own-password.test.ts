import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DB_KINDS,
  freshDb,
  signIn,
  startHarness,
  type Harness,
} from '../../../test/harness.js';

const LOGIN = '/api/v1/auth/login';
const PASSWORD = '/api/v1/auth/password';
type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

describe.each(DB_KINDS)("changing one's own password, sign-in/out audit (%s)", (kind) => {
  let h: Harness;
  let admin: Agent;
  const anon = () => supertest(h.app);
  const create = (username: string, role: 'administrator' | 'support' = 'support') =>
    admin
      .post('/api/v1/users')
      .send({ username, password: `${username}-password-1`, role })
      .expect(201);
  const hashOf = async (username: string) =>
    (
      await h.ctx.db.db
        .selectFrom('console_users')
        .select('password_hash')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).password_hash;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    admin = (await signIn(h)).agent;
  });
  afterAll(() => h.dispose());

  it('a support user changes its own password: 204, this session stays, its other sessions end', async () => {
    await create('self.service');
    const current = await signIn(h, 'self.service', 'self.service-password-1');
    const other = await signIn(h, 'self.service', 'self.service-password-1');
    const res = await current.agent
      .post(PASSWORD)
      .send({ currentPassword: 'self.service-password-1', newPassword: 'self-chosen-password' })
      .expect(204);
    expect(res.text).toBe('');
    await current.agent.get('/api/v1/auth/me').expect(200);
    await other.agent.get('/api/v1/auth/me').expect(401);
    await anon()
      .post(LOGIN)
      .send({ username: 'self.service', password: 'self.service-password-1' })
      .expect(401);
    await signIn(h, 'self.service', 'self-chosen-password');
    // Still read-only for everything else.
    await current.agent
      .post('/api/v1/users')
      .send({ username: 'nope.user', password: 'nope-password-1', role: 'support' })
      .expect(403);

    const entries = await h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.password.change')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'self.service',
      actor_role: 'support',
      target: 'self.service',
      before: null,
    });
    expect(JSON.parse(entries[0]!.after!)).toEqual({ password: '••••••' });
  });

  it('needs the CSRF token and a session', async () => {
    const s = await signIn(h, 'admin', ADMIN_PASSWORD);
    const noCsrf = await supertest(h.app)
      .post(PASSWORD)
      .set('Cookie', s.cookie.map((c) => c.split(';')[0]!).join('; '))
      .send({ currentPassword: ADMIN_PASSWORD, newPassword: 'csrf-less-password' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf_failed');
    await anon()
      .post(PASSWORD)
      .send({ currentPassword: ADMIN_PASSWORD, newPassword: 'anonymous-password' })
      .expect(401);
    await signIn(h, 'admin', ADMIN_PASSWORD);
  });

  it('a wrong current password is a 400 on currentPassword and changes nothing', async () => {
    await create('wrong.current');
    const s = await signIn(h, 'wrong.current', 'wrong.current-password-1');
    const before = await hashOf('wrong.current');
    const res = await s.agent
      .post(PASSWORD)
      .send({ currentPassword: 'not-my-password', newPassword: 'whatever-new-password' })
      .expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields).toEqual({ currentPassword: 'Current password is incorrect' });
    expect(res.body.error.message).toContain('currentPassword');
    expect(await hashOf('wrong.current')).toBe(before);
    await s.agent.get('/api/v1/auth/me').expect(200);
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    await create('bad.bodies');
    const s = await signIn(h, 'bad.bodies', 'bad.bodies-password-1');
    const before = await hashOf('bad.bodies');
    const cases: Array<[unknown, string]> = [
      [{ newPassword: 'long-enough-password' }, 'currentPassword'],
      [{ currentPassword: '', newPassword: 'long-enough-password' }, 'currentPassword'],
      [{ currentPassword: 42, newPassword: 'long-enough-password' }, 'currentPassword'],
      [{ currentPassword: 'c'.repeat(257), newPassword: 'long-enough-password' }, 'currentPassword'],
      [{ currentPassword: 'bad.bodies-password-1' }, 'newPassword'],
      [{ currentPassword: 'bad.bodies-password-1', newPassword: 'short' }, 'newPassword'],
      [{ currentPassword: 'bad.bodies-password-1', newPassword: 'n'.repeat(257) }, 'newPassword'],
      [{ currentPassword: 'bad.bodies-password-1', newPassword: 'bad.bodies-password-1' }, 'newPassword'],
      [
        { currentPassword: 'bad.bodies-password-1', newPassword: 'long-enough-password', username: 'admin' },
        'username',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await s.agent.post(PASSWORD).send(body as object);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain(field);
    }
    const malformed = await s.agent
      .post(PASSWORD)
      .set('Content-Type', 'application/json')
      .send('{"currentPassword":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('bad_request');
    expect(await hashOf('bad.bodies')).toBe(before);
  });

  it('audits sign-in and sign-out with the user, role and address', async () => {
    await create('audited');
    const s = await signIn(h, 'AUDITED', 'audited-password-1');
    await s.agent.post('/api/v1/auth/logout').expect(204);
    const rows = await h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target', '=', 'audited')
      .where('action', 'in', ['auth.login', 'auth.logout'])
      .orderBy('at')
      .execute();
    expect(rows.map((r) => r.action).sort()).toEqual(['auth.login', 'auth.logout']);
    for (const r of rows) {
      expect(r).toMatchObject({ actor: 'audited', actor_role: 'support', before: null, after: null });
      expect(r.address).toMatch(/127\.0\.0\.1|::1/);
    }
    // A failed sign-in leaves no auth.login entry.
    await anon().post(LOGIN).send({ username: 'audited', password: 'wrong-password-here' }).expect(401);
    const logins = await h.ctx.db.db
      .selectFrom('audit_log')
      .select('id')
      .where('target', '=', 'audited')
      .where('action', '=', 'auth.login')
      .execute();
    expect(logins).toHaveLength(1);
  });
});

describe.each(DB_KINDS)('wrong current passwords share the sign-in throttle (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    const admin = (await signIn(h)).agent;
    await admin
      .post('/api/v1/users')
      .send({ username: 'guesser', password: 'guesser-password-1', role: 'support' })
      .expect(201);
  });
  afterAll(() => h.dispose());

  it('after 5 wrong current passwords, the right one and sign-in are 429 too', async () => {
    const s = await signIn(h, 'guesser', 'guesser-password-1');
    const before = (
      await h.ctx.db.db
        .selectFrom('console_users')
        .select('password_hash')
        .where('username', '=', 'guesser')
        .executeTakeFirstOrThrow()
    ).password_hash;
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        s.agent.post(PASSWORD).send({ currentPassword: `guess-${i}`, newPassword: 'taken-over-password' }),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((x) => x === 400).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(7);
    const right = await s.agent
      .post(PASSWORD)
      .send({ currentPassword: 'guesser-password-1', newPassword: 'taken-over-password' })
      .expect(429);
    expect(right.body.error.code).toBe('rate_limited');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    await supertest(h.app)
      .post(LOGIN)
      .send({ username: 'guesser', password: 'guesser-password-1' })
      .expect(429);
    const after = (
      await h.ctx.db.db
        .selectFrom('console_users')
        .select('password_hash')
        .where('username', '=', 'guesser')
        .executeTakeFirstOrThrow()
    ).password_hash;
    expect(after).toBe(before);
    // Others on the same address are not affected.
    await signIn(h, 'admin', ADMIN_PASSWORD);
  });
});
