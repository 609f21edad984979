import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPS, createAccount, DB_KINDS, freshDb, LOCAL_PASSWORD, REST_PATH, restLogin, signIn, signInSupport, startHarness, type Harness } from '../../test/harness.js';

/** A console identity as raw headers (cookie + CSRF token), so each test controls exactly what is sent. */
interface Identity {
  cookie: string;
  csrf: string;
}

async function identity(h: Harness, username: string, password: string): Promise<Identity> {
  const res = await supertest(h.app).post('/api/v1/auth/login').send({ username, password }).expect(200);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('oig_session='))!.split(';')[0]!;
  return { cookie, csrf: res.body.csrfToken as string };
}

interface State {
  h: Harness;
  /** A live application session: its console handle and its session id. */
  handle: string;
  sessionId: string;
  /** The identity the request is sent as (logout acts on it). */
  who: Identity | undefined;
}

interface MutatingRoute {
  method: 'post' | 'delete';
  path: (s: State) => string;
  body?: (s: State) => object;
  /** Status an administrator with a valid CSRF token gets (the positive control). */
  okStatus: number;
  /** May a support user (read-only role) call it? */
  supportAllowed: boolean;
  /** Throws unless the request changed nothing. */
  unchanged: (s: State) => Promise<void>;
}

const me = (s: State, who: Identity) => supertest(s.h.app).get('/api/v1/auth/me').set('Cookie', who.cookie);
const sessionStillLive = async (s: State) => {
  await supertest(s.h.app).put(REST_PATH).set('Authorization', s.sessionId).expect(200);
  const rows = await s.h.ctx.db.db.selectFrom('app_sessions').select('handle').where('handle', '=', s.handle).execute();
  expect(rows).toHaveLength(1);
};

/**
 * Every mutating admin route of the app (app.ts mounts: auth/logout, accounts, users,
 * sessions/terminate, sessions/:id). There is no exported route list to check this against.
 */
const MUTATING_ROUTES: Record<string, MutatingRoute> = {
  'POST /api/v1/accounts': {
    method: 'post',
    path: () => '/api/v1/accounts',
    body: () => ({ companyName: APPS.google.companyName, applicationName: APPS.google.applicationName, localPassword: LOCAL_PASSWORD }),
    okStatus: 201,
    supportAllowed: false,
    unchanged: async (s) => {
      const rows = await s.h.ctx.db.db.selectFrom('accounts').select('application_name').execute();
      expect(rows.map((r) => r.application_name)).toEqual([APPS.acme.applicationName]);
    },
  },
  'POST /api/v1/users': {
    method: 'post',
    path: () => '/api/v1/users',
    body: () => ({ username: 'intruder', password: 'intruder-password-1', role: 'administrator' }),
    okStatus: 201,
    supportAllowed: false,
    unchanged: async (s) => {
      const rows = await s.h.ctx.db.db.selectFrom('console_users').select('username').execute();
      expect(rows.map((r) => r.username).sort()).toEqual(['admin', 'support1']);
    },
  },
  'POST /api/v1/sessions/terminate': {
    method: 'post',
    path: () => '/api/v1/sessions/terminate',
    body: (s) => ({ ids: [s.handle] }),
    okStatus: 200,
    supportAllowed: false,
    unchanged: sessionStillLive,
  },
  'DELETE /api/v1/sessions/{id}': {
    method: 'delete',
    path: (s) => `/api/v1/sessions/${s.handle}`,
    okStatus: 204,
    supportAllowed: false,
    unchanged: sessionStillLive,
  },
  'POST /api/v1/auth/logout': {
    method: 'post',
    path: () => '/api/v1/auth/logout',
    okStatus: 204,
    // Signing out changes no product data: a read-only user must be able to end its own session.
    supportAllowed: true,
    unchanged: async (s) => {
      if (s.who) await me(s, s.who).expect(200);
    },
  },
};
const TABLE = Object.entries(MUTATING_ROUTES);

describe.each(DB_KINDS)('roles and CSRF (%s)', (kind) => {
  let h: Harness;
  let admin: Identity;
  let support: Identity;
  let live: { handle: string; sessionId: string };

  const send = (r: MutatingRoute, s: State, headers: Record<string, string>) => {
    const req = supertest(h.app)[r.method](r.path(s));
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return r.body ? req.send(r.body(s)) : req;
  };
  const state = (who: Identity | undefined): State => ({ h, ...live, who });

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    const adminAgent = (await signIn(h)).agent;
    await signInSupport(h, adminAgent);
    await createAccount(adminAgent, APPS.acme);
    const sessionId = (await restLogin(h, APPS.acme).expect(200)).body.sessionId as string;
    const row = await h.ctx.db.db.selectFrom('app_sessions').select('handle').executeTakeFirstOrThrow();
    live = { handle: row.handle, sessionId };
    admin = await identity(h, 'admin', 'admin-test-password-1');
    support = await identity(h, 'support1', 'support-password-1');
  });
  afterAll(() => h.dispose());

  describe.each(TABLE)('%s', (_name, route) => {
    it(route.supportAllowed ? 'support with a valid CSRF token: allowed (signing out changes no data)' : 'support with a valid CSRF token: 403 forbidden, nothing changed', async () => {
      const res = await send(route, state(support), { Cookie: support.cookie, 'X-CSRF-Token': support.csrf });
      if (route.supportAllowed) {
        expect(res.status, `a support user must be able to call ${_name}: ${res.text}`).toBe(route.okStatus);
        await me(state(support), support).expect(401);
        support = await identity(h, 'support1', 'support-password-1');
        return;
      }
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect(res.body.error.message).toMatch(/administrator/);
      await route.unchanged(state(support));
    });

    it('administrator without X-CSRF-Token: 403 csrf_failed, nothing changed', async () => {
      const res = await send(route, state(admin), { Cookie: admin.cookie });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_failed');
      await route.unchanged(state(admin));
    });

    it('administrator with a wrong token: 403 csrf_failed, nothing changed', async () => {
      const flipped = (admin.csrf[0] === 'A' ? 'B' : 'A') + admin.csrf.slice(1);
      // Same length, other length, empty, and another user's valid token,
      // ...and a token of the right length in characters but not in bytes (latin-1 é).
      for (const token of [flipped, `${admin.csrf}x`, admin.csrf.slice(0, 8), ' ', support.csrf, '\u00e9'.repeat(admin.csrf.length)]) {
        const res = await send(route, state(admin), { Cookie: admin.cookie, 'X-CSRF-Token': token });
        expect(res.status, token).toBe(403);
        expect(res.body.error.code).toBe('csrf_failed');
      }
      await route.unchanged(state(admin));
    });

    it('unauthenticated (even with a token): 401, nothing changed', async () => {
      const attempts: Array<Record<string, string>> = [{}, { 'X-CSRF-Token': admin.csrf }, { Cookie: 'oig_session=forged', 'X-CSRF-Token': admin.csrf }];
      for (const headers of attempts) {
        const res = await send(route, state(undefined), headers);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      }
      await route.unchanged(state(admin));
      await route.unchanged(state(support));
    });
  });

  it('positive control: the same requests succeed for an administrator with the token', async () => {
    for (const [name, route] of TABLE) {
      const s = state(admin);
      const res = await send(route, s, { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf });
      expect(res.status, `${name}: ${res.text}`).toBe(route.okStatus);
      if (name === 'POST /api/v1/sessions/terminate') {
        expect(res.body).toEqual({ terminated: 1 });
        // The next row needs a live session again.
        const sessionId = (await restLogin(h, APPS.acme).expect(200)).body.sessionId as string;
        const row = await h.ctx.db.db.selectFrom('app_sessions').select('handle').executeTakeFirstOrThrow();
        live = { handle: row.handle, sessionId };
      }
    }
    await me(state(admin), admin).expect(401);
    const rows = await h.ctx.db.db.selectFrom('console_users').select('username').execute();
    expect(rows.map((r) => r.username)).toContain('intruder');
    expect(await h.ctx.db.db.selectFrom('app_sessions').selectAll().execute()).toEqual([]);
  });

  it('support can read every console page', async () => {
    const s = await identity(h, 'support1', 'support-password-1');
    const reads = [
      '/api/v1/auth/me',
      '/api/v1/overview',
      '/api/v1/acl',
      '/api/v1/accounts',
      '/api/v1/users',
      '/api/v1/sessions',
      '/api/v1/sessions/history',
      '/api/v1/sessions/history.csv',
    ];
    for (const path of reads) {
      // No CSRF token: reads do not need one.
      const res = await supertest(h.app).get(path).set('Cookie', s.cookie);
      expect(res.status, path).toBe(200);
    }
    const overview = await supertest(h.app).get('/api/v1/overview').set('Cookie', s.cookie).expect(200);
    expect(overview.body.applications).toBeGreaterThanOrEqual(1);
    const history = await supertest(h.app).get('/api/v1/sessions/history').set('Cookie', s.cookie).expect(200);
    expect(history.body.sessions.some((x: { endReason: string }) => x.endReason === 'terminated')).toBe(true);
    // HEAD is a safe method too.
    await supertest(h.app).head('/api/v1/overview').set('Cookie', s.cookie).expect(200);
  });
});
