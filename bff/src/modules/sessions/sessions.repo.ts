import { containsPattern, lowerLike } from '../../lib/sql-like.js';
import { appKey } from '../../lib/app-key.js';
import { sql, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import {
  LICENSE_TYPES,
  SERVICE_TYPES,
  SESSION_PROTOCOLS,
  type EndReason,
  type LiveSessionFilter,
  type LiveSessionSort,
  type SortOrder,
} from '@oig/shared';
import type { Db, DbKind } from '../../db/db.js';
import type { AppSessionsTable, Database, SessionHistoryTable } from '../../db/schema.js';
import { nextTurn, sliceClock } from '../../lib/slices.js';
import { deleteInBatches } from '../../lib/retention.js';
import { SCAN_SIZE, windows, type ScanSize, type Window } from '../../lib/windows.js';
import { EXPIRES_AT_SQL } from './activity.js';
import { NoLicenseError, type LicenseCounter, type LicenseCounters } from '../licensing/index.js';
import { createBatchQueue } from '../../lib/batch-queue.js';

export type AppSessionRow = Selectable<AppSessionsTable>;
export type SessionHistoryRow = Selectable<SessionHistoryTable>;

interface NewSession {
  row: AppSessionRow;
  counters: readonly LicenseCounter[];
  capacity: (c: LicenseCounter) => number;
}

export interface EndCondition {
  /** End only if no process has recorded activity after this time. */
  idleSince?: number;
  /** End only if an advanced-login challenge is still pending and expired by this time. */
  challengeExpiredBy?: number;
}

export interface HistoryFilter {
  application?: string;
  from?: number;
  to?: number;
  limit: number;
}

/** Channel on which PostgreSQL deployments announce ended sessions to every process. */
export const SESSION_ENDED_CHANNEL = 'oig_session_ended';
/** Logins stored in one transaction at most (16 values each: well within both databases' limits). */
export const MAX_LOGINS_PER_TRANSACTION = 500;
/** Sessions per activity write on SQLite: each synchronous statement stays well under a millisecond. */
const ACTIVITY_CHUNK = 250;

export interface LivePageQuery {
  filter: LiveSessionFilter;
  sort: LiveSessionSort;
  order: SortOrder;
  offset: number;
  limit: number;
}

const TYPE_CODES: ReadonlySet<string> = new Set(SERVICE_TYPES);
const PROTOCOL_CODES: ReadonlySet<string> = new Set(SESSION_PROTOCOLS);
const LICENSE_CODES: ReadonlySet<string> = new Set(LICENSE_TYPES);

/** Text compared byte by byte on both databases (PostgreSQL's default collation may ignore punctuation). */
const text = (column: string) => (kind: DbKind) =>
  kind === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql.ref(column);
const lowerText = (column: string) => (kind: DbKind) =>
  kind === 'postgres' ? sql`lower(${sql.ref(column)}) collate "C"` : sql`lower(${sql.ref(column)})`;

/**
 * The sort key of each column. Type, protocol and licenses sort by their codes (the labels are the
 * console's, in its language): standard/advanced, rest/soap and the license codes in the order the
 * session holds them.
 */
const SORT_SQL: Record<LiveSessionSort, (kind: DbKind) => RawBuilder<unknown>> = {
  applicationName: lowerText('application_name'),
  companyName: lowerText('company_name'),
  createdAt: () => sql.ref('created_at'),
  type: text('service_type'),
  protocol: text('protocol'),
  clientAddress: text('client_address'),
  lastActivity: () => sql.ref('last_activity_at'),
  licenses: text('licenses'),
  sessionId: text('token_last4'),
};

export function createSessionsRepo(
  db: Db,
  kind: DbKind,
  licensing: LicenseCounters,
  endedChannel = SESSION_ENDED_CHANNEL,
  scan: ScanSize = SCAN_SIZE,
) {
  /**
   * New sessions, stored in batches: each batch is one transaction that takes the licenses of
   * its logins in arrival order (all of a login's or none) and inserts the sessions that got
   * theirs. Every login takes the same few counter rows, which stay locked until the commit:
   * one login per transaction would make a reconnect storm wait for one commit (a WAL flush on
   * PostgreSQL) per login, one after the other, across all processes.
   */
  const contains = (haystack: RawBuilder<unknown>, needle: string) =>
    kind === 'postgres' ? sql`strpos(${haystack}, ${needle}) > 0` : sql`instr(${haystack}, ${needle}) > 0`;
  /**
   * Every term must match: its text within the session's search text, or the session's type,
   * protocol or one of its licenses among the term's codes (licenses: the quoted code within the
   * JSON array of the licenses held).
   */
  const filterSql = (filter: LiveSessionFilter): RawBuilder<unknown> => {
    if (filter.terms.length === 0) return sql`1 = 1`;
    const terms = filter.terms.map((t) => {
      const either: RawBuilder<unknown>[] = [
        sql`(search_text <> '' and ${contains(sql.ref('search_text'), t.text)})`,
        // A session written without its search text — open before migration 0012, or logged in by
        // a process still on the previous version during a rolling upgrade — is matched on its
        // columns (SQL lower(): ASCII only on SQLite); such sessions go as applications reconnect.
        sql`(search_text = '' and (${sql.join(
          [
            contains(sql`lower(application_name)`, t.text),
            contains(sql`lower(company_name)`, t.text),
            contains(sql`lower(client_address)`, t.text),
            contains(sql`'…' || token_last4`, t.text),
          ],
          sql` or `,
        )}))`,
      ];
      const types = t.codes.filter((c) => TYPE_CODES.has(c));
      const protocols = t.codes.filter((c) => PROTOCOL_CODES.has(c));
      if (types.length > 0) either.push(sql`service_type in (${sql.join(types)})`);
      if (protocols.length > 0) either.push(sql`protocol in (${sql.join(protocols)})`);
      for (const c of t.codes) if (LICENSE_CODES.has(c)) either.push(contains(sql.ref('licenses'), `"${c}"`));
      return sql`(${sql.join(either, sql` or `)})`;
    });
    return sql.join(terms, sql` and `);
  };
  const countAll = async (where: RawBuilder<unknown>): Promise<number> => {
    const { rows } = await sql<{
      n: number | string;
    }>`select count(*) as n from app_sessions where ${where}`.execute(db);
    return Number(rows[0]?.n ?? 0);
  };
  /** SQLite runs each statement on this thread: others go between two of them. */
  const breath = () => (kind === 'sqlite' ? nextTurn() : Promise.resolve());

  const store = createBatchQueue<NewSession, LicenseCounter | null>(MAX_LOGINS_PER_TRANSACTION, (batch) =>
    db.transaction().execute(async (trx) => {
      const full = await licensing.allocateEach(trx, batch);
      const granted = batch.filter((_, i) => full[i] === null).map((b) => b.row);
      if (granted.length > 0) await trx.insertInto('app_sessions').values(granted).execute();
      return full;
    }),
  );
  return {
    /**
     * Allocates the session's licenses and stores it, atomically. Throws NoLicenseError.
     * Logins arriving together share one transaction (see `store`).
     */
    async create(
      row: AppSessionRow,
      counters: LicenseCounter[],
      capacity: (c: LicenseCounter) => number,
    ): Promise<void> {
      const full = await store({ row, counters, capacity });
      if (full) throw new NoLicenseError(full);
    },

    /**
     * Ends a session exactly once: deletes it, releases its licenses and writes its history
     * row in one transaction. `only` makes it conditional (see EndCondition). Returns the
     * ended row, or undefined if it was already gone or the condition no longer holds.
     */
    async end(
      handle: string,
      reason: EndReason,
      endedAt: number,
      only: EndCondition = {},
    ): Promise<AppSessionRow | undefined> {
      return db.transaction().execute(async (trx) => {
        let q = trx.deleteFrom('app_sessions').where('handle', '=', handle);
        if (only.idleSince !== undefined) q = q.where('last_activity_at', '<=', only.idleSince);
        if (only.challengeExpiredBy !== undefined)
          q = q
            .where('challenge', 'is not', null)
            .where('challenge_expires_at', '<=', only.challengeExpiredBy);
        const row = await q.returningAll().executeTakeFirst();
        if (!row) return undefined;
        await licensing.release(trx, JSON.parse(row.licenses) as LicenseCounter[]);
        // Delivered at commit: other processes drop the session from their caches at once.
        if (kind === 'postgres') await sql`select pg_notify(${endedChannel}, ${handle})`.execute(trx);
        await trx
          .insertInto('session_history')
          .values({
            handle: row.handle,
            token_last4: row.token_last4,
            company_name: row.company_name,
            application_name: row.application_name,
            service_type: row.service_type,
            protocol: row.protocol,
            client_address: row.client_address,
            created_at: row.created_at,
            last_activity_at: row.last_activity_at,
            licenses: row.licenses,
            ended_at: endedAt,
            end_reason: reason,
          })
          .execute();
        return row;
      });
    },

    findByTokenHash(tokenHash: string): Promise<AppSessionRow | undefined> {
      return db.selectFrom('app_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },

    findByHandle(handle: string): Promise<AppSessionRow | undefined> {
      return db.selectFrom('app_sessions').selectAll().where('handle', '=', handle).executeTakeFirst();
    },

    /** What the console shows of these live sessions (for the audit of a termination), in chunks. */
    async describeLive(
      handles: string[],
    ): Promise<Array<Pick<AppSessionRow, 'handle' | 'company_name' | 'application_name' | 'token_last4'>>> {
      const out: Array<Pick<AppSessionRow, 'handle' | 'company_name' | 'application_name' | 'token_last4'>> =
        [];
      for (let i = 0; i < handles.length; i += 1000) {
        if (i > 0) await nextTurn();
        const chunk = handles.slice(i, i + 1000);
        out.push(
          ...(await db
            .selectFrom('app_sessions')
            .select(['handle', 'company_name', 'application_name', 'token_last4'])
            .where('handle', 'in', chunk)
            .execute()),
        );
      }
      return out;
    },

    /**
     * One page of the live sessions matching `filter`, in `sort` order with the handle as
     * tie-break (so pages of one state of the table never repeat or skip a row), and how many
     * match and are live in all. The page's handles are chosen in a subquery, so the sort carries
     * only the key and the handle; the statements are bounded by the table (25,000 rows at most in
     * practice), with a turn of the event loop between them on SQLite.
     */
    async livePage(p: LivePageQuery): Promise<{ rows: AppSessionRow[]; total: number; live: number }> {
      const where = filterSql(p.filter);
      const key = SORT_SQL[p.sort](kind);
      const dir = p.order === 'asc' ? sql`asc` : sql`desc`;
      const handle = kind === 'postgres' ? sql`handle collate "C"` : sql`handle`;
      const order = sql`${key} ${dir}, ${handle} ${dir}`;
      const { rows } = await sql<AppSessionRow>`
        select * from app_sessions where handle in (
          select handle from app_sessions where ${where} order by ${order} limit ${p.limit} offset ${p.offset}
        ) order by ${order}`.execute(db);
      await breath();
      const live = await countAll(sql`1 = 1`);
      let total = live;
      if (p.filter.terms.length > 0) {
        await breath();
        total = await countAll(where);
      }
      return { rows, total, live };
    },

    /**
     * Handles of the live sessions matching `filter` (at most `max`), read in keyset pages of the
     * handle with a turn of the event loop between them.
     */
    async matchingHandles(filter: LiveSessionFilter, max: number): Promise<string[]> {
      const where = filterSql(filter);
      const out: string[] = [];
      let after = '';
      const handle = kind === 'postgres' ? sql`handle collate "C"` : sql`handle`;
      while (out.length < max) {
        const want = Math.min(1000, max - out.length);
        const { rows } = await sql<{ handle: string }>`
          select handle from app_sessions where ${where} and ${handle} > ${after}
          order by ${handle} limit ${want}`.execute(db);
        out.push(...rows.map((r) => r.handle));
        if (rows.length < want) break;
        after = rows[rows.length - 1]!.handle;
        await nextTurn();
      }
      return out;
    },

    async countLive(): Promise<number> {
      const r = await db
        .selectFrom('app_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async activeByApp(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('app_sessions')
        .select(['company_name', 'application_name', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['company_name', 'application_name'])
        .execute();
      return new Map(rows.map((r) => [appKey(r.company_name, r.application_name), Number(r.n)]));
    },

    /**
     * The newest `limit` ended sessions matching the filter (newest first; equal end times by
     * handle), and how many match in all. Read in windows of the end-time index, newest first,
     * each window counted and read in pages by its own bounded statements (a rarely matching
     * application filter would otherwise scan the whole table in one statement), with a turn of
     * the event loop between them.
     */
    async history(f: HistoryFilter): Promise<{ rows: SessionHistoryRow[]; total: number }> {
      const match = (q: SelectQueryBuilder<Database, 'session_history', object>, w: Window) => {
        let m = q.where('ended_at', '>=', w.lo).where('ended_at', '<=', w.hi);
        if (f.application) m = m.where(lowerLike('application_name', containsPattern(f.application)));
        return m;
      };
      const base = db.selectFrom('session_history');
      const rows: SessionHistoryRow[] = [];
      let total = 0;
      const slice = sliceClock();
      for await (const w of windows(db, {
        table: 'session_history',
        column: 'ended_at',
        order: 'desc',
        lo: f.from,
        hi: f.to,
        size: scan.windowRows,
      })) {
        // A turn between windows whatever the clock says: the scan is long, others go first.
        await slice.yieldNow();
        const count = await match(base, w)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        total += Number(count.n);
        let after: SessionHistoryRow | undefined;
        while (rows.length < f.limit) {
          await slice.pause();
          const want = Math.min(scan.pageRows, f.limit - rows.length);
          let q = match(base, w);
          if (after) {
            const { ended_at: e, handle: h } = after;
            q = q.where((eb) =>
              eb.or([eb('ended_at', '<', e), eb.and([eb('ended_at', '=', e), eb('handle', '<', h)])]),
            );
          }
          const page = await q
            .selectAll()
            .orderBy('ended_at', 'desc')
            .orderBy('handle', 'desc')
            .limit(want)
            .execute();
          rows.push(...page);
          if (page.length < want) break;
          after = page[page.length - 1];
        }
      }
      return { rows, total };
    },

    /**
     * Deletes the history rows that ended before `before`, oldest first, `scan.pageRows` per
     * statement (found through the end-time index) with a turn of the event loop between
     * statements. Returns how many were deleted.
     */
    pruneHistory(before: number): Promise<number> {
      return deleteInBatches(scan.pageRows, async () => {
        const res = await db
          .deleteFrom('session_history')
          .where('handle', 'in', (eb) =>
            eb
              .selectFrom('session_history')
              .select('handle')
              .where('ended_at', '<', before)
              .orderBy('ended_at')
              .limit(scan.pageRows),
          )
          .executeTakeFirst();
        return Number(res.numDeletedRows);
      });
    },

    /**
     * Records keep-alive activity in bulk. Returns the handles that no longer exist (ended by
     * another process), so the caller can forget them.
     */
    async recordActivity(entries: ReadonlyArray<{ handle: string; at: number }>): Promise<Set<string>> {
      const gone = new Set<string>();
      const collectGone = (sent: ReadonlyArray<{ handle: string }>, updated: Array<{ handle: string }>) => {
        const alive = new Set(updated.map((r) => r.handle));
        for (const e of sent) if (!alive.has(e.handle)) gone.add(e.handle);
      };
      if (entries.length === 0) return gone;
      if (kind === 'postgres') {
        // One statement for the whole batch; RETURNING tells which sessions still exist.
        const { rows } = await sql<{ handle: string }>`
          update app_sessions as s set last_activity_at = greatest(s.last_activity_at, v.at)
          from unnest(${entries.map((e) => e.handle)}::text[], ${entries.map((e) => e.at)}::bigint[]) as v(handle, at)
          where s.handle = v.handle returning s.handle`.execute(db);
        collectGone(entries, rows);
        return gone;
      }
      // SQLite: one statement per chunk, the batch passed as a single JSON parameter.
      for (let i = 0; i < entries.length; i += ACTIVITY_CHUNK) {
        // better-sqlite3 is synchronous: let waiting requests in between chunks.
        if (i > 0) await nextTurn();
        const chunk = entries.slice(i, i + ACTIVITY_CHUNK);
        const { rows } = await sql<{ handle: string }>`
          update app_sessions set last_activity_at = max(last_activity_at, json_extract(v.value, '$[1]'))
          from json_each(${JSON.stringify(chunk.map((e) => [e.handle, e.at]))}) as v
          where app_sessions.handle = json_extract(v.value, '$[0]') returning app_sessions.handle`.execute(
          db,
        );
        collectGone(chunk, rows);
      }
      return gone;
    },

    /** Sessions idle past their window (plus write allowance and `slackMs`), oldest first. */
    expiredBefore(
      now: number,
      slackMs: number,
      limit = 500,
    ): Promise<Array<{ handle: string; last_activity_at: number }>> {
      return db
        .selectFrom('app_sessions')
        .select(['handle', 'last_activity_at'])
        .where(sql.raw<number>(EXPIRES_AT_SQL), '<', now - slackMs)
        .orderBy(sql.raw(EXPIRES_AT_SQL))
        .limit(limit)
        .execute();
    },

    /** Sessions whose advanced-login challenge expired without an answer. */
    expiredChallenges(now: number, limit = 500): Promise<Array<{ handle: string }>> {
      return db
        .selectFrom('app_sessions')
        .select('handle')
        .where('challenge', 'is not', null)
        .where('challenge_expires_at', '<=', now)
        .limit(limit)
        .execute();
    },

    /** Takes the pending challenge once (single use, across processes). */
    async takeChallenge(handle: string, challenge: string, now: number): Promise<boolean> {
      const res = await db
        .updateTable('app_sessions')
        .set({ challenge: null, challenge_expires_at: null })
        .where('handle', '=', handle)
        .where('challenge', '=', challenge)
        .where('challenge_expires_at', '>', now)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async markAdvanced(handle: string): Promise<void> {
      await db
        .updateTable('app_sessions')
        .set({ service_type: 'advanced', certificate_pem: null })
        .where('handle', '=', handle)
        .execute();
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
