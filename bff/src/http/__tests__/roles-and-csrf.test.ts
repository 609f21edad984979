import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FACTORY_MIVB_DEFAULTS } from '@oig/shared';
import { createApiRouter } from '../../api-router.js';
import { ASSETS_DIR } from '../../config.js';
import { startFakeGoogle, type FakeGoogle } from '../../test/fake-google.js';
import { startFakeMcs, type FakeMcs } from '../../test/fake-mcs.js';
import { startOpenMediaSim, type RunningOpenMediaSim } from '../../micc-sim/server.js';
import {
  ADMIN_PASSWORD,
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  restLogin,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../test/harness.js';
import { listRoutes } from '../route-list.js';

/** A console identity as raw headers (cookie + CSRF token), so each test controls exactly what is sent. */
interface Identity {
  cookie: string;
  csrf: string;
}

async function identity(h: Harness, username: string, password: string): Promise<Identity> {
  const res = await supertest(h.app).post('/api/v1/auth/login').send({ username, password }).expect(200);
  const cookie = (res.headers['set-cookie'] as unknown as string[])
    .find((c) => c.startsWith('oig_session='))!
    .split(';')[0]!;
  return { cookie, csrf: res.body.csrfToken as string };
}

interface State {
  h: Harness;
  /** A live application session: its console handle and its session id. */
  handle: string;
  sessionId: string;
  /** A network element that exists (PUT/DELETE target). */
  elementId: string;
  /** Two failed outbox messages (retry and discard targets). */
  failedMail: [string, string];
  /** The fake Google Directory the sync reads. */
  google: FakeGoogle;
  /** Queued Open Media requests at the peer: modified, diverted, cancelled. */
  openMedia: [string, string, string];
  /** A configuration backup made in beforeAll (passphrase BACKUP_PASSPHRASE). */
  backupFile: Buffer;
  /** The identity the request is sent as (logout acts on it). */
  who: Identity | undefined;
}

const BACKUP_PASSPHRASE = 'roles-test-passphrase';

interface MutatingRoute {
  method: 'post' | 'put' | 'patch' | 'delete';
  path: (s: State) => string;
  body?: (s: State) => object;
  /** A multipart upload instead of a JSON body: one file in the field `file` (and text fields). */
  attach?: { fileName: string; content: string | ((s: State) => Buffer); fields?: Record<string, string> };
  /** Status an administrator with a valid CSRF token gets (the positive control). */
  okStatus: number;
  /**
   * Routes every role may call on its own behalf. Support is then sent `supportBody` (or
   * nothing) and must get `supportStatus`, not 403.
   */
  support?: { status: number; body?: object };
  /** false: a check that changes nothing, so it must write no audit entry either (default true). */
  audited?: boolean;
  /**
   * A save of settings: sent again unchanged it answers the same and writes no audit entry (a
   * save that changes nothing is no change).
   */
  saveAgain?: true;
}

const me = (s: State, who: Identity) => supertest(s.h.app).get('/api/v1/auth/me').set('Cookie', who.cookie);
const ACME_PATH = `/api/v1/accounts/${encodeURIComponent(APPS.acme.companyName)}/${encodeURIComponent(APPS.acme.applicationName)}`;
const MIVB_DEFAULTS = { ...FACTORY_MIVB_DEFAULTS, outsidePrefix: '8' };

/**
 * Every mutating route of the admin API, in the order the positive control runs them. The
 * first test checks this table against the routes the app really serves, so a new route
 * cannot be added without being checked here.
 */
const MUTATING_ROUTES: Record<string, MutatingRoute> = {
  'POST /sessions/terminate': {
    method: 'post',
    path: () => '/api/v1/sessions/terminate',
    body: (s) => ({ ids: [s.handle] }),
    okStatus: 200,
  },
  'DELETE /sessions/{id}': { method: 'delete', path: (s) => `/api/v1/sessions/${s.handle}`, okStatus: 204 },
  'POST /accounts': {
    method: 'post',
    path: () => '/api/v1/accounts',
    body: () => ({
      companyName: APPS.google.companyName,
      applicationName: APPS.google.applicationName,
      localPassword: LOCAL_PASSWORD,
    }),
    okStatus: 201,
  },
  'PUT /accounts/{companyName}/{applicationName}/password': {
    method: 'put',
    path: () => `${ACME_PATH}/password`,
    body: () => ({ localPassword: 'other-local-password' }),
    okStatus: 200,
  },
  'PATCH /accounts/{companyName}/{applicationName}': {
    method: 'patch',
    path: () => ACME_PATH,
    body: () => ({ enabled: false }),
    okStatus: 200,
    saveAgain: true,
  },
  'DELETE /accounts/{companyName}/{applicationName}': {
    method: 'delete',
    path: () => ACME_PATH,
    okStatus: 204,
  },
  'POST /acl/refresh': { method: 'post', path: () => '/api/v1/acl/refresh', okStatus: 200 },
  'POST /users': {
    method: 'post',
    path: () => '/api/v1/users',
    body: () => ({ username: 'intruder', password: 'intruder-password-1', role: 'administrator' }),
    okStatus: 201,
  },
  'PATCH /users/{username}': {
    method: 'patch',
    path: () => '/api/v1/users/victim',
    body: () => ({ disabled: true }),
    okStatus: 200,
    saveAgain: true,
  },
  // victim is locked by failed sign-ins in beforeAll.
  'POST /users/{username}/unlock': {
    method: 'post',
    path: () => '/api/v1/users/victim/unlock',
    okStatus: 200,
  },
  'POST /users/{username}/password': {
    method: 'post',
    path: () => '/api/v1/users/victim/password',
    body: () => ({ password: 'victim-password-2' }),
    okStatus: 204,
  },
  'POST /network-elements': {
    method: 'post',
    path: () => '/api/v1/network-elements',
    body: () => ({ type: 'mivb', setup: 'default', ipAddress: '192.0.2.20' }),
    okStatus: 201,
  },
  'PUT /network-elements/{id}': {
    method: 'put',
    path: (s) => `/api/v1/network-elements/${s.elementId}`,
    body: () => ({ type: 'mivb', setup: 'default', ipAddress: '192.0.2.11' }),
    okStatus: 200,
    saveAgain: true,
  },
  'POST /network-elements/probe': {
    method: 'post',
    path: () => '/api/v1/network-elements/probe',
    okStatus: 202,
  },
  'PUT /network-elements/defaults/{type}': {
    method: 'put',
    path: () => '/api/v1/network-elements/defaults/mivb',
    body: () => MIVB_DEFAULTS,
    okStatus: 200,
    saveAgain: true,
  },
  'DELETE /network-elements/{id}': {
    method: 'delete',
    path: (s) => `/api/v1/network-elements/${s.elementId}`,
    okStatus: 204,
  },
  'POST /open-media/requests': {
    method: 'post',
    path: () => '/api/v1/open-media/requests',
    body: () => ({ serviceGroupId: 1002, ivrInfo: [{ label: 'Ticket', data: '1' }] }),
    okStatus: 201,
  },
  'PATCH /open-media/requests/{openMediaId}': {
    method: 'patch',
    path: (s) => `/api/v1/open-media/requests/${s.openMedia[0]}`,
    body: () => ({ ivrInfo: [{ label: 'Ticket', data: '2' }] }),
    okStatus: 204,
  },
  'POST /open-media/requests/{openMediaId}/divert': {
    method: 'post',
    path: (s) => `/api/v1/open-media/requests/${s.openMedia[1]}/divert`,
    body: () => ({ serviceGroupId: 1001 }),
    okStatus: 200,
  },
  'POST /open-media/requests/{openMediaId}/cancel': {
    method: 'post',
    path: (s) => `/api/v1/open-media/requests/${s.openMedia[2]}/cancel`,
    body: () => ({ cancelIfAllocated: true, doNotReport: false }),
    okStatus: 204,
  },
  'PUT /open-media/options': {
    method: 'put',
    path: () => '/api/v1/open-media/options',
    body: () => ({ maxNumberOfSessions: 2 }),
    okStatus: 204,
  },
  'PUT /options': {
    method: 'put',
    path: () => '/api/v1/options',
    body: () => ({ loggingLevel: 'warning', usageReportEmail: 'reports@example.com' }),
    okStatus: 200,
    saveAgain: true,
  },
  // After PUT /options, which sets the report address.
  'POST /usage-report/send': { method: 'post', path: () => '/api/v1/usage-report/send', okStatus: 202 },
  'POST /mail/test': {
    method: 'post',
    path: () => '/api/v1/mail/test',
    body: () => ({ to: 'ops@example.com' }),
    okStatus: 202,
  },
  'PUT /mail/settings': {
    method: 'put',
    path: () => '/api/v1/mail/settings',
    body: () => ({
      host: '127.0.0.1',
      port: 2525,
      tlsMode: 'none',
      username: 'oig',
      password: 'smtp-secret-1',
      fromAddress: 'oig@example.com',
    }),
    okStatus: 200,
    saveAgain: true,
  },
  'POST /mail/outbox/{id}/retry': {
    method: 'post',
    path: (s) => `/api/v1/mail/outbox/${s.failedMail[0]}/retry`,
    okStatus: 200,
  },
  'POST /mail/outbox/{id}/discard': {
    method: 'post',
    path: (s) => `/api/v1/mail/outbox/${s.failedMail[1]}/discard`,
    okStatus: 200,
  },
  'POST /auth/password': {
    method: 'post',
    path: () => '/api/v1/auth/password',
    body: () => ({ currentPassword: ADMIN_PASSWORD, newPassword: 'admin-new-password-1' }),
    okStatus: 204,
    // Changing your own password is for every role: support reaches validation (not the role guard).
    support: {
      status: 400,
      body: { currentPassword: 'not-the-password', newPassword: 'support-new-password' },
    },
  },
  'PUT /mivoice/settings': {
    method: 'put',
    path: () => '/api/v1/mivoice/settings',
    body: () => ({ adminEmail: 'mivoice-admin@example.com' }),
    okStatus: 200,
    saveAgain: true,
  },
  'PUT /mivoice/google': {
    method: 'put',
    path: () => '/api/v1/mivoice/google',
    body: (s) => ({
      adminEmail: s.google.adminEmail,
      domain: s.google.domain,
      serviceAccountKey: s.google.keyJson,
    }),
    okStatus: 200,
    saveAgain: true,
  },
  // After PUT /mivoice/google, which sets the directory up.
  'POST /mivoice/google/sync': { method: 'post', path: () => '/api/v1/mivoice/google/sync', okStatus: 200 },
  'POST /mivoice/users/import': {
    method: 'post',
    path: () => '/api/v1/mivoice/users/import?mode=strict&dryRun=false',
    attach: {
      fileName: 'users.csv',
      content:
        'primary_email,full_name,phone_number,phone_type\r\nann@example.com,Ann Example,+33 1 23 45 67 89,work\r\n',
    },
    okStatus: 200,
  },
  // Checks a file and changes nothing (so it writes no audit entry).
  'POST /mivoice/users/import/report': {
    method: 'post',
    path: () => '/api/v1/mivoice/users/import/report',
    attach: {
      fileName: 'users.csv',
      content: 'primary_email,phone_number\r\nnot-an-email,+33 1 23 45 67 90\r\n',
    },
    okStatus: 200,
    audited: false,
  },
  // After PUT /mivoice/settings, which sets the address.
  'POST /mivoice/users/email': { method: 'post', path: () => '/api/v1/mivoice/users/email', okStatus: 202 },
  'POST /mivoice/localization/import': {
    method: 'post',
    path: () => '/api/v1/mivoice/localization/import',
    attach: {
      fileName: 'MiVoice Integration for Google_fr.csv',
      content: '\uFEFFmessageKey,languageValue\r\nsave,Enregistrer\r\ncancel,Annuler\r\n',
    },
    okStatus: 200,
  },
  'POST /mivoice/localization/{app}/{lang}/email': {
    method: 'post',
    path: () => '/api/v1/mivoice/localization/google/fr/email',
    okStatus: 202,
  },
  // After the import of French.
  'DELETE /mivoice/localization/{app}/{lang}': {
    method: 'delete',
    path: () => '/api/v1/mivoice/localization/google/fr',
    okStatus: 204,
  },
  'POST /backup': {
    method: 'post',
    path: () => '/api/v1/backup',
    body: () => ({ passphrase: BACKUP_PASSPHRASE }),
    okStatus: 200,
  },
  // A dry run: says what a restore would change, changes nothing, audits nothing (the real restore's
  // audit entry is checked in modules/backup).
  'POST /backup/restore': {
    method: 'post',
    path: () => '/api/v1/backup/restore?dryRun=true',
    attach: {
      fileName: 'config.oigbackup',
      content: (s) => s.backupFile,
      fields: { passphrase: BACKUP_PASSPHRASE },
    },
    okStatus: 200,
    audited: false,
  },
  // Signing out changes no product data: a read-only user must be able to end its own session.
  'POST /auth/logout': {
    method: 'post',
    path: () => '/api/v1/auth/logout',
    okStatus: 204,
    support: { status: 204 },
  },
};
const TABLE = Object.entries(MUTATING_ROUTES);

/** Every row of every table: a refused request must leave all of it exactly as it was. */
async function snapshot(h: Harness): Promise<Record<string, unknown[]>> {
  const db = h.ctx.db.db;
  const tables = [
    'console_users',
    'console_sessions',
    'accounts',
    'app_sessions',
    'session_history',
    'license_usage',
    'network_elements',
    'settings',
    'audit_log',
    'mail_outbox',
    'usage_daily',
    'usage_report_runs',
    'mivoice_users',
    'google_contacts',
    'localization_languages',
    'localization_strings',
    'throttle_counters',
  ] as const;
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = (await db.selectFrom(t).selectAll().execute()) as Array<Record<string, unknown>>;
    // The session manager's own activity flush may land at any moment; it is not a change by the request.
    out[t] = rows.map(({ last_activity_at: _ignored, ...r }) => JSON.stringify(r)).sort();
  }
  return out;
}

describe.each(DB_KINDS)('roles and CSRF (%s)', (kind) => {
  let h: Harness;
  let mcs: FakeMcs;
  let google: FakeGoogle;
  let peer: RunningOpenMediaSim;
  let admin: Identity;
  let support: Identity;
  let live: {
    handle: string;
    sessionId: string;
    elementId: string;
    failedMail: [string, string];
    google: FakeGoogle;
    openMedia: [string, string, string];
    backupFile: Buffer;
  };

  const send = (r: MutatingRoute, s: State, headers: Record<string, string>, body = r.body?.(s)) => {
    const req = supertest(h.app)[r.method](r.path(s));
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    if (r.attach) {
      const { content, fields = {} } = r.attach;
      for (const [k, v] of Object.entries(fields)) void req.field(k, v);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content(s);
      return req.attach('file', bytes, r.attach.fileName);
    }
    return body ? req.send(body) : req;
  };
  const state = (who: Identity | undefined): State => ({ h, ...live, who });
  /** Sends the request and asserts that no table changed. */
  const sendUnchanged = async (
    r: MutatingRoute,
    s: State,
    headers: Record<string, string>,
    body?: object,
  ) => {
    const before = await snapshot(h);
    const res = await send(r, s, headers, body ?? r.body?.(s));
    expect(await snapshot(h)).toEqual(before);
    return res;
  };
  const newLiveSession = async () => {
    const sessionId = (await restLogin(h, APPS.acme).expect(200)).body.sessionId as string;
    const row = await h.ctx.db.db.selectFrom('app_sessions').select('handle').executeTakeFirstOrThrow();
    return { handle: row.handle, sessionId };
  };

  beforeAll(async () => {
    mcs = await startFakeMcs({
      kind: 'json',
      body: JSON.parse(readFileSync(path.join(ASSETS_DIR, 'demo-acl.json'), 'utf8')),
    });
    google = await startFakeGoogle();
    peer = await startOpenMediaSim({ port: 0, manualClock: true });
    h = await startHarness(freshDb(kind), {
      env: {
        OIG_MICC_PORT: String(peer.port),
        OIG_MCS_URL: mcs.url,
        OIG_PROBE_INTERVAL_S: '0',
        OIG_PROBE_TIMEOUT_MS: '200',
        OIG_GOOGLE_API_ROOT: google.apiRoot,
        OIG_GOOGLE_TOKEN_URL: google.tokenUrl,
      },
    });
    const adminAgent = (await signIn(h)).agent;
    await signInSupport(h, adminAgent);
    await adminAgent
      .post('/api/v1/users')
      .send({ username: 'victim', password: 'victim-password-1', role: 'support' })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      await supertest(h.app)
        .post('/api/v1/auth/login')
        .send({ username: 'victim', password: `wrong-${i}` })
        .expect(401);
    }
    await createAccount(adminAgent, APPS.acme);
    const element = await adminAgent
      .post('/api/v1/network-elements')
      .send({ type: 'mivb', setup: 'default', ipAddress: '192.0.2.10' })
      .expect(201);
    // Adding an element probes it in the background; let that write land before any snapshot.
    await h.ctx.networkElements.probesIdle();
    // Two messages that failed for good (failed rows are never picked up by the sender).
    const failedMail: [string, string] = [
      (await h.ctx.mail.enqueue({ kind: 'test', to: ['a@example.com'], subject: 'one', text: 'one' })).id,
      (await h.ctx.mail.enqueue({ kind: 'test', to: ['b@example.com'], subject: 'two', text: 'two' })).id,
    ];
    await h.ctx.mail.runOnce();
    await h.ctx.db.db
      .updateTable('mail_outbox')
      .set({ state: 'failed', last_error: 'refused' })
      .where('id', 'in', failedMail)
      .execute();
    // The MiCC (the Open Media peer) with requests waiting in the Sales queue.
    await adminAgent
      .post('/api/v1/network-elements')
      .send({ type: 'micc', setup: 'default', ipAddress: '127.0.0.1' })
      .expect(201);
    await h.ctx.networkElements.probesIdle();
    peer.sim.fill(8, 1002);
    const queued = peer.sim
      .state()
      .requests.filter((r) => r.status === 1)
      .map((r) => r.id);
    const openMedia: [string, string, string] = [queued[0]!, queued[1]!, queued[2]!];
    live = {
      ...(await newLiveSession()),
      elementId: element.body.id as string,
      failedMail,
      google,
      openMedia,
      backupFile: (
        await h.ctx.backup.create(BACKUP_PASSPHRASE, {
          username: 'admin',
          role: 'administrator',
          address: null,
        })
      ).bytes,
    };
    admin = await identity(h, 'admin', ADMIN_PASSWORD);
    support = await identity(h, 'support1', 'support-password-1');
  });
  afterAll(async () => {
    await h.dispose();
    await mcs.close();
    await google.close();
    await peer.close();
  });

  it('the table covers every mutating route the API serves, and nothing else', () => {
    const served = listRoutes(createApiRouter(h.ctx))
      .filter((r) => !['get', 'head', 'options'].includes(r.method))
      .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => r !== 'POST /auth/login');
    expect(new Set(served).size).toBe(served.length);
    expect([...served].sort()).toEqual(Object.keys(MUTATING_ROUTES).sort());
  });

  describe.each(TABLE)('%s', (name, route) => {
    it(
      route.support
        ? 'support with a valid CSRF token: allowed on its own account'
        : 'support with a valid CSRF token: 403 forbidden, nothing changed',
      async () => {
        if (route.support) {
          const res = await send(
            route,
            state(support),
            { Cookie: support.cookie, 'X-CSRF-Token': support.csrf },
            route.support.body,
          );
          expect(res.status, `a support user must be able to call ${name}: ${res.text}`).toBe(
            route.support.status,
          );
          if (name === 'POST /auth/logout') {
            await me(state(support), support).expect(401);
            support = await identity(h, 'support1', 'support-password-1');
          }
          return;
        }
        const res = await sendUnchanged(route, state(support), {
          Cookie: support.cookie,
          'X-CSRF-Token': support.csrf,
        });
        expect(res.status, res.text).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
        expect(res.body.error.message).toMatch(/administrator/);
      },
    );

    it('administrator without X-CSRF-Token: 403 csrf_failed, nothing changed', async () => {
      const res = await sendUnchanged(route, state(admin), { Cookie: admin.cookie });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_failed');
    });

    it('administrator with a wrong token: 403 csrf_failed, nothing changed', async () => {
      const flipped = (admin.csrf[0] === 'A' ? 'B' : 'A') + admin.csrf.slice(1);
      // Same length, other length, empty, and another user's valid token,
      // ...and a token of the right length in characters but not in bytes (latin-1 é).
      for (const token of [
        flipped,
        `${admin.csrf}x`,
        admin.csrf.slice(0, 8),
        ' ',
        support.csrf,
        '\u00e9'.repeat(admin.csrf.length),
      ]) {
        const res = await sendUnchanged(route, state(admin), { Cookie: admin.cookie, 'X-CSRF-Token': token });
        expect(res.status, token).toBe(403);
        expect(res.body.error.code).toBe('csrf_failed');
      }
    });

    it('unauthenticated (even with a token): 401, nothing changed', async () => {
      const attempts: Array<Record<string, string>> = [
        {},
        { 'X-CSRF-Token': admin.csrf },
        { Cookie: 'oig_session=forged', 'X-CSRF-Token': admin.csrf },
      ];
      for (const headers of attempts) {
        const res = await sendUnchanged(route, state(undefined), headers);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      }
    });
  });

  it('positive control: the same requests succeed for an administrator with the token, and each is audited', async () => {
    const auditCount = async () =>
      Number(
        (
          await h.ctx.db.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const [name, route] of TABLE) {
      const before = await auditCount();
      const res = await send(route, state(admin), { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf });
      expect(res.status, `${name}: ${res.text}`).toBe(route.okStatus);
      if (route.audited === false)
        expect(await auditCount(), `${name} changes nothing and audits nothing`).toBe(before);
      else expect(await auditCount(), `${name} must write an audit entry`).toBeGreaterThan(before);
      if (route.saveAgain) {
        const entries = await auditCount();
        const again = await send(route, state(admin), { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf });
        expect(again.status, `${name} again: ${again.text}`).toBe(route.okStatus);
        // The same answer (an element's updatedAt says when it was last saved, changed or not).
        const answer = (b: unknown) => ({ ...(b as object), updatedAt: undefined });
        expect(answer(again.body), `${name} again answers as the first time`).toEqual(answer(res.body));
        expect(await auditCount(), `${name} saved unchanged must write no audit entry`).toBe(entries);
      }
      if (name === 'POST /mivoice/users/import/report') expect(res.text).toContain('2,primary_email,');
      if (name === 'POST /sessions/terminate') {
        expect(res.body).toEqual({ terminated: 1 });
        // The next row needs a live session again.
        live = { ...live, ...(await newLiveSession()) };
      }
    }
    await me(state(admin), admin).expect(401);
    const rows = await h.ctx.db.db.selectFrom('console_users').select('username').execute();
    expect(rows.map((r) => r.username)).toContain('intruder');
    expect(await h.ctx.db.db.selectFrom('app_sessions').selectAll().execute()).toEqual([]);
    expect(
      (await h.ctx.db.db.selectFrom('network_elements').select('ip_address').execute())
        .map((r) => r.ip_address)
        .sort(),
    ).toEqual(['127.0.0.1', '192.0.2.20']);
    expect(
      await h.ctx.db.db.selectFrom('mivoice_users').select(['primary_email', 'phone_number']).execute(),
    ).toEqual([{ primary_email: 'ann@example.com', phone_number: '+33 1 23 45 67 89' }]);
    expect(
      Number(
        (
          await h.ctx.db.db
            .selectFrom('google_contacts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(google.users().length);
    // French was imported, mailed, then deleted.
    expect(await h.ctx.db.db.selectFrom('localization_languages').selectAll().execute()).toEqual([]);
  });

  it('support can read every console page', async () => {
    const s = await identity(h, 'support1', 'support-password-1');
    const element = await h.ctx.db.db.selectFrom('network_elements').select('id').executeTakeFirstOrThrow();
    const params: Record<string, string> = {
      id: element.id,
      type: 'mivb',
      app: 'salesforce',
      lang: 'en',
      openMediaId: live.openMedia[0],
    };
    // Every read the API serves (listed from the router, parameters filled in).
    const reads = listRoutes(createApiRouter(h.ctx))
      .filter((r) => r.method === 'get')
      .map((r) => `/api/v1${r.path.replace(/:(\w+)/g, (_m, p: string) => params[p] ?? p)}`);
    expect(reads.length).toBeGreaterThanOrEqual(13);
    for (const path of reads) {
      // No CSRF token: reads do not need one.
      const res = await supertest(h.app).get(path).set('Cookie', s.cookie);
      expect(res.status, path).toBe(200);
    }
    const overview = await supertest(h.app).get('/api/v1/overview').set('Cookie', s.cookie).expect(200);
    expect(overview.body.applications).toBeGreaterThanOrEqual(1);
    const history = await supertest(h.app)
      .get('/api/v1/sessions/history')
      .set('Cookie', s.cookie)
      .expect(200);
    expect(history.body.sessions.some((x: { endReason: string }) => x.endReason === 'terminated')).toBe(true);
    // HEAD is a safe method too.
    await supertest(h.app).head('/api/v1/overview').set('Cookie', s.cookie).expect(200);
  });
});
