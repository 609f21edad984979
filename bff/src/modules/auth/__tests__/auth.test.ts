import { OIG_VERSION, sessionProbeSchema } from '@oig/shared';
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
const INVALID = 'Invalid user name or password';

/** The `oig_session=...` pair of a Set-Cookie header, as a browser would send it back. */
function sessionCookie(setCookie: string[] | string | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const c = all.find((v) => v.startsWith('oig_session='));
  if (!c) throw new Error(`no oig_session cookie in ${JSON.stringify(all)}`);
  return c.split(';')[0]!;
}

describe.each(DB_KINDS)('console sign-in and users (%s)', (kind) => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof signIn>>;
  const anon = () => supertest(h.app);

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    admin = await signIn(h);
  });
  afterAll(() => h.dispose());

  describe('sign-in', () => {
    it('answers a good sign-in with the principal, a CSRF token and a strict HttpOnly cookie', async () => {
      const res = await anon().post(LOGIN).send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
      expect(res.body).toEqual({
        username: 'admin',
        role: 'administrator',
        csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
        version: OIG_VERSION,
      });
      const raw = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('oig_session='),
      )!;
      expect(raw).toBeDefined();
      const attrs = raw.split(';').map((a) => a.trim().toLowerCase());
      expect(attrs).toContain('httponly');
      expect(attrs).toContain('samesite=strict');
      expect(attrs).toContain('path=/');
      // The cookie value is a random token, never the password or the user name.
      const value = raw.split(';')[0]!.slice('oig_session='.length);
      expect(value.length).toBeGreaterThanOrEqual(32);
      expect(value).not.toContain('admin');
    });

    it('GET /auth/me works with the cookie and is 401 without it', async () => {
      const login = await anon()
        .post(LOGIN)
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      const cookie = sessionCookie(login.headers['set-cookie']);
      const me = await anon().get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
      expect(me.body).toEqual({
        username: 'admin',
        role: 'administrator',
        csrfToken: login.body.csrfToken,
        version: OIG_VERSION,
      });

      const none = await anon().get('/api/v1/auth/me').expect(401);
      expect(none.body.error.code).toBe('unauthenticated');
      const forged = await anon()
        .get('/api/v1/auth/me')
        .set('Cookie', 'oig_session=not-a-real-token')
        .expect(401);
      expect(forged.body.error.code).toBe('unauthenticated');
    });

    it('GET /auth/session: 200 either way; signed out holds nothing else, signed in holds me', async () => {
      const login = await anon()
        .post(LOGIN)
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      const cookie = sessionCookie(login.headers['set-cookie']);
      const signedIn = await anon().get('/api/v1/auth/session').set('Cookie', cookie).expect(200);
      expect(sessionProbeSchema.parse(signedIn.body)).toEqual({
        signedIn: true,
        me: {
          username: 'admin',
          role: 'administrator',
          csrfToken: login.body.csrfToken,
          version: OIG_VERSION,
        },
      });
      expect(signedIn.headers['cache-control']).toContain('no-store');
      // No cookie, a forged one, one signed out: 200 and not a word more than signedIn: false.
      for (const c of [undefined, 'oig_session=not-a-real-token']) {
        const req = anon().get('/api/v1/auth/session');
        const res = await (c ? req.set('Cookie', c) : req).expect(200);
        expect(res.body).toEqual({ signedIn: false });
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      await anon()
        .post('/api/v1/auth/logout')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', login.body.csrfToken)
        .expect(204);
      expect((await anon().get('/api/v1/auth/session').set('Cookie', cookie).expect(200)).body).toEqual({
        signedIn: false,
      });
    });

    it('logout needs the CSRF token, answers 204 and kills the cookie', async () => {
      const login = await anon()
        .post(LOGIN)
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      const cookie = sessionCookie(login.headers['set-cookie']);

      const noCsrf = await anon().post('/api/v1/auth/logout').set('Cookie', cookie).expect(403);
      expect(noCsrf.body.error.code).toBe('csrf_failed');
      await anon().get('/api/v1/auth/me').set('Cookie', cookie).expect(200);

      const out = await anon()
        .post('/api/v1/auth/logout')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', login.body.csrfToken)
        .expect(204);
      const cleared = (out.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('oig_session='),
      )!;
      expect(cleared).toMatch(/^oig_session=;/);
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);

      // The old cookie, replayed, no longer works anywhere.
      const me = await anon().get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
      expect(me.body.error.code).toBe('unauthenticated');
      await anon().get('/api/v1/overview').set('Cookie', cookie).expect(401);
      // Other console sessions of the same user are untouched.
      await admin.agent.get('/api/v1/auth/me').expect(200);
    });

    it('gives the same status and message for a wrong password and an unknown user', async () => {
      const wrong = await anon()
        .post(LOGIN)
        .send({ username: 'admin', password: 'not-the-password' })
        .expect(401);
      const unknown = await anon()
        .post(LOGIN)
        .send({ username: 'nobody-here', password: 'not-the-password' })
        .expect(401);
      expect(wrong.body).toEqual({
        error: { code: 'invalid_credentials', message: INVALID, reason: 'invalid_credentials' },
      });
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.headers['set-cookie']).toBeUndefined();
      expect(unknown.headers['set-cookie']).toBeUndefined();
    });

    it('throttles a user name after 5 failures (429 + Retry-After), even with the right password, without affecting others', async () => {
      await admin.agent
        .post('/api/v1/users')
        .send({ username: 'throttled', password: 'throttled-password-1', role: 'support' })
        .expect(201);
      await admin.agent
        .post('/api/v1/users')
        .send({ username: 'bystander', password: 'bystander-password-1', role: 'support' })
        .expect(201);
      for (let i = 0; i < 5; i++) {
        const r = await anon()
          .post(LOGIN)
          .send({ username: 'throttled', password: `wrong-${i}` });
        expect(r.status).toBe(401);
      }
      const blocked = await anon()
        .post(LOGIN)
        .send({ username: 'throttled', password: 'throttled-password-1' })
        .expect(429);
      expect(blocked.body.error.code).toBe('rate_limited');
      expect(blocked.body.error.message).toMatch(/Too many failed sign-in attempts/);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(blocked.headers['set-cookie']).toBeUndefined();
      // The user name is matched case-insensitively: changing the case does not get around it.
      await anon().post(LOGIN).send({ username: 'THROTTLED', password: 'throttled-password-1' }).expect(429);

      // Other users on the same address are not affected.
      await anon().post(LOGIN).send({ username: 'bystander', password: 'bystander-password-1' }).expect(200);
      await anon().post(LOGIN).send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    });

    it('counts concurrent wrong passwords before checking them: at most 5 of 30 parallel guesses are tried', async () => {
      await admin.agent
        .post('/api/v1/users')
        .send({ username: 'parallel', password: 'parallel-password-1', role: 'support' })
        .expect(201);
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          anon()
            .post(LOGIN)
            .send({ username: 'parallel', password: `guess-${i}` }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(25);
    });

    it('refuses bad bodies with 400 naming the field', async () => {
      const cases: Array<[unknown, string]> = [
        [{ password: 'x' }, 'username'],
        [{ username: 'admin' }, 'password'],
        [{ username: 42, password: 'x' }, 'username'],
        [{ username: 'admin', password: ['x'] }, 'password'],
        [{ username: 'a'.repeat(10 * 1024), password: 'x' }, 'username'],
        [{ username: '   ', password: 'x' }, 'username'],
        [{ username: 'admin', password: '' }, 'password'],
      ];
      for (const [body, field] of cases) {
        const res = await anon()
          .post(LOGIN)
          .send(body as object);
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(Object.keys(res.body.error.fields)).toContain(field);
        expect(res.body.error.message).toContain(field);
      }
      const long = await anon()
        .post(LOGIN)
        .send({ username: 'a'.repeat(10 * 1024), password: 'x' })
        .expect(400);
      expect(long.body.error.fields.username).toMatch(/at most 64/);
      // A JSON value that is not an object.
      const arr = await anon().post(LOGIN).set('Content-Type', 'application/json').send('[]').expect(400);
      expect(arr.body.error.code).toBe('validation_failed');
    });

    it('refuses a body that is not JSON with 400', async () => {
      const text = await anon()
        .post(LOGIN)
        .set('Content-Type', 'text/plain')
        .send(`{"username":"admin","password":"${ADMIN_PASSWORD}"}`)
        .expect(400);
      expect(text.body.error).toEqual({
        code: 'bad_request',
        message: 'Content-Type must be application/json',
        reason: 'json_content_type_required',
      });
      const form = await anon()
        .post(LOGIN)
        .type('form')
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(400);
      expect(form.body.error.code).toBe('bad_request');
      expect(form.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('console users', () => {
    it('creates a support user that can sign in and read the user list', async () => {
      const created = await admin.agent
        .post('/api/v1/users')
        .send({ username: 'helpdesk', password: 'helpdesk-password-1', role: 'support' })
        .expect(201);
      expect(created.body).toEqual({
        username: 'helpdesk',
        role: 'support',
        disabled: false,
        createdAt: expect.any(String),
        updatedAt: created.body.createdAt,
        lockedUntil: null,
      });
      expect(Number.isNaN(Date.parse(created.body.createdAt))).toBe(false);

      const support = await signIn(h, 'helpdesk', 'helpdesk-password-1');
      const me = await support.agent.get('/api/v1/auth/me').expect(200);
      expect(me.body.role).toBe('support');
      const list = await support.agent.get('/api/v1/users').expect(200);
      expect(list.body.users).toEqual(
        expect.arrayContaining([
          {
            username: 'admin',
            role: 'administrator',
            disabled: false,
            createdAt: expect.any(String),
            updatedAt: expect.any(String),
            lockedUntil: null,
          },
          {
            username: 'helpdesk',
            role: 'support',
            disabled: false,
            createdAt: expect.any(String),
            updatedAt: expect.any(String),
            lockedUntil: null,
          },
        ]),
      );
      expect(list.text).not.toMatch(/hash|scrypt|password/i);
    });

    it('refuses a duplicate user name, whatever its case, with 409', async () => {
      await admin.agent
        .post('/api/v1/users')
        .send({ username: 'Operator.One', password: 'operator-password-1', role: 'administrator' })
        .expect(201);
      for (const username of ['Operator.One', 'operator.one', 'OPERATOR.ONE']) {
        const res = await admin.agent
          .post('/api/v1/users')
          .send({ username, password: 'other-password-1', role: 'support' })
          .expect(409);
        expect(res.body.error.code).toBe('conflict');
        expect(res.body.error.fields).toEqual({ username: 'Already taken' });
      }
      // The first one is untouched: its password still works, the others' does not.
      await signIn(h, 'Operator.One', 'operator-password-1');
      await anon().post(LOGIN).send({ username: 'operator.one', password: 'other-password-1' }).expect(401);
    });

    it('refuses bad user names, short passwords, bad roles and extra fields with 400 and fields', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ username: 'ab', password: 'long-enough-pw', role: 'support' }, 'username'],
        [{ username: 'has space', password: 'long-enough-pw', role: 'support' }, 'username'],
        [{ username: '<script>', password: 'long-enough-pw', role: 'support' }, 'username'],
        [{ username: 'u'.repeat(65), password: 'long-enough-pw', role: 'support' }, 'username'],
        [{ username: 'shortpw', password: 'short', role: 'support' }, 'password'],
        [{ username: 'shortpw', password: '123456789', role: 'support' }, 'password'],
        [{ username: 'badrole', password: 'long-enough-pw', role: 'root' }, 'role'],
        [{ username: 'norole', password: 'long-enough-pw' }, 'role'],
      ];
      for (const [body, field] of cases) {
        const res = await admin.agent.post('/api/v1/users').send(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.fields).toHaveProperty(field);
      }
      const extra = await admin.agent
        .post('/api/v1/users')
        .send({ username: 'extra1', password: 'long-enough-pw', role: 'support', isRoot: true })
        .expect(400);
      expect(extra.body.error.message).toContain('isRoot');
      const list = await admin.agent.get('/api/v1/users').expect(200);
      const names = (list.body.users as Array<{ username: string }>).map((u) => u.username);
      for (const n of ['ab', 'has space', 'shortpw', 'badrole', 'norole', 'extra1'])
        expect(names).not.toContain(n);
    });
  });
});
