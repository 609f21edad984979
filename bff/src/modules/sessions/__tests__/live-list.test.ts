import {
  LIVE_SESSION_SORTS,
  TERMINATE_MAX,
  type LicenseType,
  type LiveSession,
  type LiveSessionFilter,
  type LiveSessionFilterCode,
  type LiveSessionSort,
} from '@oig/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrateToLatest } from '../../../db/migrations.js';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../../test/harness.js';
import { seedLiveSessions } from '../../../test/seed-live-sessions.js';
import { sessionSearchText } from '../search-text.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
interface Page {
  sessions: LiveSession[];
  total: number;
  live: number;
  offset: number;
  limit: number;
}

/** Sessions of three applications, both protocols, addresses 10.0.<i / 10>.<i>; a few advanced. */
const N = 36;
const SEED_APPS = [APPS.acme, APPS.google, APPS.salesforce].map((a) => ({
  ...a,
  localPassword: LOCAL_PASSWORD,
}));
const address = (i: number) => `10.0.${Math.floor(i / 10)}.${i}`;

/** The console's labels in English (what the console sends codes for). */
const LABELS: Record<string, string> = {
  standard: 'standard',
  advanced: 'advanced',
  soap: 'soap',
  rest: 'rest',
  standardCallControl: 'standard call control',
  advancedCallControl: 'advanced call control',
  google: 'mivoice for google',
  salesforce: 'mivoice for salesforce',
  dataAccess: 'data access',
};
/** A term as the console sends it: the text and the codes whose (English) label contains it. */
const term = (text: string) => ({
  text: text.toLowerCase(),
  codes: Object.keys(LABELS).filter((c) =>
    LABELS[c]!.includes(text.toLowerCase()),
  ) as LiveSessionFilterCode[],
});
const query = (terms: string[]) => {
  const q = new URLSearchParams();
  for (const t of terms.map(term)) {
    q.append('term', t.text);
    q.append('codes', t.codes.join(','));
  }
  return q;
};

/** The filter as the console applied it before: every term within the row's (English) text. */
const rowText = (s: LiveSession) =>
  [
    s.applicationName,
    s.companyName,
    LABELS[s.type],
    LABELS[s.protocol],
    s.clientAddress,
    s.licenses.map((l: LicenseType) => LABELS[l]).join(', '),
    `…${s.sessionIdLast4}`,
  ]
    .join('\n')
    .toLowerCase();
const matches = (s: LiveSession, terms: string[]) => terms.every((t) => rowText(s).includes(t.toLowerCase()));

/** The order the server promises: the column's key (codes for type, protocol, licenses), then the handle. */
const KEY: Record<LiveSessionSort, (s: LiveSession, licenses: string) => string | number> = {
  applicationName: (s) => s.applicationName.toLowerCase(),
  companyName: (s) => s.companyName.toLowerCase(),
  createdAt: (s) => Date.parse(s.createdAt),
  type: (s) => s.type,
  protocol: (s) => s.protocol,
  clientAddress: (s) => s.clientAddress,
  lastActivity: (s) => Date.parse(s.lastActivityAt),
  licenses: (_s, licenses) => licenses,
  sessionId: (s) => s.sessionIdLast4,
};
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

describe.each(DB_KINDS)('live sessions list: filter, sort, pages (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let all: LiveSession[];
  /** The stored licenses JSON of each session (the licenses sort key). */
  const stored = new Map<string, string>();

  const page = async (q: URLSearchParams | Record<string, string | number>) => {
    const qs =
      q instanceof URLSearchParams
        ? q.toString()
        : new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
    return (await admin.get(`/api/v1/sessions?${qs}`).expect(200)).body as Page;
  };
  /** Every page of a query, `limit` rows at a time. */
  const allPages = async (base: URLSearchParams, limit: number) => {
    const out: LiveSession[] = [];
    for (let offset = 0; ; offset += limit) {
      const q = new URLSearchParams(base);
      q.set('offset', String(offset));
      q.set('limit', String(limit));
      const p = await page(q);
      expect(p.offset).toBe(offset);
      expect(p.limit).toBe(limit);
      out.push(...p.sessions);
      if (p.sessions.length < limit) return { rows: out, total: p.total, live: p.live };
    }
  };

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    admin = (await signIn(h)).agent;
    for (const a of SEED_APPS) await createAccount(admin, a);
    const r = await seedLiveSessions(h.ctx, { n: N, apps: SEED_APPS, protocols: ['rest', 'soap'], address });
    expect(r.failures).toBe(0);
    const db = h.ctx.db.db;
    // A few advanced sessions (as an advanced login leaves them).
    await db
      .updateTable('app_sessions')
      .set({ service_type: 'advanced' })
      .where('client_address', 'like', '10.0.1.%')
      .execute();
    for (const row of await db.selectFrom('app_sessions').select(['handle', 'licenses']).execute())
      stored.set(row.handle, row.licenses);
    all = (await allPages(new URLSearchParams(), 500)).rows;
    expect(all).toHaveLength(N);
  }, 60_000);
  afterAll(() => h?.dispose());

  it('answers the first page by creation time, newest first, with the counts', async () => {
    const p = await page({ limit: 5 });
    expect(p).toMatchObject({ total: N, live: N, offset: 0, limit: 5 });
    expect(p.sessions).toHaveLength(5);
    const sorted = [...all].sort(
      (a, b) => cmp(Date.parse(b.createdAt), Date.parse(a.createdAt)) || cmp(b.id, a.id),
    );
    expect(p.sessions.map((s) => s.id)).toEqual(sorted.slice(0, 5).map((s) => s.id));
    // Without parameters: the default page size.
    expect((await page({})).limit).toBe(50);
  });

  it('stores the search text as the login writes it', async () => {
    const rows = await h.ctx.db.db.selectFrom('app_sessions').selectAll().execute();
    for (const r of rows) expect(r.search_text).toBe(sessionSearchText(r));
    expect(rows[0]!.search_text).toMatch(/\n…\d{4}$/);
  });

  for (const sort of LIVE_SESSION_SORTS)
    for (const order of ['asc', 'desc'] as const)
      it(`sorts by ${sort} ${order}, pages neither repeating nor skipping a row`, async () => {
        const got = await allPages(new URLSearchParams({ sort, order }), 7);
        expect(got.total).toBe(N);
        const sign = order === 'asc' ? 1 : -1;
        const expected = [...all].sort(
          (a, b) =>
            sign * (cmp(KEY[sort](a, stored.get(a.id)!), KEY[sort](b, stored.get(b.id)!)) || cmp(a.id, b.id)),
        );
        expect(got.rows.map((s) => s.id)).toEqual(expected.map((s) => s.id));
      });

  const FILTERS: Array<[string, string[]]> = [
    ['application name', ['recorder']],
    ['company name (any case)', ['MITEL']],
    ['client address', ['10.0.2.']],
    ['"…" and the last four digits', [`…${'x'}`]],
    ['type label (code-matched)', ['advanc']],
    ['protocol label (code-matched)', ['soap']],
    ['license label (code-matched)', ['google']],
    ['license label shared by two licenses', ['call control']],
    ['two terms, both required', ['salesforce', 'rest']],
    ['no match', ['nothing-like-this']],
  ];
  for (const [what, terms] of FILTERS)
    it(`filters by ${what}`, async () => {
      const t = terms.map((x) => (x === '…x' ? `…${all[3]!.sessionIdLast4}` : x));
      const expected = all.filter((s) => matches(s, t));
      if (what !== 'no match') expect(expected.length).toBeGreaterThan(0);
      if (what !== 'no match') expect(expected.length).toBeLessThan(N);
      const got = await allPages(query(t), 4);
      expect(got.total).toBe(expected.length);
      expect(got.live).toBe(N);
      expect(got.rows.map((s) => s.id).sort()).toEqual(expected.map((s) => s.id).sort());
    });

  it('matches the last four digits without the "…", and a term only by its codes when the text has none', async () => {
    const s = all[5]!;
    const got = await page(query([s.sessionIdLast4]));
    expect(got.sessions.map((x) => x.id)).toContain(s.id);
    // "data access" is no column's text: only sessions holding the license match.
    const data = await allPages(query(['access']), 50);
    expect(data.rows.every((x) => x.licenses.includes('dataAccess'))).toBe(true);
    expect(data.total).toBe(all.filter((x) => x.licenses.includes('dataAccess')).length);
    // Without codes (a client that does not resolve labels) the term is looked for in the text only.
    expect((await page({ term: 'soap' })).total).toBe(0);
  });

  it('refuses bad parameters with a 400 naming the field, a reason and its params', async () => {
    const cases: Array<[string, string, Record<string, string>]> = [
      ['limit=0', 'out_of_range', { field: 'limit', min: '1', max: '500' }],
      ['limit=501', 'out_of_range', { field: 'limit', min: '1', max: '500' }],
      ['offset=-1', 'out_of_range', { field: 'offset', min: '0', max: '100000' }],
      ['offset=x', 'out_of_range', { field: 'offset', min: '0', max: '100000' }],
      ['sort=handle', 'unknown_sort', { allowed: LIVE_SESSION_SORTS.join(', ') }],
      ['order=up', 'unknown_order', { allowed: 'asc, desc' }],
      [`term=${'a'.repeat(65)}`, 'term_too_long', { max: '64' }],
      ['term=%20', 'empty_term', {}],
      [Array.from({ length: 11 }, (_, i) => `term=t${i}`).join('&'), 'too_many_terms', { max: '10' }],
      ['term=a&codes=soap,nope', 'unknown_code', { value: 'nope' }],
      ['term=a&codes=soap&codes=rest', 'codes_mismatch', {}],
      [Array.from({ length: 11 }, () => 'codes=soap').join('&'), 'too_many_terms', { max: '10' }],
      [`term=a&codes=${'soap,'.repeat(81)}`, 'codes_too_long', { max: '400' }],
    ];
    for (const [qs, reason, params] of cases) {
      const res = await admin.get(`/api/v1/sessions?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.body.error.code, qs).toBe('validation_failed');
      expect(res.body.error.reason, qs).toBe(reason);
      expect(res.body.error.params ?? {}, qs).toEqual(params);
      expect(Object.keys(res.body.error.fields ?? {}).length, qs).toBeGreaterThan(0);
    }
    // Two bad fields: each keeps its own reason (the query's reason is the first one's only).
    const two = await admin.get('/api/v1/sessions?sort=handle&limit=0');
    expect(two.status).toBe(400);
    const fieldReasons = two.body.error.fieldReasons as Record<string, { reason: string }>;
    expect(Object.keys(fieldReasons).sort()).toEqual(['limit', 'sort']);
    const [first, other] = two.body.error.reason === 'unknown_sort' ? ['sort', 'limit'] : ['limit', 'sort'];
    expect(fieldReasons[first]!.reason).toBe(two.body.error.reason);
    expect(fieldReasons[other]!.reason).not.toBe(two.body.error.reason);
  });

  it('terminates every session matching a filter (administrators only), audited with the count and filter', async () => {
    const terms = ['salesforce', 'soap'];
    const expected = all.filter((s) => matches(s, terms));
    expect(expected.length).toBeGreaterThan(1);
    const filter: LiveSessionFilter = { terms: terms.map(term) };

    const support = (await signInSupport(h, admin)).agent;
    const refused = await support.post('/api/v1/sessions/terminate').send({ filter });
    expect(refused.status).toBe(403);
    expect((await page({})).total).toBe(N);

    for (const body of [
      { filter, ids: [all[0]!.id] },
      { filter: { terms: 'x' } },
      { filter: { terms: [{ text: '' }] } },
    ]) {
      const bad = await admin.post('/api/v1/sessions/terminate').send(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
    }

    const res = await admin.post('/api/v1/sessions/terminate').send({ filter }).expect(200);
    expect(res.body).toEqual({ terminated: expected.length });
    const left = (await allPages(new URLSearchParams(), 500)).rows;
    expect(left.map((s) => s.id).sort()).toEqual(
      all
        .filter((s) => !expected.includes(s))
        .map((s) => s.id)
        .sort(),
    );
    const audit = await admin.get('/api/v1/audit').query({ action: 'session.terminate' }).expect(200);
    const entry = audit.body.entries[0];
    expect(entry.target).toBe(`${expected.length} sessions`);
    expect(entry.after).toMatchObject({ terminated: expected.length, filter: 'salesforce soap' });
    // Nothing matches any more: nothing is terminated, nothing audited.
    expect((await admin.post('/api/v1/sessions/terminate').send({ filter }).expect(200)).body).toEqual({
      terminated: 0,
    });
    const again = await admin.get('/api/v1/audit').query({ action: 'session.terminate' }).expect(200);
    expect(again.body.total).toBe(audit.body.total);
  });
});

describe('a termination that fails half-way (sqlite)', () => {
  it('audits the sessions it did end, stops, and answers the error', async () => {
    const h = await startHarness(freshDb('sqlite'), { start: false });
    try {
      const admin = (await signIn(h)).agent;
      await createAccount(admin, APPS.acme);
      const seeded = await seedLiveSessions(h.ctx, {
        n: 5,
        apps: [{ ...APPS.acme, localPassword: LOCAL_PASSWORD }],
      });
      expect(seeded.failures).toBe(0);
      const ids = ((await admin.get('/api/v1/sessions').expect(200)).body as Page).sessions.map((s) => s.id);
      expect(ids).toHaveLength(5);
      // The third end fails (a database error, say); the ends before it happened.
      const end = h.ctx.manager.end.bind(h.ctx.manager);
      let calls = 0;
      const spy = vi.spyOn(h.ctx.manager, 'end').mockImplementation(async (...args) => {
        if (++calls === 3) throw new Error('disk I/O error');
        return end(...args);
      });
      const res = await admin.post('/api/v1/sessions/terminate').send({ ids });
      spy.mockRestore();
      expect(res.status).toBe(500);
      const left = ((await admin.get('/api/v1/sessions').expect(200)).body as Page).total;
      expect(left).toBe(3);
      const audit = await admin.get('/api/v1/audit').query({ action: 'session.terminate' }).expect(200);
      expect(audit.body.entries[0].after).toMatchObject({ terminated: 2, stoppedByError: true });
    } finally {
      await h.dispose();
    }
  });
});

describe('terminate by ids at the limit (sqlite)', () => {
  it('takes 25,000 named sessions in one request (about 1 MB), refuses one more, and reads no large body before sign-in', async () => {
    const h = await startHarness(freshDb('sqlite'), { start: false });
    try {
      const { agent: admin } = await signIn(h);
      const handles = (n: number) =>
        Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      const body = { ids: handles(TERMINATE_MAX) };
      expect(JSON.stringify(body).length).toBeGreaterThan(900_000);
      expect((await admin.post('/api/v1/sessions/terminate').send(body).expect(200)).body).toEqual({
        terminated: 0,
      });
      const over = await admin.post('/api/v1/sessions/terminate').send({ ids: handles(TERMINATE_MAX + 1) });
      expect(over.status).toBe(400);
      expect(over.body.error.code).toBe('validation_failed');
      // Without a session the large limit does not apply: refused before any body is read.
      const anonymous = await h.request().post('/api/v1/sessions/terminate').send(body);
      expect(anonymous.status).toBe(401);
      // Support users may not terminate: refused before the body is read too.
      const support = (await signInSupport(h, admin)).agent;
      expect((await support.post('/api/v1/sessions/terminate').send(body)).status).toBe(403);
    } finally {
      await h.dispose();
    }
  });
});

describe.each(DB_KINDS)('sessions without a search text (%s)', (kind) => {
  it('open at the upgrade to 0012 or written by a previous version: found by every text term all the same', async () => {
    const h = await startHarness(freshDb(kind), { start: false });
    try {
      const admin = (await signIn(h)).agent;
      await createAccount(admin, APPS.acme);
      const seeded = await seedLiveSessions(h.ctx, {
        n: 3,
        apps: [{ ...APPS.acme, localPassword: LOCAL_PASSWORD }],
        address: (i) => `10.9.8.${i}`,
      });
      expect(seeded.failures).toBe(0);
      const db = h.ctx.db.db;
      const before = await db.selectFrom('app_sessions').selectAll().orderBy('handle').execute();
      for (const r of before) expect(r.search_text).toBe(sessionSearchText(r));
      // The database as 0011 left it: no column, no index, 0012 not applied; then upgraded.
      await sql`drop index app_sessions_created_idx`.execute(db);
      await db.schema.alterTable('app_sessions').dropColumn('search_text').execute();
      await sql`DELETE FROM kysely_migration WHERE name >= '0012_live_sessions_search'`.execute(db);
      await migrateToLatest(db as unknown as Kysely<unknown>, h.db.env.OIG_DB_SCHEMA);
      const after = await db.selectFrom('app_sessions').selectAll().orderBy('handle').execute();
      expect(after.map((r) => r.search_text)).toEqual(['', '', '']);
      // Applied again over its own result (as when a test takes the database back), it changes nothing.
      await sql`DELETE FROM kysely_migration WHERE name >= '0012_live_sessions_search'`.execute(db);
      await migrateToLatest(db as unknown as Kysely<unknown>, h.db.env.OIG_DB_SCHEMA);
      expect(await db.selectFrom('app_sessions').selectAll().orderBy('handle').execute()).toEqual(after);

      const found = async (...terms: string[]) =>
        ((await admin.get(`/api/v1/sessions?${query(terms).toString()}`).expect(200)).body as Page).total;
      // Application (any case), company, address, the shown id; and what matches none.
      expect(await found('CALL rec')).toBe(3);
      expect(await found('acme')).toBe(3);
      expect(await found('10.9.8.1')).toBe(1);
      expect(await found(`…${after[0]!.token_last4}`)).toBeGreaterThanOrEqual(1);
      expect(await found('acme', 'nowhere')).toBe(0);
      // A session with its search text and one without, side by side: both found.
      await db
        .updateTable('app_sessions')
        .set({ search_text: sessionSearchText(after[0]!) })
        .where('handle', '=', after[0]!.handle)
        .execute();
      expect(await found('call recorder')).toBe(3);
      expect(await found('10.9.8')).toBe(3);
    } finally {
      await h.dispose();
    }
  });
});
