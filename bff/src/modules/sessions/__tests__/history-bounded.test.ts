import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../test/harness.js';
import { seedSessionHistory } from '../../../test/seed-history.js';
import { countTurns, watchStatements } from '../../../test/statements.js';

/** Small statements, so that 1,000 rows span many windows and pages. */
const SCAN = { windowRows: 50, pageRows: 7 };
const DAY = 86_400_000;

describe.each(DB_KINDS)('session history in bounded statements (%s)', (kind) => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof signIn>>['agent'];
  const t0 = Date.parse('2026-11-02T08:00:00Z');
  let all: Array<{ handle: string; ended_at: number; application_name: string }>;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { context: { scan: SCAN, historyPruneMs: 0 } });
    ({ agent: admin } = await signIn(h));
    const db = h.ctx.db.db;
    // 600 sessions ending within 200 ms (three or so per millisecond: ties at window edges), then
    // 400 over a day; one in 13 of a rare application.
    await seedSessionHistory(db, kind, { rows: 600, from: t0, to: t0 + 200, rareEvery: 13 });
    await seedSessionHistory(db, kind, {
      rows: 400,
      from: t0 + 1000,
      to: t0 + DAY,
      rareEvery: 13,
      offset: 600,
    });
    all = (
      await db.selectFrom('session_history').select(['handle', 'ended_at', 'application_name']).execute()
    ).map((r) => ({ ...r, ended_at: Number(r.ended_at) }));
    expect(all).toHaveLength(1000);
  });
  afterAll(() => h.dispose());

  /** What the history must answer: computed here from every row, newest first, ties by handle. */
  const expected = (q: { application?: string; from?: string; to?: string; limit?: number }) => {
    const match = all
      .filter((r) => !q.application || r.application_name.toLowerCase().includes(q.application.toLowerCase()))
      .filter((r) => !q.from || r.ended_at >= Date.parse(q.from))
      .filter((r) => !q.to || r.ended_at <= Date.parse(q.to))
      .sort((a, b) => b.ended_at - a.ended_at || (a.handle < b.handle ? 1 : a.handle > b.handle ? -1 : 0));
    return { ids: match.slice(0, q.limit ?? 1000).map((r) => r.handle), total: match.length };
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  const QUERIES = [
    {},
    { limit: 10_000 },
    { limit: 25 },
    { limit: 300 },
    { application: 'rare' },
    { application: 'Application 1', limit: 40 },
    { application: 'nothing like it' },
    { from: iso(t0 + 50), to: iso(t0 + 150) },
    { from: iso(t0 + 100), limit: 60 },
    { to: iso(t0 + 100), application: 'RARE' },
    { from: iso(t0 + 10 * DAY) },
  ];

  it.each(QUERIES)(
    'answers %j as one statement over every row would (newest first, exact total)',
    async (q) => {
      const res = await admin.get('/api/v1/sessions/history').query(q).expect(200);
      const want = expected(q);
      expect(res.body.total).toBe(want.total);
      expect((res.body.sessions as Array<{ id: string }>).map((s) => s.id)).toEqual(want.ids);
    },
  );

  it('no statement returns more than a page of rows; the CSV is the same rows, whole', async () => {
    const watch = watchStatements(kind);
    let json;
    let csv;
    try {
      json = (await admin.get('/api/v1/sessions/history').query({ limit: 10_000 }).expect(200)).body;
      csv = (await admin.get('/api/v1/sessions/history.csv').query({ limit: 10_000 }).expect(200)).text;
    } finally {
      watch.stop();
    }
    const reads = watch.statements.filter((s) => s.sql.includes('session_history'));
    expect(reads.length).toBeGreaterThan(2 * (1000 / SCAN.pageRows));
    expect(Math.max(...reads.map((s) => s.rows))).toBeLessThanOrEqual(SCAN.pageRows);
    expect(json.sessions).toHaveLength(1000);
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1001);
    expect(rows.slice(1).map((r) => r[7])).toEqual(
      (json.sessions as Array<{ endedAt: string }>).map((s) => s.endedAt),
    );
    expect(csv.endsWith('\r\n')).toBe(false);
  });

  it.runIf(kind === 'sqlite')(
    'gives the event loop a turn between windows (SQLite statements are synchronous)',
    async () => {
      const turns = countTurns();
      const r = await h.ctx.sessions.history({ application: 'nothing like it', limit: 10_000 });
      expect(r.total).toBe(0);
      // 1,000 rows in windows of 50: at least 20 windows, a turn before each.
      expect(turns.stop()).toBeGreaterThanOrEqual(1000 / SCAN.windowRows);
    },
  );
});
