import { USAGE_COUNTERS, type UsageCounter } from '@oig/shared';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/db.js';
import type { UsageDailyTable, UsageReportRunsTable } from '../../db/schema.js';
import { sliceClock } from '../../lib/slices.js';
import { SCAN_SIZE, windows, type ScanSize } from '../../lib/windows.js';
import { appKey, emptyCounters, IntervalColumns, type DayUsage } from './usage-compute.js';

export type UsageReportRunRow = Selectable<UsageReportRunsTable>;

const COUNTER_SET = new Set<string>(USAGE_COUNTERS);
/** Rows per INSERT: well under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;

/** The only code that reads sessions for usage, and that touches usage_daily / usage_report_runs. */
export function createUsageRepo(db: Db, scan: ScanSize = SCAN_SIZE) {
  return {
    /**
     * Every session that held its licenses during [from, to): the live ones, then the ended ones
     * from the history, in bounded statements with turns between them (live sessions in pages of
     * their key, history in windows of its end-time index). A session that ends between the two
     * reads is in both and counted once, as ended; one cannot slip between them, as the live ones
     * are read first.
     */
    async intervals(from: number, to: number): Promise<IntervalColumns> {
      const slice = sliceClock();
      const counters = (licenses: string) => () =>
        (JSON.parse(licenses) as string[]).filter((c): c is UsageCounter => COUNTER_SET.has(c));
      const columns = ['handle', 'created_at', 'licenses', 'company_name', 'application_name'] as const;

      const live = new Map<string, { created_at: number; licenses: string; app: string }>();
      for (let after: string | undefined; ;) {
        await slice.pause();
        let q = db.selectFrom('app_sessions').select(columns).where('created_at', '<', to);
        if (after !== undefined) q = q.where('handle', '>', after);
        const page = await q.orderBy('handle').limit(scan.pageRows).execute();
        for (const r of page)
          live.set(r.handle, {
            created_at: Number(r.created_at),
            licenses: r.licenses,
            app: appKey(r.company_name, r.application_name),
          });
        if (page.length < scan.pageRows) break;
        after = page[page.length - 1]!.handle;
      }

      const out = new IntervalColumns();
      for await (const w of windows(db, {
        table: 'session_history',
        column: 'ended_at',
        order: 'asc',
        lo: from + 1,
        // Each window's rows are read in one statement: a page's worth.
        size: scan.pageRows,
      })) {
        await slice.yieldNow();
        const rows = await db
          .selectFrom('session_history')
          .select([...columns, 'ended_at'])
          .where('ended_at', '>=', w.lo)
          .where('ended_at', '<=', w.hi)
          .where('created_at', '<', to)
          .execute();
        for (const r of rows) {
          if (live.size > 0) live.delete(r.handle);
          const key = appKey(r.company_name, r.application_name);
          out.push(Number(r.created_at), Number(r.ended_at), r.licenses, counters(r.licenses), key);
        }
      }
      for (const r of live.values()) out.push(r.created_at, null, r.licenses, counters(r.licenses), r.app);
      return out;
    },

    /** Recorded days among `days` (time zone `tz`), as computed when they were over. */
    async recordedDays(tz: string, days: readonly string[]): Promise<Map<string, DayUsage>> {
      const out = new Map<string, DayUsage>();
      if (days.length === 0) return out;
      const rows = await db
        .selectFrom('usage_daily')
        .selectAll()
        .where('time_zone', '=', tz)
        .where('day', 'in', days)
        .execute();
      for (const r of rows)
        if (r.subject_kind === 'day')
          out.set(r.day, { day: r.day, counters: emptyCounters(), applications: new Map() });
      for (const r of rows) {
        const d = out.get(r.day);
        if (!d || r.subject_kind === 'day') continue;
        const peak = { peak: Number(r.peak), at: r.peak_at === null ? null : Number(r.peak_at) };
        if (r.subject_kind === 'counter' && COUNTER_SET.has(r.subject))
          d.counters[r.subject as UsageCounter] = peak;
        else if (r.subject_kind === 'application')
          d.applications.set(r.subject, { ...peak, sessions: Number(r.sessions) });
      }
      return out;
    },

    /**
     * Records a finished day once: the transaction that inserts the day's marker row writes its
     * figures; one that finds the marker there (another process recorded it) writes nothing, so a
     * day's rows always come from one computation.
     */
    async recordDay(tz: string, d: DayUsage): Promise<boolean> {
      const rows: Array<Insertable<UsageDailyTable>> = [];
      for (const c of USAGE_COUNTERS) {
        const p = d.counters[c];
        if (p.at !== null)
          rows.push({
            time_zone: tz,
            day: d.day,
            subject_kind: 'counter',
            subject: c,
            peak: p.peak,
            peak_at: p.at,
            sessions: 0,
          });
      }
      for (const [app, u] of d.applications) {
        rows.push({
          time_zone: tz,
          day: d.day,
          subject_kind: 'application',
          subject: app,
          peak: u.peak,
          peak_at: u.at,
          sessions: u.sessions,
        });
      }
      return db.transaction().execute(async (trx) => {
        const claimed = await trx
          .insertInto('usage_daily')
          .values({
            time_zone: tz,
            day: d.day,
            subject_kind: 'day',
            subject: '',
            peak: 0,
            peak_at: null,
            sessions: 0,
          })
          .onConflict((oc) => oc.columns(['time_zone', 'day', 'subject_kind', 'subject']).doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
        for (let i = 0; i < rows.length; i += INSERT_CHUNK)
          await trx
            .insertInto('usage_daily')
            .values(rows.slice(i, i + INSERT_CHUNK))
            .execute();
        return true;
      });
    },

    /** The newest month the monthly scheduler handled. */
    latestRun(): Promise<UsageReportRunRow | undefined> {
      return db
        .selectFrom('usage_report_runs')
        .selectAll()
        .orderBy('month', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** The first month the monthly scheduler ever handled (where it started). */
    async earliestMonth(): Promise<string | undefined> {
      return (
        await db.selectFrom('usage_report_runs').select('month').orderBy('month').limit(1).executeTakeFirst()
      )?.month;
    },

    /** The months of [from, to] (`YYYY-MM`) already handled. */
    async runMonths(from: string, to: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('usage_report_runs')
        .select('month')
        .where('month', '>=', from)
        .where('month', '<=', to)
        .execute();
      return new Set(rows.map((r) => r.month));
    },

    /** Records a month as handled; false when another process recorded it first. */
    async recordRun(row: UsageReportRunRow): Promise<boolean> {
      const res = await db
        .insertInto('usage_report_runs')
        .values(row)
        .onConflict((oc) => oc.column('month').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
  };
}
export type UsageRepo = ReturnType<typeof createUsageRepo>;
