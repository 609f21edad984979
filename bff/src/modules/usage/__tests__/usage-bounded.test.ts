import { USAGE_COUNTERS, type UsageCounter } from '@oig/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, startHarness, type Harness } from '../../../test/harness.js';
import { seedSessionHistory } from '../../../test/seed-history.js';
import { countTurns, watchStatements } from '../../../test/statements.js';
import { createCalendar } from '../calendar.js';
import { appKey, computeDays, IntervalColumns, type DayUsage } from '../usage-compute.js';
import { ACME, addSessions, C, GOOGLE } from './usage-fixtures.js';

/** Small statements, so that a month of 1,200 sessions spans many windows and pages. */
const SCAN = { windowRows: 50, pageRows: 7 };
const H = 3_600_000;
const NOW = Date.parse('2026-12-07T10:00:00Z');
const COUNTERS = new Set<string>(USAGE_COUNTERS);

/** A day as plain data, applications sorted (Map order is not part of the answer). */
const plain = (d: DayUsage) => ({
  day: d.day,
  counters: d.counters,
  applications: [...d.applications].sort(([a], [b]) => (a < b ? -1 : 1)),
});

describe.each(DB_KINDS)('usage of a month in bounded statements (%s)', (kind) => {
  let h: Harness;
  const cal = createCalendar('UTC');
  const { from, to } = cal.monthRange('2026-11');

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), {
      env: { OIG_TIME_ZONE: 'UTC' },
      context: { now: () => NOW, scan: SCAN, historyPruneMs: 0, reportCheckMs: 0 },
    });
    const db = h.ctx.db.db;
    // 1,000 sessions of up to 30 h ending over November (some begun in October), 200 ending in
    // December (some begun in November), and live ones begun before and during November.
    await seedSessionHistory(db, kind, { rows: 1000, from: from + H, to, maxDurationMs: 30 * H });
    await seedSessionHistory(db, kind, {
      rows: 200,
      from: to,
      to: NOW - H,
      maxDurationMs: 30 * H,
      offset: 1000,
    });
    await addSessions(h, [
      { app: GOOGLE, counters: C.google, start: '2026-10-20T08:00:00Z', end: null },
      { app: ACME, counters: C.rest, start: '2026-11-03T08:00:00Z', end: null },
      { app: ACME, counters: C.rest, start: '2026-11-03T08:00:00Z', end: null },
      { app: GOOGLE, counters: C.google, start: '2026-11-30T23:59:59Z', end: null },
    ]);
  });
  afterAll(() => h.dispose());

  /** The days as computed before: one statement over both tables per day, that day alone. */
  async function oneStatementPerDay(): Promise<DayUsage[]> {
    const out: DayUsage[] = [];
    for (let day = from; day < to; day = cal.nextDay(day)) {
      const end = cal.nextDay(day);
      const { rows } = await sql<{
        created_at: number;
        ended_at: number | null;
        licenses: string;
        company_name: string;
        application_name: string;
      }>`select created_at, ended_at, licenses, company_name, application_name from session_history
           where ended_at > ${day} and created_at < ${end}
         union all
         select created_at, null, licenses, company_name, application_name from app_sessions
           where created_at < ${end}`.execute(h.ctx.db.db);
      const iv = new IntervalColumns();
      for (const r of rows)
        iv.push(
          Number(r.created_at),
          r.ended_at === null ? null : Number(r.ended_at),
          r.licenses,
          () => (JSON.parse(r.licenses) as string[]).filter((c): c is UsageCounter => COUNTERS.has(c)),
          appKey(r.company_name, r.application_name),
        );
      out.push(...(await computeDays(iv, day, end, cal)));
    }
    return out;
  }

  it('a cold month: the same days as one statement per day, each statement a page at most, turns between', async () => {
    const want = await oneStatementPerDay();
    // Sessions begun in November: most of the 1,000, some of the 200, three live ones.
    const started = want.reduce(
      (n, d) => n + [...d.applications.values()].reduce((s, a) => s + a.sessions, 0),
      0,
    );
    expect(started).toBeGreaterThan(900);
    expect(started).toBeLessThan(1203);
    const watch = watchStatements(kind);
    const turns = countTurns();
    let got: DayUsage[];
    try {
      got = await h.ctx.usage.days(from, to);
    } finally {
      watch.stop();
    }
    const turned = turns.stop();
    expect(got.map(plain)).toEqual(want.map(plain));
    expect(got).toHaveLength(30);
    const reads = watch.statements.filter((s) => /from "(session_history|app_sessions)"/.test(s.sql));
    expect(reads.length).toBeGreaterThan(1200 / SCAN.pageRows);
    expect(Math.max(...reads.map((s) => s.rows))).toBeLessThanOrEqual(SCAN.pageRows);
    if (kind === 'sqlite') expect(turned).toBeGreaterThanOrEqual(1000 / SCAN.pageRows);

    // Recorded now: read back the same.
    expect((await h.ctx.usage.days(from, to)).map(plain)).toEqual(want.map(plain));
  });
});
