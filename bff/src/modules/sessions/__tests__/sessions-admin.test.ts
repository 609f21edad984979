import Papa from 'papaparse';
import supertest from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  REST_PATH,
  restLogin,
  signIn,
  startHarness,
  writeJson,
  type Harness,
} from '../../../test/harness.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
type App = { companyName: string; applicationName: string; applicationPassword: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const app = (applicationName: string, companyName = 'Test Co'): App => ({
  companyName,
  applicationName,
  applicationPassword: `pw-${applicationName.length}-app`,
});
const PERCENT = app('100% Done');
const PERCENT_LOOKALIKE = app('100X Done');
const UNDERSCORE = app('a_b Tool');
const UNDERSCORE_LOOKALIKE = app('axb Tool');
const FORMULA = app('=HYPERLINK(1)', '+Formula Co');
const ALL: App[] = [APPS.acme, PERCENT, PERCENT_LOOKALIKE, UNDERSCORE, UNDERSCORE_LOOKALIKE, FORMULA];

const CSV_HEADER = [
  'Application Name',
  'Company Name',
  'Type',
  'Protocol',
  'Client Address',
  'Creation Date and Time',
  'Last Activity',
  'End Time',
  'End Reason',
  'Licenses',
  'Session ID (last 4)',
  'Type Code',
  'Protocol Code',
  'End Reason Code',
  'License Codes',
];

describe.each(DB_KINDS)('sessions admin API (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  const startedAt = new Date(Date.now() - 1000).toISOString();

  const live = async () =>
    (await admin.get('/api/v1/sessions').expect(200)).body as {
      sessions: Array<Record<string, any>>;
      total: number;
    };
  const history = async (query: Record<string, string> = {}) =>
    (await admin.get('/api/v1/sessions/history').query(query).expect(200)).body as {
      sessions: Array<Record<string, any>>;
      total: number;
    };
  const keepAlive = (sessionId: string) => supertest(h.app).put(REST_PATH).set('Authorization', sessionId);
  const restLogout = (sessionId: string) =>
    supertest(h.app).delete(REST_PATH).set('Authorization', sessionId);
  const login = async (a: App = APPS.acme) => (await restLogin(h, a).expect(200)).body.sessionId as string;

  beforeAll(async () => {
    const db = freshDb(kind);
    const acl = writeJson(db.dataDir, 'acl.json', {
      applications: ALL.map((a) => ({ ...a, serviceType: 'standard', licenseProfile: 'third-party' })),
    });
    h = await startHarness(db, { env: { OIG_ACL_FILE: acl } });
    admin = (await signIn(h)).agent;
    for (const a of ALL) await createAccount(admin, a);
  });
  afterAll(() => h.dispose());
  // Every test starts with no live session.
  beforeEach(async () => {
    const ids = (await live()).sessions.map((s) => s.id as string);
    if (ids.length > 0) await admin.post('/api/v1/sessions/terminate').send({ ids }).expect(200);
  });

  it('lists live sessions by opaque handle, showing only the last 4 digits of the session id', async () => {
    const ids = [await login(), await login()];
    const res = await admin.get('/api/v1/sessions').expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.sessions).toHaveLength(2);
    for (const s of res.body.sessions) {
      expect(s).toEqual({
        id: expect.stringMatching(UUID),
        applicationName: APPS.acme.applicationName,
        companyName: APPS.acme.companyName,
        createdAt: expect.any(String),
        type: 'standard',
        protocol: 'rest',
        clientAddress: expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
        lastActivityAt: expect.any(String),
        licenses: ['dataAccess'],
        sessionIdLast4: expect.stringMatching(/^\d{4}$/),
      });
      expect(new Date(s.createdAt).toISOString()).toBe(s.createdAt);
      expect(Date.parse(s.createdAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));
      expect(Date.parse(s.lastActivityAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
    }
    expect(res.body.sessions.map((s: { sessionIdLast4: string }) => s.sessionIdLast4).sort()).toEqual(
      ids.map((id) => id.slice(-4)).sort(),
    );
    // The session id is a bearer credential: it never appears in the console API.
    for (const id of ids) {
      expect(res.text).not.toContain(id);
      expect(res.text).not.toContain(id.slice(0, -4));
    }
  });

  it('terminates one session: 204, the application is out, history says "terminated", a second DELETE is 404', async () => {
    const victim = await login();
    await keepAlive(victim).expect(200);
    const [row] = (await live()).sessions;
    const survivor = await login();

    await admin.delete(`/api/v1/sessions/${row!.id}`).expect(204);
    const ka = await keepAlive(victim).expect(404);
    expect(ka.body).toEqual({ result: false, error: 'Invalid session' });
    await keepAlive(survivor).expect(200);
    const after = await live();
    expect(after.total).toBe(1);
    expect(after.sessions[0]!.sessionIdLast4).toBe(survivor.slice(-4));

    const ended = (await history()).sessions.find((s) => s.id === row!.id);
    expect(ended).toMatchObject({
      endReason: 'terminated',
      sessionIdLast4: victim.slice(-4),
      applicationName: APPS.acme.applicationName,
      protocol: 'rest',
    });
    expect(Date.parse(ended!.endedAt)).toBeGreaterThanOrEqual(Date.parse(ended!.createdAt));

    const again = await admin.delete(`/api/v1/sessions/${row!.id}`).expect(404);
    expect(again.body.error.code).toBe('not_found');
    // Logging out a terminated session is refused too.
    await restLogout(victim).expect(404);
  });

  it('answers 404 for ids that are not session handles', async () => {
    const sessionId = await login();
    for (const bad of [
      'not-a-uuid',
      sessionId,
      '00000000-0000-4000-8000-000000000000',
      '-'.repeat(36),
      `${'a'.repeat(36)}`,
      "' OR 1=1 --",
    ]) {
      const res = await admin.delete(`/api/v1/sessions/${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    await keepAlive(sessionId).expect(200);
    expect((await live()).total).toBe(1);
  });

  it('terminates several sessions at once and validates the request', async () => {
    const a = await login();
    const b = await login();
    const c = await login();
    const rows = (await live()).sessions;
    const keep = rows.find((s) => s.sessionIdLast4 === c.slice(-4))!;
    const ids = rows.filter((s) => s !== keep).map((s) => s.id as string);
    expect(ids).toHaveLength(2);

    const res = await admin
      .post('/api/v1/sessions/terminate')
      .send({ ids: [...ids, ids[0]] })
      .expect(200);
    expect(res.body).toEqual({ terminated: 2 });
    await keepAlive(a).expect(404);
    await keepAlive(b).expect(404);
    await keepAlive(c).expect(200);
    // Already ended (and unknown) ids count as nothing.
    expect(
      (
        await admin
          .post('/api/v1/sessions/terminate')
          .send({ ids: [...ids, 'unknown-id'] })
          .expect(200)
      ).body,
    ).toEqual({ terminated: 0 });

    for (const body of [
      { ids: [] },
      {},
      { ids: 'x' },
      { ids: [''] },
      { ids: [42] },
      { ids: [keep.id], all: true },
    ]) {
      const bad = await admin.post('/api/v1/sessions/terminate').send(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
    }
    const empty = await admin.post('/api/v1/sessions/terminate').send({ ids: [] }).expect(400);
    expect(empty.body.error.fields).toEqual({ ids: 'Select at least one session' });
    await keepAlive(c).expect(200);
  });

  it('records a REST logout with endReason "logout"', async () => {
    const id = await login();
    await restLogout(id).expect(200, { result: true });
    const h1 = await history();
    const entry = h1.sessions.find((s) => s.sessionIdLast4 === id.slice(-4) && s.endReason === 'logout');
    expect(entry).toBeDefined();
    expect(entry).toMatchObject({
      applicationName: APPS.acme.applicationName,
      type: 'standard',
      protocol: 'rest',
      licenses: ['dataAccess'],
    });
    expect(h1.total).toBe(h1.sessions.length);
    expect(JSON.stringify(h1)).not.toContain(id);
    expect((await live()).total).toBe(0);
  });

  describe('history filters', () => {
    beforeAll(async () => {
      for (const a of ALL) await restLogout(await login(a)).expect(200);
    });
    const names = async (query: Record<string, string>) =>
      [...new Set((await history(query)).sessions.map((s) => s.applicationName as string))].sort();

    it('filters by application name, case-insensitively, as a substring', async () => {
      expect(await names({ application: 'call REC' })).toEqual(['Call Recorder']);
      expect(await names({ application: 'DONE' })).toEqual(['100% Done', '100X Done']);
      expect(await names({ application: 'no such app' })).toEqual([]);
      expect((await names({})).length).toBe(ALL.length);
    });

    it('treats % and _ literally, not as wildcards', async () => {
      expect(await names({ application: '100%' })).toEqual(['100% Done']);
      expect(await names({ application: '%' })).toEqual(['100% Done']);
      expect(await names({ application: 'a_b' })).toEqual(['a_b Tool']);
      expect(await names({ application: '_' })).toEqual(['a_b Tool']);
      expect(await names({ application: '\\' })).toEqual([]);
    });

    it('filters by end time with ISO from/to and refuses bad ranges', async () => {
      const all = (await history()).total;
      expect(all).toBeGreaterThanOrEqual(ALL.length);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await history({ from: startedAt, to: future })).total).toBe(all);
      expect((await history({ from: future })).total).toBe(0);
      expect((await history({ to: startedAt })).total).toBe(0);
      // An offset is accepted and honoured (this is the same instant as `future`).
      const offset = new Date(Date.now() + 3_600_000 + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
      expect((await history({ to: offset })).total).toBe(all);
      expect((await history({ limit: '1' })).sessions).toHaveLength(1);

      const backwards = await admin
        .get('/api/v1/sessions/history')
        .query({ from: future, to: startedAt })
        .expect(400);
      expect(backwards.body.error.code).toBe('validation_failed');
      expect(backwards.body.error.fields.from).toBe('From must not be after To');
      for (const q of [
        { from: 'yesterday' },
        { to: '2024-13-45' },
        { from: '1700000000000' },
        { to: '2024-01-01' },
      ]) {
        const bad = await admin.get('/api/v1/sessions/history').query(q);
        expect(bad.status, JSON.stringify(q)).toBe(400);
        expect(Object.keys(bad.body.error.fields)).toEqual(Object.keys(q));
      }
      await admin.get('/api/v1/sessions/history').query({ limit: '0' }).expect(400);
      await admin.get('/api/v1/sessions/history.csv').query({ from: 'yesterday' }).expect(400);
    });

    it('exports CSV with a header row, one row per entry and formulas neutralised', async () => {
      const json = await history();
      const res = await admin.get('/api/v1/sessions/history.csv').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="?oig-session-history\.csv"?$/,
      );
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const parsed = Papa.parse<string[]>(res.text.slice(1), { skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      const [header, ...rows] = parsed.data;
      expect(header).toEqual(CSV_HEADER);
      expect(rows).toHaveLength(json.total);
      expect(rows.map((r) => r[10]).sort()).toEqual(json.sessions.map((s) => s.sessionIdLast4).sort());

      const formula = rows.find((r) => r[0]!.includes('HYPERLINK'));
      expect(formula).toBeDefined();
      expect(formula![0]!.startsWith("'=")).toBe(true);
      expect(formula![0]).toBe("'=HYPERLINK(1)");
      expect(formula![1]).toBe("'+Formula Co");
      // No cell anywhere starts with a formula character.
      for (const r of rows) for (const cell of r) expect(cell, cell).not.toMatch(/^[=+\-@]/);

      const acme = rows.find((r) => r[0] === 'Call Recorder' && r[8] === 'Logged out');
      expect(acme).toBeDefined();
      // Words for people, the codes for tools in their own columns.
      expect(acme!.slice(1, 4)).toEqual(['Acme', 'Standard', 'REST']);
      expect(acme![9]).toBe('Data Access Service');
      expect(acme!.slice(11)).toEqual(['standard', 'rest', 'logout', 'dataAccess']);

      const filtered = await admin
        .get('/api/v1/sessions/history.csv')
        .query({ application: 'hyperlink' })
        .expect(200);
      const fRows = Papa.parse<string[]>(filtered.text.slice(1), { skipEmptyLines: true }).data;
      expect(fRows).toHaveLength(2);
      expect(fRows[1]![0]).toBe("'=HYPERLINK(1)");
    });
  });
});

describe('session history paging', () => {
  it('returns the newest `limit` entries and the total that match', async () => {
    const h = await startHarness(freshDb('sqlite'));
    try {
      const { agent } = await signIn(h);
      await createAccount(agent, APPS.acme);
      for (let i = 0; i < 3; i++) {
        const id = (await restLogin(h, APPS.acme).expect(200)).body.sessionId as string;
        await supertest(h.app).delete(REST_PATH).set('Authorization', id).expect(200);
      }
      const page = (await agent.get('/api/v1/sessions/history').query({ limit: 2 }).expect(200)).body;
      expect(page.sessions).toHaveLength(2);
      expect(page.total).toBe(3);
      expect(
        (await agent.get('/api/v1/sessions/history').query({ limit: 0 }).expect(400)).body.error.fields,
      ).toHaveProperty('limit');
    } finally {
      await h.dispose();
    }
  });
});
