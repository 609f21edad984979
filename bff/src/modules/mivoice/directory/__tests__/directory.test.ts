import { AUDIT_MASK } from '@oig/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../logger.js';
import {
  DIRECTORY_USER_READONLY_SCOPE,
  generateUsers,
  startFakeGoogle,
  USERS_PATH,
  type FakeGoogle,
  type FakeGoogleBehaviour,
  type FakeGoogleUser,
} from '../../../../test/fake-google.js';
import {
  DB_KINDS,
  freshDb,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../../../test/harness.js';
import { createAuditModule } from '../../../audit/index.js';
import { createSettingsStore } from '../../../../db/settings-store.js';
import { createDirectoryRepo, type ContactRow } from '../directory.repo.js';
import {
  createDirectoryService,
  GOOGLE_DIRECTORY_KEY,
  GOOGLE_SYNC_STATUS_KEY,
} from '../directory.service.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

const T0 = Date.parse('2026-10-01T08:00:00Z');
const DOMAIN = 'example.com';
const TIMEOUT_MS = 2_000;
const API = '/api/v1/mivoice/google';

/** The private key's body, to look for it anywhere it must not be. */
const keyBody = (keyJson: string) =>
  (JSON.parse(keyJson) as { private_key: string }).private_key.split('\n')[5]!;

describe.each(DB_KINDS)('Google corporate directory (%s)', (kind) => {
  let h: Harness;
  let fake: FakeGoogle;
  let admin: Agent;
  let support: Agent;
  const clock = { t: T0 };
  const logLines: string[] = [];
  let users1234: FakeGoogleUser[];

  const settingsRow = async (key: string) =>
    (await h.ctx.db.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())
      ?.value;
  const auditRows = async () =>
    h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'like', 'mivoice.google.%')
      .orderBy('at')
      .orderBy('id')
      .execute();
  const cacheRows = async () => h.ctx.db.db.selectFrom('google_contacts').selectAll().orderBy('id').execute();
  const settingsBody = (over: Record<string, unknown> = {}) => ({
    adminEmail: fake.adminEmail,
    domain: DOMAIN,
    serviceAccountKey: fake.keyJson,
    ...over,
  });
  const configure = async (over: Record<string, unknown> = {}) =>
    (await admin.put(API).send(settingsBody(over)).expect(200)).body;
  const sync = (agent: Agent = admin) => agent.post(`${API}/sync`);

  beforeAll(async () => {
    fake = await startFakeGoogle({ domain: DOMAIN });
    users1234 = generateUsers(1_234, DOMAIN);
    const logger = createLogger('trace', { write: (s: string) => void logLines.push(s) });
    h = await startHarness(freshDb(kind), {
      start: false,
      logger,
      env: {
        OIG_GOOGLE_API_ROOT: fake.apiRoot,
        OIG_GOOGLE_TOKEN_URL: fake.tokenUrl,
        OIG_GOOGLE_TIMEOUT_MS: String(TIMEOUT_MS),
      },
      context: { now: () => clock.t },
    });
    admin = (await signIn(h)).agent;
    support = (await signInSupport(h, admin)).agent;
  });
  afterAll(async () => {
    await h?.dispose();
    await fake?.close();
  });
  beforeEach(async () => {
    clock.t = T0;
    fake.reset();
    fake.setUsers(users1234);
    await h.ctx.db.db
      .deleteFrom('settings')
      .where('key', 'in', [GOOGLE_DIRECTORY_KEY, GOOGLE_SYNC_STATUS_KEY])
      .execute();
    await h.ctx.db.db.deleteFrom('google_contacts').execute();
    await h.ctx.db.db.deleteFrom('audit_log').where('action', 'like', 'mivoice.google.%').execute();
  });

  it('not configured: empty state, contacts empty, sync is 409 naming what is missing (Google not called)', async () => {
    const empty = {
      adminEmail: null,
      domain: null,
      serviceAccountKeySet: false,
      serviceAccountEmail: null,
      lastSyncAt: null,
      contactCount: 0,
      lastError: null,
      lastErrorReason: null,
      lastErrorAt: null,
    };
    expect((await admin.get(API).expect(200)).body).toEqual(empty);
    expect((await support.get(API).expect(200)).body).toEqual(empty);
    expect((await admin.get(`${API}/contacts`).expect(200)).body).toEqual({ total: 0, items: [] });

    const res = await sync().expect(409);
    expect(res.body.error).toMatchObject({
      code: 'conflict',
      fields: { adminEmail: 'Not set', domain: 'Not set', serviceAccountKey: 'Not set' },
    });
    expect(res.body.error.message).toMatch(
      /^Save the Google administrator e-mail, domain and service-account key before syncing with Google$/,
    );
    // Settings without a key: still 409, naming the key only.
    await configure({ serviceAccountKey: undefined });
    const noKey = await sync().expect(409);
    expect(noKey.body.error.fields).toEqual({ serviceAccountKey: 'Not set' });
    expect(noKey.body.error.message).toBe('Save the Google service-account key before syncing with Google');
    expect(fake.requests).toEqual([]);
    expect((await auditRows()).map((a) => a.action)).toEqual(['mivoice.google.update']);
    expect((await admin.get(API).expect(200)).body).toMatchObject({
      lastError: null,
      lastErrorReason: null,
      lastErrorAt: null,
      contactCount: 0,
    });
  });

  it('a stored failure reason is answered only beside the text it was stored with (older records: none)', async () => {
    const write = (value: unknown) =>
      h.ctx.db.db
        .insertInto('settings')
        .values({ key: GOOGLE_SYNC_STATUS_KEY, value: JSON.stringify(value), updated_at: T0 })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    const reason = {
      code: 'rate_limited',
      params: { status: 429 },
      text: 'Google is limiting requests (HTTP 429)',
    };
    await write({ lastSyncAt: null, lastError: reason.text, lastErrorReason: reason, lastErrorAt: T0 });
    expect((await admin.get(API).expect(200)).body).toMatchObject({
      lastError: reason.text,
      lastErrorReason: { code: 'rate_limited', params: { status: 429 } },
    });
    // Written by a previous version: its own text, and the older reason left beside it is not used.
    await write({
      lastSyncAt: null,
      lastError: 'Google refused the token request',
      lastErrorReason: reason,
      lastErrorAt: T0,
    });
    expect((await admin.get(API).expect(200)).body).toMatchObject({
      lastError: 'Google refused the token request',
      lastErrorReason: null,
    });
    await write({ lastSyncAt: null, lastError: 'An old failure', lastErrorAt: T0 });
    expect((await admin.get(API).expect(200)).body).toMatchObject({
      lastError: 'An old failure',
      lastErrorReason: null,
    });
  });

  it('save and read back: the key is write-only (never answered, masked in the audit log, not logged); omitted keeps it, null removes it', async () => {
    logLines.length = 0;
    const put = await admin
      .put(API)
      .send(settingsBody({ domain: '  Example.COM ', adminEmail: ` ${fake.adminEmail} ` }))
      .expect(200);
    const expected = {
      adminEmail: fake.adminEmail,
      domain: DOMAIN,
      serviceAccountKeySet: true,
      serviceAccountEmail: fake.clientEmail,
      lastSyncAt: null,
      contactCount: 0,
      lastError: null,
      lastErrorReason: null,
      lastErrorAt: null,
    };
    expect(put.body).toEqual(expected);
    const get = await admin.get(API).expect(200);
    expect(get.body).toEqual(expected);
    for (const text of [put.text, get.text]) {
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(keyBody(fake.keyJson));
      expect(text).not.toContain(fake.privateKeyId);
    }
    // Stored for the sync.
    expect(JSON.parse((await settingsRow(GOOGLE_DIRECTORY_KEY))!)).toMatchObject({
      adminEmail: fake.adminEmail,
      domain: DOMAIN,
      key: { clientEmail: fake.clientEmail, privateKeyId: fake.privateKeyId },
    });

    // Saving the same again writes nothing.
    clock.t += 1_000;
    await admin.put(API).send(settingsBody()).expect(200);
    expect(await auditRows()).toHaveLength(1);

    // Omitted: kept (and the domain changes).
    clock.t += 1_000;
    const kept = await admin
      .put(API)
      .send({ adminEmail: fake.adminEmail, domain: 'corp.example.com' })
      .expect(200);
    expect(kept.body).toMatchObject({
      domain: 'corp.example.com',
      serviceAccountKeySet: true,
      serviceAccountEmail: fake.clientEmail,
    });
    // null: removed.
    clock.t += 1_000;
    const removed = await admin
      .put(API)
      .send({ adminEmail: fake.adminEmail, domain: DOMAIN, serviceAccountKey: null })
      .expect(200);
    expect(removed.body).toMatchObject({ serviceAccountKeySet: false, serviceAccountEmail: null });
    expect(JSON.parse((await settingsRow(GOOGLE_DIRECTORY_KEY))!).key).toBeNull();

    const audit = await auditRows();
    expect(audit.map((a) => [a.action, a.target, a.actor])).toEqual([
      ['mivoice.google.update', 'Google corporate directory', 'admin'],
      ['mivoice.google.update', 'Google corporate directory', 'admin'],
      ['mivoice.google.update', 'Google corporate directory', 'admin'],
    ]);
    const [first, second, third] = audit;
    expect(JSON.parse(first!.before!)).toEqual({
      adminEmail: null,
      domain: null,
      serviceAccountEmail: null,
      serviceAccountKeyId: null,
      serviceAccountKey: null,
    });
    expect(JSON.parse(first!.after!)).toEqual({
      adminEmail: fake.adminEmail,
      domain: DOMAIN,
      serviceAccountEmail: fake.clientEmail,
      serviceAccountKeyId: fake.privateKeyId,
      serviceAccountKey: AUDIT_MASK,
    });
    expect(JSON.parse(second!.after!)).toMatchObject({
      domain: 'corp.example.com',
      serviceAccountKey: AUDIT_MASK,
    });
    expect(JSON.parse(third!.after!)).toMatchObject({ serviceAccountEmail: null, serviceAccountKey: null });
    for (const row of audit) {
      expect(JSON.stringify(row)).not.toContain('PRIVATE KEY');
      expect(JSON.stringify(row)).not.toContain(keyBody(fake.keyJson));
    }
    const listed = await admin.get('/api/v1/audit').query({ action: 'mivoice.google.update' }).expect(200);
    expect(listed.body.entries).toHaveLength(3);
    expect(listed.text).not.toContain('PRIVATE KEY');
    const logs = logLines.join('\n');
    expect(logs).toContain('Google directory settings updated');
    expect(logs).not.toContain('PRIVATE KEY');
    expect(logs).not.toContain(keyBody(fake.keyJson));
  });

  it('bad settings: 400 naming the field with a specific message, stored settings and audit unchanged', async () => {
    await configure();
    const storedBefore = await settingsRow(GOOGLE_DIRECTORY_KEY);
    const auditBefore = await auditRows();
    const key = JSON.parse(fake.keyJson) as Record<string, unknown>;
    const keyWith = (over: Record<string, unknown>) => JSON.stringify({ ...key, ...over });
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [
        'key not JSON',
        { serviceAccountKey: '{"type": "service_account",' },
        'serviceAccountKey',
        /not valid JSON/,
      ],
      [
        'key of a user',
        { serviceAccountKey: keyWith({ type: 'authorized_user' }) },
        'serviceAccountKey',
        /"type" is "authorized_user", not "service_account"/,
      ],
      [
        'key without client_email',
        { serviceAccountKey: keyWith({ client_email: undefined }) },
        'serviceAccountKey',
        /no "client_email"/,
      ],
      [
        'key with a bad client_email',
        { serviceAccountKey: keyWith({ client_email: 'robot' }) },
        'serviceAccountKey',
        /"client_email" is not an e-mail address/,
      ],
      [
        'key without private_key',
        { serviceAccountKey: keyWith({ private_key: undefined }) },
        'serviceAccountKey',
        /no "private_key"/,
      ],
      [
        'key with a bad private key',
        {
          serviceAccountKey: keyWith({
            private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
          }),
        },
        'serviceAccountKey',
        /cannot be read/,
      ],
      [
        'key not a PEM',
        { serviceAccountKey: keyWith({ private_key: 'secret' }) },
        'serviceAccountKey',
        /not a PEM private key/,
      ],
      [
        'key too long',
        { serviceAccountKey: 'x'.repeat(20_001) },
        'serviceAccountKey',
        /at most 20,000 characters/,
      ],
      [
        'key not a string',
        { serviceAccountKey: { type: 'service_account' } },
        'serviceAccountKey',
        /string/i,
      ],
      [
        'bad administrator e-mail',
        { adminEmail: 'admin at example.com' },
        'adminEmail',
        /valid e-mail address/,
      ],
      [
        'administrator e-mail with CR/LF',
        { adminEmail: 'admin@example.com\r\nBcc: x@y.z' },
        'adminEmail',
        /valid e-mail address/,
      ],
      ['no administrator e-mail', { adminEmail: undefined }, 'adminEmail', /required/],
      [
        'domain with a scheme',
        { domain: 'https://example.com' },
        'domain',
        /domain name such as example\.com/,
      ],
      ['domain with @', { domain: '@example.com' }, 'domain', /domain name such as example\.com/],
      ['single-label domain', { domain: 'example' }, 'domain', /domain name such as example\.com/],
      ['empty domain', { domain: '' }, 'domain', /Google domain is required/],
      ['domain too long', { domain: `${'a'.repeat(250)}.com` }, 'domain', /at most 253 characters/],
    ];
    for (const [what, over, field, message] of cases) {
      const res = await admin.put(API).send(settingsBody(over));
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields), what).toEqual([field]);
      expect(res.body.error.fields[field], what).toMatch(message);
      expect(res.body.error.message, what).toContain(field);
      expect(res.text, what).not.toContain(keyBody(fake.keyJson));
    }
    const unknown = await admin
      .put(API)
      .send(settingsBody({ serviceAccountJson: 'x' }))
      .expect(400);
    expect(unknown.body.error.message).toMatch(/serviceAccountJson|Unrecognized/);
    await admin.put(API).set('Content-Type', 'application/json').send('{"adminEmail": ').expect(400);
    expect(await settingsRow(GOOGLE_DIRECTORY_KEY)).toBe(storedBefore);
    expect(await auditRows()).toEqual(auditBefore);
  });

  it('sync: 1,234 users over 3 pages as the impersonated administrator; the cache holds them and the contacts filter and page', async () => {
    await configure();
    clock.t = T0 + 60_000;
    const res = await sync().expect(200);
    expect(res.body).toEqual({
      adminEmail: fake.adminEmail,
      domain: DOMAIN,
      serviceAccountKeySet: true,
      serviceAccountEmail: fake.clientEmail,
      lastSyncAt: new Date(T0 + 60_000).toISOString(),
      contactCount: 1_234,
      lastError: null,
      lastErrorReason: null,
      lastErrorAt: null,
    });
    // What Google saw: one token grant for the administrator, three pages of the domain.
    const tokens = fake.requests.filter((r) => r.path === '/token');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.claims).toMatchObject({
      iss: fake.clientEmail,
      sub: fake.adminEmail,
      aud: fake.tokenUrl,
      scope: DIRECTORY_USER_READONLY_SCOPE,
    });
    const pages = fake.requests.filter((r) => r.path === USERS_PATH);
    expect(pages.map((p) => [p.status, p.page, p.query.domain, p.query.maxResults])).toEqual([
      [200, 1, DOMAIN, '500'],
      [200, 2, DOMAIN, '500'],
      [200, 3, DOMAIN, '500'],
    ]);
    expect(
      await h.ctx.db.db
        .selectFrom('google_contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 1_234 });

    // All of them, in e-mail order, with names in any script and phones.
    const all = (await admin.get(`${API}/contacts`).query({ limit: 500 }).expect(200)).body;
    expect(all.total).toBe(1_234);
    expect(all.items).toHaveLength(500);
    const emails = all.items.map((c: { primaryEmail: string }) => c.primaryEmail);
    expect(emails).toEqual([...emails].sort());
    expect(all.items[0]).toEqual({
      primaryEmail: `user00000@${DOMAIN}`,
      fullName: 'Alice Martin',
      givenName: 'Alice',
      familyName: 'Martin',
      phones: [
        { value: '+1 613 555 0000', type: 'work' },
        { value: '+44 7700 900000', type: 'mobile' },
      ],
    });
    // A user without name or phones: empty values.
    expect(all.items.find((c: { primaryEmail: string }) => c.primaryEmail === `user00096@${DOMAIN}`)).toEqual(
      { primaryEmail: `user00096@${DOMAIN}`, fullName: '', givenName: '', familyName: '', phones: [] },
    );
    const cjk = all.items.find((c: { primaryEmail: string }) => c.primaryEmail === `user00002@${DOMAIN}`);
    expect(cjk).toMatchObject({ givenName: '太郎', familyName: 'Martin' });
    const last = (await admin.get(`${API}/contacts`).query({ limit: 100, offset: 1_200 }).expect(200)).body;
    expect(last.total).toBe(1_234);
    expect(last.items).toHaveLength(34);

    // Filters: e-mail, names (CJK, case-insensitive), phone values; LIKE wildcards are literal.
    const count = async (q: string) =>
      (await support.get(`${API}/contacts`).query({ q, limit: 1 }).expect(200)).body.total as number;
    const expectedWith = (pred: (u: FakeGoogleUser) => boolean) => users1234.filter(pred).length;
    expect(await count('user00042@')).toBe(1);
    expect(await count('USER00042@EXAMPLE.COM')).toBe(1);
    expect(await count('山田')).toBe(
      expectedWith((u) => !!u.name?.familyName?.includes('山田') || !!u.name?.fullName?.includes('山田')),
    );
    expect(await count('山田')).toBeGreaterThan(0);
    expect(await count('alice')).toBe(expectedWith((u) => !!u.name?.givenName?.includes('Alice')));
    expect(await count('müller')).toBe(expectedWith((u) => u.name?.familyName === 'Müller'));
    expect(await count('613 555 0042')).toBe(1);
    expect(await count('+44 7700 9')).toBe(
      expectedWith((u) => !!u.phones?.some((p) => p.value?.startsWith('+44 7700 9'))),
    );
    expect(await count('mobile')).toBe(0);
    expect(await count('value')).toBe(0);
    expect(await count('%')).toBe(0);
    expect(await count('_')).toBe(0);
    const page = (
      await admin.get(`${API}/contacts`).query({ q: '  user0004 ', limit: 3, offset: 2 }).expect(200)
    ).body;
    expect(page.total).toBe(10);
    expect(page.items.map((c: { primaryEmail: string }) => c.primaryEmail)).toEqual([
      `user00042@${DOMAIN}`,
      `user00043@${DOMAIN}`,
      `user00044@${DOMAIN}`,
    ]);
    // Bad queries name the parameter.
    expect(
      (await admin.get(`${API}/contacts`).query({ limit: 0 }).expect(400)).body.error.fields,
    ).toHaveProperty('limit');
    expect(
      (await admin.get(`${API}/contacts`).query({ offset: -1 }).expect(400)).body.error.fields,
    ).toHaveProperty('offset');
    expect(
      (
        await admin
          .get(`${API}/contacts`)
          .query({ q: 'x'.repeat(201) })
          .expect(400)
      ).body.error.fields,
    ).toHaveProperty('q');

    const audit = await auditRows();
    const syncEntry = audit.find((a) => a.action === 'mivoice.google.sync')!;
    expect(syncEntry.target).toBe(`Google directory ${DOMAIN}`);
    expect(JSON.parse(syncEntry.before!)).toEqual({ contactCount: 0, lastSyncAt: null });
    expect(JSON.parse(syncEntry.after!)).toEqual({
      result: 'ok',
      contactCount: 1_234,
      lastSyncAt: new Date(T0 + 60_000).toISOString(),
    });

    // A second sync replaces the whole cache (users gone from Google are gone here).
    fake.setUsers(generateUsers(12, DOMAIN, 'staff'));
    const again = await sync().expect(200);
    expect(again.body.contactCount).toBe(12);
    expect((await admin.get(`${API}/contacts`).query({ q: 'user0' }).expect(200)).body.total).toBe(0);
  });

  it('each Google error: 502 with its message, the cache kept row for row, lastError shown; a later success clears it', async () => {
    await configure();
    clock.t = T0 + 1_000;
    await sync().expect(200);
    const cacheBefore = await cacheRows();
    expect(cacheBefore).toHaveLength(1_234);
    const okSyncAt = new Date(T0 + 1_000).toISOString();

    const cases: Array<[string, Partial<FakeGoogleBehaviour>, RegExp, Record<string, unknown>?]> = [
      [
        'token invalid_grant',
        { token: 'invalid_grant' },
        /^Google refused the service account: check the key and domain-wide delegation for admin@example\.com \(400: invalid_grant: Invalid JWT Signature\.\)/,
      ],
      [
        'delegation missing',
        { token: 'unauthorized_client' },
        /^Google refused the service account: check the key and domain-wide delegation for admin@example\.com \(401: unauthorized_client/,
      ],
      [
        'users 401',
        { users: 401 },
        /^Google refused the service account: check the key and domain-wide delegation for admin@example\.com \(401: Request had invalid authentication credentials/,
      ],
      [
        'users 403',
        { users: 403 },
        /^Google says admin@example\.com is not authorised for the domain example\.com \(403: Not Authorized to access this resource\/api\)/,
      ],
      [
        'users 404',
        { users: 404 },
        /^Google does not know the domain example\.com \(404: Domain not found\.\): check the Google domain/,
      ],
      [
        'users 500',
        { users: 500 },
        /^Google did not answer users\.list page 1 \(500: Internal error encountered\.\): try again later/,
      ],
      [
        'users 503 on page 3',
        { users: 503, fromPage: 3 },
        /^Google did not answer users\.list page 3 \(503: The service is currently unavailable\.\)/,
      ],
      ['users 429', { users: 429 }, /^Google is limiting requests \(429: /],
      [
        'token 500',
        { token: 500 },
        /^Google did not answer the token request \(500: internal_failure: Backend error\)/,
      ],
      ['token malformed', { token: 'malformed' }, /^Google's answer to the token request could not be read/],
      [
        'users malformed JSON',
        { users: 'malformed' },
        /^Google's answer to users\.list page 1 could not be read/,
      ],
      [
        'a key Google does not know',
        {},
        /^Google refused the service account: .*Invalid JWT Signature/,
        { serviceAccountKey: fake.foreignKeyJson },
      ],
      [
        'an administrator Google does not know',
        {},
        /^Google refused the service account: check the key and domain-wide delegation for boss@example\.com \(400: invalid_grant: Invalid email or User ID\)/,
        { adminEmail: 'boss@example.com' },
      ],
      [
        'a domain Google does not know',
        {},
        /^Google does not know the domain example\.net/,
        { domain: 'example.net' },
      ],
    ];
    // Each failure as a code and params too, for the console to say in its language.
    const refused = (adminEmail: string, phase: string, page: number, status: number, google: string) => ({
      code: 'service_account_refused',
      params: {
        adminEmail,
        scope: 'https://www.googleapis.com/auth/admin.directory.user.readonly',
        phase,
        page,
        status,
        google,
      },
    });
    const reasons: Record<string, { code: string; params: Record<string, unknown> }> = {
      'token invalid_grant': refused(
        'admin@example.com',
        'token',
        0,
        400,
        'invalid_grant: Invalid JWT Signature.',
      ),
      'users 403': {
        code: 'not_authorised',
        params: {
          adminEmail: 'admin@example.com',
          domain: 'example.com',
          status: 403,
          google: 'Not Authorized to access this resource/api',
        },
      },
      'users 404': {
        code: 'unknown_domain',
        params: { domain: 'example.com', status: 404, google: 'Domain not found.' },
      },
      'users 503 on page 3': {
        code: 'google_unavailable',
        params: { phase: 'users', page: 3, status: 503, google: 'The service is currently unavailable.' },
      },
      'token malformed': { code: 'no_access_token', params: {} },
      'users malformed JSON': { code: 'not_users_list', params: { phase: 'users', page: 1 } },
    };
    let n = 0;
    for (const [what, behaviour, message, settingsOver] of cases) {
      n++;
      fake.reset();
      fake.setBehaviour(behaviour);
      clock.t = T0 + 10_000 * n - 5_000;
      if (settingsOver) await configure(settingsOver);
      clock.t = T0 + 10_000 * n;
      const auditBefore = (await auditRows()).length;
      const res = await sync();
      expect(res.status, what).toBe(502);
      expect(res.body.error.code, what).toBe('upstream_failed');
      expect(res.body.error.message, what).toMatch(message);
      const state = (await admin.get(API).expect(200)).body;
      expect(state, what).toMatchObject({
        lastSyncAt: okSyncAt,
        contactCount: 1_234,
        lastError: res.body.error.message,
        lastErrorReason: { code: expect.any(String), params: expect.any(Object) },
        lastErrorAt: new Date(clock.t).toISOString(),
      });
      if (reasons[what]) expect(state.lastErrorReason, what).toEqual(reasons[what]);
      expect(await cacheRows(), what).toEqual(cacheBefore);
      const audit = await auditRows();
      expect(audit.length, what).toBe(auditBefore + 1);
      const entry = audit.at(-1)!;
      expect(entry.action).toBe('mivoice.google.sync');
      expect(JSON.parse(entry.after!), what).toEqual({
        result: 'failed',
        error: res.body.error.message,
        contactCount: 1_234,
      });
      if (settingsOver) await configure();
    }
    // Errors never carry the key.
    expect(JSON.stringify(await auditRows())).not.toContain('PRIVATE KEY');

    fake.reset();
    fake.setUsers(users1234.slice(0, 700));
    clock.t = T0 + 999_000;
    const ok = await sync().expect(200);
    expect(ok.body).toMatchObject({
      lastSyncAt: new Date(T0 + 999_000).toISOString(),
      contactCount: 700,
      lastError: null,
      lastErrorReason: null,
      lastErrorAt: null,
    });
    expect((await admin.get(API).expect(200)).body).toMatchObject({
      lastError: null,
      lastErrorReason: null,
      lastErrorAt: null,
      contactCount: 700,
    });
  });

  it('a failure on page 3 keeps the previous cache, whatever pages 1 and 2 brought', async () => {
    await configure();
    fake.setUsers(generateUsers(300, DOMAIN, 'old'));
    await sync().expect(200);
    const before = await cacheRows();
    expect(before).toHaveLength(300);

    fake.reset();
    fake.setUsers(generateUsers(1_300, DOMAIN, 'new'));
    fake.setBehaviour({ users: 500, fromPage: 3 });
    const res = await sync().expect(502);
    expect(res.body.error.message).toMatch(/users\.list page 3/);
    expect(fake.requests.filter((r) => r.path === USERS_PATH).map((r) => [r.page, r.status])).toEqual([
      [1, 200],
      [2, 200],
      [3, 500],
    ]);
    expect(await cacheRows()).toEqual(before);
    expect((await admin.get(`${API}/contacts`).query({ q: 'new0' }).expect(200)).body.total).toBe(0);
  });

  it('a Google that never answers: the sync ends at the timeout (token or any page) with 502, cache kept', async () => {
    await configure();
    await sync().expect(200);
    const before = await cacheRows();
    for (const [where, behaviour, message] of [
      [
        'page 2',
        { users: 'hang', fromPage: 2 },
        `Google did not answer users.list page 2 within ${TIMEOUT_MS / 1000} s`,
      ],
      ['token', { token: 'hang' }, `Google did not answer the token request within ${TIMEOUT_MS / 1000} s`],
    ] as const) {
      fake.reset();
      fake.setBehaviour(behaviour);
      const t0 = Date.now();
      const res = await sync().expect(502);
      const took = Date.now() - t0;
      expect(res.body.error.message, where).toContain(message);
      expect(took, where).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(took, where).toBeLessThan(TIMEOUT_MS + 4_000);
      expect(await cacheRows()).toEqual(before);
      const state = (await admin.get(API).expect(200)).body;
      expect(state.lastError).toBe(res.body.error.message);
      expect(state.lastErrorReason, where).toEqual({
        code: 'timeout',
        params: {
          phase: where === 'token' ? 'token' : 'users',
          page: where === 'token' ? 0 : 2,
          seconds: TIMEOUT_MS / 1000,
        },
      });
    }
    // The server stays usable and the next sync works.
    fake.reset();
    await sync().expect(200);
  });

  it('support: 403 on save and sync, nothing changed and Google not called; reads are allowed', async () => {
    await configure();
    await sync().expect(200);
    const stored = await settingsRow(GOOGLE_DIRECTORY_KEY);
    const status = await settingsRow(GOOGLE_SYNC_STATUS_KEY);
    const cache = await cacheRows();
    const audit = await auditRows();
    fake.reset();
    fake.setUsers(generateUsers(5, DOMAIN, 'x'));
    expect(
      (
        await support
          .put(API)
          .send(settingsBody({ domain: 'evil.example' }))
          .expect(403)
      ).body.error.code,
    ).toBe('forbidden');
    expect(
      (
        await support
          .put(API)
          .send({ adminEmail: fake.adminEmail, domain: DOMAIN, serviceAccountKey: null })
          .expect(403)
      ).body.error.code,
    ).toBe('forbidden');
    expect((await sync(support).expect(403)).body.error.code).toBe('forbidden');
    expect(fake.requests).toEqual([]);
    expect(await settingsRow(GOOGLE_DIRECTORY_KEY)).toBe(stored);
    expect(await settingsRow(GOOGLE_SYNC_STATUS_KEY)).toBe(status);
    expect(await cacheRows()).toEqual(cache);
    expect(await auditRows()).toEqual(audit);
    expect((await support.get(API).expect(200)).body).toMatchObject({
      serviceAccountKeySet: true,
      contactCount: 1_234,
    });
    expect((await support.get(`${API}/contacts`).expect(200)).body.total).toBe(1_234);
  });

  it('concurrent syncs: a sync asked for while one runs joins it (one pass over Google, one audit entry, same answer)', async () => {
    await configure();
    fake.setBehaviour({ users: 'hang', fromPage: 2 });
    const service = h.ctx.directory;
    const original = service.sync;
    let calls = 0;
    service.sync = (actor) => {
      calls++;
      return original(actor);
    };
    try {
      const first = sync().then((r) => r);
      await fake.waitForHanging(1);
      const second = sync().then((r) => r);
      await expect.poll(() => calls, { timeout: 10_000 }).toBe(2);
      // Both are waiting on the same pass over Google.
      fake.setBehaviour({ users: 'ok' });
      fake.releaseHanging();
      const [a, b] = await Promise.all([first, second]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.body).toEqual(a.body);
      expect(a.body.contactCount).toBe(1_234);
    } finally {
      service.sync = original;
    }
    expect(fake.requests.filter((r) => r.path === '/token')).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === USERS_PATH).map((r) => r.page)).toEqual([1, 2, 3]);
    expect((await auditRows()).filter((a) => a.action === 'mivoice.google.sync')).toHaveLength(1);

    // Joined failures fail alike; once over, a new sync runs anew.
    fake.reset();
    fake.setBehaviour({ users: 'hang', fromPage: 1 });
    const f1 = sync().then((r) => r);
    await fake.waitForHanging(1);
    const joined = service.sync({ username: 'admin', role: 'administrator', address: null });
    fake.setBehaviour({ users: 403 });
    fake.releaseHanging();
    const r1 = await f1;
    expect(r1.status).toBe(502);
    await expect(joined).rejects.toThrow(r1.body.error.message as string);
    expect(fake.requests.filter((r) => r.path === '/token')).toHaveLength(1);
    fake.reset();
    expect((await sync().expect(200)).body).toMatchObject({ contactCount: 1_234, lastError: null });
    expect(fake.requests.filter((r) => r.path === '/token')).toHaveLength(1);
  });

  it('the cache is replaced in one transaction: a failure while writing keeps the previous cache (and two writers at once apply one after the other)', async () => {
    const repo = createDirectoryRepo(h.ctx.db.db, h.ctx.db.kind);
    const contact = (i: number, prefix: string): ContactRow => ({
      id: String(i),
      primaryEmail: `${prefix}${i}@${DOMAIN}`,
      fullName: `${prefix} ${i}`,
      givenName: prefix,
      familyName: String(i),
      phones: [{ value: `+1 555 ${i}`, type: 'work' }],
    });
    await repo.replaceAll(
      Array.from({ length: 1_200 }, (_, i) => contact(i, 'a')),
      T0,
    );
    const before = await cacheRows();
    // Row 1,100 breaks a NOT NULL constraint, in the third chunk of inserts.
    const broken = Array.from({ length: 1_500 }, (_, i) => contact(i, 'b'));
    (broken[1_100] as unknown as { primaryEmail: null }).primaryEmail = null;
    await expect(repo.replaceAll(broken, T0 + 1)).rejects.toThrow();
    expect(await cacheRows()).toEqual(before);

    // Two complete replacements at once (same ids): both succeed, the result is one of them whole.
    const x = Array.from({ length: 900 }, (_, i) => contact(i, 'x'));
    const y = Array.from({ length: 1_100 }, (_, i) => contact(i, 'y'));
    await Promise.all([repo.replaceAll(x, T0 + 2), repo.replaceAll(y, T0 + 3)]);
    const after = await cacheRows();
    expect([900, 1_100]).toContain(after.length);
    const prefixes = new Set(after.map((r) => r.given_name));
    expect(prefixes.size).toBe(1);
    expect(await repo.count()).toBe(after.length);
  });

  it('a database failure while storing the contacts: 503, the previous cache kept, the failure recorded and audited', async () => {
    await configure();
    await sync().expect(200);
    const before = await cacheRows();
    const real = createDirectoryRepo(h.ctx.db.db, h.ctx.db.kind);
    const service = createDirectoryService({
      repo: {
        ...real,
        replaceAll: async () =>
          Promise.reject(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })),
      },
      settings: createSettingsStore(h.ctx.db.db, h.ctx.db.kind),
      audit: createAuditModule({ db: h.ctx.db, logger: h.ctx.logger, now: () => clock.t }).service,
      google: h.config.google,
      logger: h.ctx.logger,
      now: () => clock.t,
    });
    clock.t = T0 + 5_000;
    await expect(
      service.sync({ username: 'admin', role: 'administrator', address: null }),
    ).rejects.toMatchObject({
      status: 503,
      message:
        'The 1234 contacts read from Google could not be stored (the database is busy; try again); the previous cache is kept',
    });
    expect(await cacheRows()).toEqual(before);
    expect((await admin.get(API).expect(200)).body).toMatchObject({
      contactCount: 1_234,
      lastSyncAt: new Date(T0).toISOString(),
      lastError: expect.stringContaining('could not be stored'),
      lastErrorReason: { code: 'not_stored', params: { count: 1_234, busy: 'yes' } },
      lastErrorAt: new Date(T0 + 5_000).toISOString(),
    });
    expect(JSON.parse((await auditRows()).at(-1)!.after!)).toMatchObject({
      result: 'failed',
      contactCount: 1_234,
    });

    // Any other database error: its own text (table names, SQL) stays in the server log.
    const leaky = createDirectoryService({
      repo: {
        ...real,
        replaceAll: async () => Promise.reject(new Error('relation "google_contacts" does not exist')),
      },
      settings: createSettingsStore(h.ctx.db.db, h.ctx.db.kind),
      audit: createAuditModule({ db: h.ctx.db, logger: h.ctx.logger, now: () => clock.t }).service,
      google: h.config.google,
      logger: h.ctx.logger,
      now: () => clock.t,
    });
    await expect(
      leaky.sync({ username: 'admin', role: 'administrator', address: null }),
    ).rejects.toMatchObject({
      status: 503,
      message:
        'The 1234 contacts read from Google could not be stored (database error; see the server log); the previous cache is kept',
    });
    expect((await admin.get(API).expect(200)).body.lastError).not.toContain('relation');
  });
});
