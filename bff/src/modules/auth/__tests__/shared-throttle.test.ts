import { sql } from 'kysely';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  restLogin,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
  type TestDb,
} from '../../../test/harness.js';

const LOGIN = '/api/v1/auth/login';

/** Two processes on one database, as two instances of the product would be. */
describe.each(DB_KINDS)('throttles shared by processes and kept across restarts (%s)', (kind) => {
  let db: TestDb;
  let a: Harness;
  let b: Harness;
  let admin: Awaited<ReturnType<typeof signIn>>;

  const addUser = (username: string, role: 'administrator' | 'support' = 'support') =>
    admin.agent
      .post('/api/v1/users')
      .send({ username, password: `${username}-password-1`, role })
      .expect(201);
  const signInTo = (h: Harness, username: string, password: string) =>
    supertest(h.app).post(LOGIN).send({ username, password });
  const auditOf = async (h: Harness, action: string) =>
    (await signIn(h)).agent.get('/api/v1/audit').query({ action, limit: 1000 }).expect(200);

  beforeAll(async () => {
    db = freshDb(kind);
    a = await startHarness(db);
    b = await startHarness(db);
    admin = await signIn(a);
  });
  afterAll(async () => {
    await b.close();
    await a.dispose();
  });

  it('one process locks a user name for the other: 3 failures on A and 2 on B lock it on both', async () => {
    await addUser('shared');
    for (let i = 0; i < 3; i++) expect((await signInTo(a, 'shared', `wrong-a-${i}`)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await signInTo(b, 'shared', `wrong-b-${i}`)).status).toBe(401);
    const onA = await signInTo(a, 'shared', 'shared-password-1').expect(429);
    const onB = await signInTo(b, 'SHARED', 'shared-password-1').expect(429);
    expect(onA.body.error).toMatchObject({ code: 'rate_limited', reason: 'too_many_failures' });
    expect(Number(onB.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // Others are not affected.
    await signInTo(b, 'admin', ADMIN_PASSWORD).expect(200);
  });

  it('a restarted process remembers the lock', async () => {
    await addUser('restart');
    for (let i = 0; i < 5; i++) expect((await signInTo(a, 'restart', `wrong-${i}`)).status).toBe(401);
    await a.close();
    a = await startHarness(db);
    admin = await signIn(a);
    await signInTo(a, 'restart', 'restart-password-1').expect(429);
  });

  it('shares the application-login throttle: 20 failures split between A and B refuse the right password', async () => {
    await createAccount(admin.agent, APPS.acme);
    let failures = 0;
    for (const h of [a, b]) {
      for (let i = 0; i < 10; i++) {
        const r = await restLogin(h, APPS.acme, `not-the-password-${i}`);
        if (r.status === 401) failures++;
      }
    }
    expect(failures).toBe(20);
    expect((await restLogin(a, APPS.acme)).status).toBe(429);
    expect((await restLogin(b, APPS.acme)).status).toBe(429);
    // ... and after a restart of both.
    await b.close();
    b = await startHarness(db);
    expect((await restLogin(b, APPS.acme)).status).toBe(429);
    // Another application from the same address is not affected.
    expect((await restLogin(b, APPS.google)).body.error).toBe('Local Password Invalid');
  });

  it('audits failed sign-ins with the user name tried, the address and why, never the password', async () => {
    await addUser('audited');
    await addUser('gone');
    await admin.agent.patch('/api/v1/users/gone').send({ disabled: true }).expect(200);
    await signInTo(a, 'audited', 'secret-guess-1').expect(401);
    await signInTo(b, 'nobody-here', 'secret-guess-2').expect(401);
    await signInTo(a, 'gone', 'gone-password-1').expect(401);
    for (let i = 3; i < 7; i++) await signInTo(b, 'audited', `secret-guess-${i}`).expect(401);
    // Three refusals while locked: recorded once (the first), not three times.
    for (let i = 0; i < 3; i++) await signInTo(a, 'audited', 'audited-password-1').expect(429);

    const { entries } = (await auditOf(b, 'auth.login.failed')).body as {
      entries: { actor: string; actorRole: string; address: string; target: string; after: unknown }[];
    };
    const of = (name: string) => entries.filter((e) => e.target === name).map((e) => e.after);
    expect(of('nobody-here')).toEqual([{ reason: 'unknown_user' }]);
    expect(of('gone')).toEqual([{ reason: 'disabled' }]);
    const audited = of('audited');
    expect(audited.filter((x) => (x as { reason: string }).reason === 'wrong_password')).toHaveLength(5);
    const locked = audited.filter((x) => (x as { reason: string }).reason === 'locked');
    expect(locked).toEqual([{ reason: 'locked', lockedUntil: expect.stringMatching(/^\d{4}-.*Z$/) }]);
    const row = entries.find((e) => e.target === 'audited')!;
    expect(row).toMatchObject({
      actor: 'audited',
      actorRole: 'support',
      address: expect.stringContaining('127.0.0.1'),
    });
    expect(entries.find((e) => e.target === 'nobody-here')).toMatchObject({ actorRole: '' });

    // No password anywhere in the audit table, whatever its column.
    const raw = await sql<Record<string, unknown>>`select * from audit_log`.execute(a.ctx.db.db);
    const text = JSON.stringify(raw.rows);
    for (const secret of ['secret-guess', 'gone-password-1', 'audited-password-1'])
      expect(text).not.toContain(secret);
  });

  it('lists a locked user with lockedUntil (others null), on either process', async () => {
    await addUser('listed');
    for (let i = 0; i < 5; i++) await signInTo(a, 'listed', `wrong-${i}`).expect(401);
    const before = Date.now();
    const { users } = (await (await signIn(b)).agent.get('/api/v1/users').expect(200)).body as {
      users: { username: string; lockedUntil: string | null }[];
    };
    const listed = users.find((u) => u.username === 'listed')!;
    expect(listed.lockedUntil).not.toBeNull();
    const until = Date.parse(listed.lockedUntil!);
    expect(until).toBeGreaterThan(before + 14 * 60_000);
    expect(until).toBeLessThanOrEqual(before + 15 * 60_000);
    expect(users.find((u) => u.username === 'admin')!.lockedUntil).toBeNull();
  });

  it('an administrator unlocks a user (audited) on one process and the other lets it sign in', async () => {
    await addUser('unlockme');
    for (let i = 0; i < 5; i++) await signInTo(a, 'unlockme', `wrong-${i}`).expect(401);
    await signInTo(b, 'unlockme', 'unlockme-password-1').expect(429);

    const res = await admin.agent.post('/api/v1/users/UNLOCKME/unlock').expect(200);
    expect(res.body).toMatchObject({ username: 'unlockme', lockedUntil: null });
    await signInTo(b, 'unlockme', 'unlockme-password-1').expect(200);

    const { entries } = (await auditOf(a, 'user.unlock')).body as {
      entries: { actor: string; target: string; before: { lockedUntil: string }; after: unknown }[];
    };
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'admin', target: 'unlockme', after: { lockedUntil: null } });
    expect(Date.parse(entries[0]!.before.lockedUntil)).toBeGreaterThan(Date.now());

    // Not locked (any more): 409 with its reason; unknown user: 404; nothing more audited.
    const again = await admin.agent.post('/api/v1/users/unlockme/unlock').expect(409);
    expect(again.body.error).toMatchObject({
      code: 'conflict',
      reason: 'user_not_locked',
      params: { username: 'unlockme' },
    });
    await admin.agent.post('/api/v1/users/no-such-user/unlock').expect(404);
    expect((await auditOf(a, 'user.unlock')).body.entries).toHaveLength(1);
  });

  it('refuses the unlock to a support user (403) and the lock stays', async () => {
    await addUser('stays');
    for (let i = 0; i < 5; i++) await signInTo(a, 'stays', `wrong-${i}`).expect(401);
    const support = await signInSupport(a, admin.agent);
    const res = await support.agent.post('/api/v1/users/stays/unlock').expect(403);
    expect(res.body.error.code).toBe('forbidden');
    await signInTo(b, 'stays', 'stays-password-1').expect(429);
  });
});
