import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../test/harness.js';
import type { ConsolePrincipal } from '../../auth/index.js';

const LOGIN = '/api/v1/auth/login';
type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

describe.each(DB_KINDS)('console users: change, disable, reset (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  const anon = () => supertest(h.app);

  const create = (
    username: string,
    role: 'administrator' | 'support' = 'support',
    password = `${username}-password-1`,
  ) => admin.post('/api/v1/users').send({ username, password, role }).expect(201);
  const userRow = (username: string) =>
    h.ctx.db.db
      .selectFrom('console_users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirstOrThrow();
  const sessionCount = async (username: string) => {
    const u = await userRow(username);
    const rows = await h.ctx.db.db
      .selectFrom('console_sessions')
      .select('token_hash')
      .where('user_id', '=', u.id)
      .execute();
    return rows.length;
  };
  const principal = async (username: string): Promise<ConsolePrincipal> => {
    const u = await userRow(username);
    return { userId: u.id, username: u.username, role: u.role, csrfToken: 'unused', tokenHash: 'unused' };
  };
  const auditOf = (action: string, target: string) =>
    h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('target', '=', target)
      .execute();

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    admin = (await signIn(h)).agent;
  });
  afterAll(() => h.dispose());

  it('disables a user: its sessions end at once, it cannot sign in; enabling again lets it back', async () => {
    await create('victim');
    const victim = await signIn(h, 'victim', 'victim-password-1');
    const second = await signIn(h, 'victim', 'victim-password-1');
    await victim.agent.get('/api/v1/overview').expect(200);
    expect(await sessionCount('victim')).toBe(2);

    const res = await admin.patch('/api/v1/users/victim').send({ disabled: true }).expect(200);
    expect(res.body).toEqual({
      username: 'victim',
      role: 'support',
      disabled: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      lockedUntil: null,
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));
    expect(await sessionCount('victim')).toBe(0);
    expect((await victim.agent.get('/api/v1/overview').expect(401)).body.error.code).toBe('unauthenticated');
    await second.agent.get('/api/v1/auth/me').expect(401);
    // Same answer as a wrong password: a disabled account is not revealed.
    const refused = await anon()
      .post(LOGIN)
      .send({ username: 'victim', password: 'victim-password-1' })
      .expect(401);
    expect(refused.body.error).toEqual({
      code: 'invalid_credentials',
      message: 'Invalid user name or password',
      reason: 'invalid_credentials',
    });

    const list = await admin.get('/api/v1/users').expect(200);
    expect(list.body.users.find((u: { username: string }) => u.username === 'victim').disabled).toBe(true);

    await admin.patch('/api/v1/users/victim').send({ disabled: false }).expect(200);
    await signIn(h, 'victim', 'victim-password-1');

    const audit = await auditOf('user.update', 'victim');
    expect(audit.map((a) => [JSON.parse(a.before!), JSON.parse(a.after!)])).toEqual(
      expect.arrayContaining([
        [
          { role: 'support', disabled: false },
          { role: 'support', disabled: true },
        ],
        [
          { role: 'support', disabled: true },
          { role: 'support', disabled: false },
        ],
      ]),
    );
    expect(audit.every((a) => a.actor === 'admin' && a.actor_role === 'administrator' && !!a.address)).toBe(
      true,
    );
  });

  it("changes a role; the change applies to the user's open session at once", async () => {
    await create('promoted');
    const promoted = await signIn(h, 'promoted', 'promoted-password-1');
    await promoted.agent
      .post('/api/v1/users')
      .send({ username: 'by-support', password: 'by-support-password', role: 'support' })
      .expect(403);

    const res = await admin.patch('/api/v1/users/promoted').send({ role: 'administrator' }).expect(200);
    expect(res.body).toMatchObject({ username: 'promoted', role: 'administrator', disabled: false });
    await promoted.agent
      .post('/api/v1/users')
      .send({ username: 'by-promoted', password: 'by-promoted-password', role: 'support' })
      .expect(201);

    await admin.patch('/api/v1/users/promoted').send({ role: 'support' }).expect(200);
    await promoted.agent
      .post('/api/v1/users')
      .send({ username: 'by-demoted', password: 'by-demoted-password', role: 'support' })
      .expect(403);
    const [up, down] = (await auditOf('user.update', 'promoted')).sort((a, b) => Number(a.at) - Number(b.at));
    expect(JSON.parse(up!.after!)).toEqual({ role: 'administrator', disabled: false });
    expect(JSON.parse(down!.after!)).toEqual({ role: 'support', disabled: false });
  });

  it('finds users whatever the case of the name, in the URL and at sign-in', async () => {
    await create('Mixed.Case');
    const s = await signIn(h, 'MIXED.case', 'Mixed.Case-password-1');
    expect((await s.agent.get('/api/v1/auth/me').expect(200)).body.username).toBe('Mixed.Case');
    const res = await admin.patch('/api/v1/users/mixed.CASE').send({ role: 'administrator' }).expect(200);
    expect(res.body.username).toBe('Mixed.Case');
    await admin
      .post('/api/v1/users/MIXED.CASE/password')
      .send({ password: 'new-mixed-password' })
      .expect(204);
    await signIn(h, 'mixed.case', 'new-mixed-password');
  });

  it('answers 404 naming an unknown user, and changes nothing', async () => {
    const before = await admin.get('/api/v1/users').expect(200);
    const patch = await admin.patch('/api/v1/users/nobody.here').send({ disabled: true }).expect(404);
    expect(patch.body.error.code).toBe('not_found');
    expect(patch.body.error.message).toContain('"nobody.here"');
    const reset = await admin
      .post('/api/v1/users/nobody.here/password')
      .send({ password: 'whatever-password' })
      .expect(404);
    expect(reset.body.error.message).toContain('"nobody.here"');
    // A name the user-name rule refuses cannot exist either.
    const xss = await admin
      .patch(`/api/v1/users/${encodeURIComponent('<img src=x onerror=alert(1)>')}`)
      .send({ disabled: true })
      .expect(404);
    expect(xss.headers['content-type']).toMatch(/application\/json/);
    expect((await admin.get('/api/v1/users').expect(200)).body).toEqual(before.body);
  });

  it('refuses to disable yourself or change your own role (409), and allows a no-op on yourself', async () => {
    const self = await admin.patch('/api/v1/users/admin').send({ disabled: true }).expect(409);
    expect(self.body.error).toEqual({
      code: 'conflict',
      message: 'You cannot disable your own account',
      reason: 'cannot_disable_self',
      fields: { disabled: 'You cannot disable your own account' },
      fieldReasons: { disabled: { reason: 'cannot_disable_self' } },
    });
    const role = await admin.patch('/api/v1/users/ADMIN').send({ role: 'support' }).expect(409);
    expect(role.body.error.fields).toEqual({ role: 'You cannot change your own role' });
    const same = await admin
      .patch('/api/v1/users/admin')
      .send({ role: 'administrator', disabled: false })
      .expect(200);
    expect(same.body).toMatchObject({ username: 'admin', role: 'administrator', disabled: false });
    expect(await auditOf('user.update', 'admin')).toEqual([]);
    expect((await userRow('admin')).disabled).toBe(0);
  });

  it('keeps at least one enabled administrator (409), whoever asks', async () => {
    // Over the API the caller is itself an enabled administrator, so only a race can get there;
    // the rule itself is in the service (and one UPDATE), checked here directly.
    const { users } = h.ctx;
    await create('lone.support');
    const support = await principal('lone.support');
    const admins = await h.ctx.db.db
      .selectFrom('console_users')
      .select('username')
      .where('role', '=', 'administrator')
      .where('disabled', '=', 0)
      .execute();
    for (const a of admins)
      if (a.username !== 'admin') await users.updateUser(a.username, { role: 'support' }, support, null);

    for (const patch of [
      { disabled: true },
      { role: 'support' as const },
      { disabled: true, role: 'support' as const },
    ]) {
      const err = await users.updateUser('admin', patch, support, '192.0.2.1').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'conflict', status: 409 });
      expect((err as Error).message).toMatch(/At least one enabled administrator must remain/);
    }
    expect(await userRow('admin')).toMatchObject({ role: 'administrator', disabled: 0 });
    // Disabling a support user or promoting one is always fine.
    await users.updateUser('lone.support', { role: 'administrator' }, await principal('admin'), null);
    await users.updateUser('admin', { disabled: true }, support, null);
    await users.updateUser('admin', { disabled: false }, support, null);
    admin = (await signIn(h)).agent;
  });

  it('two administrators disabling each other at once: one wins, one gets 409, one administrator stays', async () => {
    const { users } = h.ctx;
    await create('duel.a', 'administrator');
    await create('duel.b', 'administrator');
    const enabledAdmins = () =>
      h.ctx.db.db
        .selectFrom('console_users')
        .select('username')
        .where('role', '=', 'administrator')
        .where('disabled', '=', 0)
        .execute();
    // Leave exactly two enabled administrators.
    for (const a of await enabledAdmins())
      if (!['duel.a', 'duel.b'].includes(a.username))
        await users.updateUser(a.username, { disabled: true }, await principal('duel.a'), null);
    const pa = await principal('duel.a');
    const pb = await principal('duel.b');
    for (let round = 0; round < 8; round++) {
      const results = await Promise.allSettled([
        users.updateUser('duel.b', { disabled: true }, pa, null),
        users.updateUser('duel.a', { role: 'support' }, pb, null),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({ code: 'conflict' });
      expect((await enabledAdmins()).length).toBe(1);
      // Put both back for the next round.
      await users.updateUser('duel.a', { role: 'administrator', disabled: false }, pb, null);
      await users.updateUser('duel.b', { disabled: false }, pa, null);
    }

    // The same over HTTP: each signed in, each disabling the other.
    const a = await signIn(h, 'duel.a', 'duel.a-password-1');
    const b = await signIn(h, 'duel.b', 'duel.b-password-1');
    const [ra, rb] = await Promise.all([
      a.agent.patch('/api/v1/users/duel.b').send({ disabled: true }),
      b.agent.patch('/api/v1/users/duel.a').send({ disabled: true }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    // The loser gets 409, or 401 when the winner had already ended its session.
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    expect((await enabledAdmins()).length).toBe(1);
    const winner = ra.status === 200 ? 'duel.a' : 'duel.b';
    await users.updateUser('admin', { disabled: false }, await principal(winner), null);
    admin = (await signIn(h)).agent;
  });

  it("an administrator resets a password: 204, all that user's sessions end, only the new password works", async () => {
    await create('forgetful');
    const one = await signIn(h, 'forgetful', 'forgetful-password-1');
    const two = await signIn(h, 'forgetful', 'forgetful-password-1');
    const res = await admin
      .post('/api/v1/users/forgetful/password')
      .send({ password: 'brand-new-password-1' })
      .expect(204);
    expect(res.text).toBe('');
    await one.agent.get('/api/v1/auth/me').expect(401);
    await two.agent.get('/api/v1/auth/me').expect(401);
    expect(await sessionCount('forgetful')).toBe(0);
    await anon().post(LOGIN).send({ username: 'forgetful', password: 'forgetful-password-1' }).expect(401);
    await signIn(h, 'forgetful', 'brand-new-password-1');
    const [entry] = await auditOf('user.password.reset', 'forgetful');
    expect(entry).toMatchObject({ actor: 'admin', actor_role: 'administrator', before: null });
    expect(JSON.parse(entry!.after!)).toEqual({ password: '••••••' });
  });

  it('support is read-only here: 403 on create, change and reset, nothing changes', async () => {
    await create('readonly');
    await create('target.user');
    const support = await signIn(h, 'readonly', 'readonly-password-1');
    expect((await support.agent.get('/api/v1/users').expect(200)).body.users.length).toBeGreaterThan(2);
    const before = await userRow('target.user');
    const calls = [
      support.agent
        .post('/api/v1/users')
        .send({ username: 'sneaky', password: 'sneaky-password-1', role: 'administrator' }),
      support.agent.patch('/api/v1/users/target.user').send({ disabled: true }),
      support.agent.patch('/api/v1/users/readonly').send({ role: 'administrator' }),
      support.agent.post('/api/v1/users/target.user/password').send({ password: 'support-chose-this' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await userRow('target.user')).toEqual(before);
    expect((await userRow('readonly')).role).toBe('support');
    await signIn(h, 'target.user', 'target.user-password-1');
  });

  it('refuses bad bodies with 400 naming the field, and changes nothing', async () => {
    await create('steady');
    const before = await userRow('steady');
    const patches: Array<[unknown, string]> = [
      [{ disabled: 'yes' }, 'disabled'],
      [{ disabled: 1 }, 'disabled'],
      [{ role: 'root' }, 'role'],
      [{ role: 'r'.repeat(10_000) }, 'role'],
      [{ role: ['administrator'] }, 'role'],
      [{ disabled: true, isRoot: true }, 'isRoot'],
      [{}, 'Nothing to change'],
      [[], '(body)'],
    ];
    for (const [body, named] of patches) {
      const res = await admin.patch('/api/v1/users/steady').send(body as object);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(`${res.body.error.message} ${Object.keys(res.body.error.fields).join(' ')}`).toContain(named);
    }
    const resets: Array<[unknown, string]> = [
      [{ password: 'short' }, 'password'],
      [{ password: 12345678901 }, 'password'],
      [{ password: 'p'.repeat(257) }, 'password'],
      [{}, 'password'],
      [{ password: 'long-enough-password', role: 'administrator' }, 'role'],
    ];
    for (const [body, named] of resets) {
      const res = await admin.post('/api/v1/users/steady/password').send(body as object);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(`${res.body.error.message} ${Object.keys(res.body.error.fields).join(' ')}`).toContain(named);
    }
    for (const path of ['/api/v1/users/steady', '/api/v1/users/steady/password']) {
      const req = path.endsWith('password') ? admin.post(path) : admin.patch(path);
      const bad = await req.set('Content-Type', 'application/json').send('{"disabled": tru');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('bad_request');
    }
    expect(await userRow('steady')).toEqual(before);
    await signIn(h, 'steady', 'steady-password-1');
  });

  it('refuses user names with markup, quotes or control characters (XSS, header tricks) with 400 on username', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "admin'--",
      'javascript:alert(1)',
      'a\r\nSet-Cookie: x=1',
      'ab%3Cscript%3E',
      '{{7*7}}',
      'ünïcödé',
    ];
    for (const username of payloads) {
      const res = await admin
        .post('/api/v1/users')
        .send({ username, password: 'long-enough-password', role: 'support' });
      expect(res.status, username).toBe(400);
      expect(res.body.error.fields).toHaveProperty('username');
    }
    const names = (
      (await admin.get('/api/v1/users').expect(200)).body.users as Array<{ username: string }>
    ).map((u) => u.username);
    for (const p of payloads) expect(names).not.toContain(p);
    expect(
      await h.ctx.db.db
        .selectFrom('audit_log')
        .select('target')
        .where('action', '=', 'user.create')
        .where('target', 'like', '%<%')
        .execute(),
    ).toEqual([]);
  });
});
