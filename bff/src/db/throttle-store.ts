import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { ThrottleStore } from '../lib/throttle.js';
import { nextTurn } from '../lib/slices.js';
import type { Db } from './db.js';

/** Expired counters are deleted this many at a time, the event loop given back between batches. */
export const PRUNE_BATCH = 1_000;
/** How often each process prunes expired counters. */
export const PRUNE_INTERVAL_MS = 5 * 60_000;

/**
 * The throttles' failure counters in the `throttle_counters` table (migration 0007), shared by
 * every process on the database. One statement per change: an INSERT … ON CONFLICT DO UPDATE
 * … RETURNING, atomic on both databases (SQLite has one writer; PostgreSQL locks the row).
 */
export function createThrottleStore(db: Db) {
  const store = {
    async add(scope, key, subject, cap, windowMs, now) {
      const expiresAt = now + windowMs;
      const row = await db
        .insertInto('throttle_counters')
        .values({ scope, key, subject, points: 1, expires_at: expiresAt })
        .onConflict((oc) =>
          oc.columns(['scope', 'key']).doUpdateSet({
            points: sql<number>`case
              when throttle_counters.expires_at <= cast(${now} as bigint) then 1
              when throttle_counters.points >= cast(${cap} as integer) then cast(${cap} as integer)
              else throttle_counters.points + 1 end`,
            expires_at: sql<number>`case
              when throttle_counters.expires_at <= cast(${now} as bigint) then cast(${expiresAt} as bigint)
              else throttle_counters.expires_at end`,
          }),
        )
        .returning(['points', 'expires_at'])
        .executeTakeFirstOrThrow();
      return { points: Number(row.points), expiresAt: Number(row.expires_at) };
    },

    async get(scope, key, now) {
      const row = await db
        .selectFrom('throttle_counters')
        .select(['points', 'expires_at'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row && { points: Number(row.points), expiresAt: Number(row.expires_at) };
    },

    async takeBack(scope, key, now) {
      await db
        .updateTable('throttle_counters')
        .set((eb) => ({ points: eb('points', '-', 1) }))
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('expires_at', '>', now)
        .where('points', '>', 0)
        .execute();
    },

    async remove(scope, key) {
      await db.deleteFrom('throttle_counters').where('scope', '=', scope).where('key', '=', key).execute();
    },
  } satisfies ThrottleStore;

  return {
    ...store,

    /** Each subject with a live counter of at least `points`, and the latest end of those windows. */
    async blockedSubjects(scope: string, points: number, now: number): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('throttle_counters')
        .select((eb) => ['subject', eb.fn.max('expires_at').as('until')])
        .where('scope', '=', scope)
        .where('subject', 'is not', null)
        .where('points', '>=', points)
        .where('expires_at', '>', now)
        .groupBy('subject')
        .execute();
      return new Map(rows.map((r) => [r.subject!, Number(r.until)]));
    },

    /** Deletes every counter of a subject; the number deleted. */
    async removeSubject(scope: string, subject: string): Promise<number> {
      const res = await db
        .deleteFrom('throttle_counters')
        .where('scope', '=', scope)
        .where('subject', '=', subject)
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },

    /** Deletes up to `batch` expired counters; the number deleted. */
    async pruneBatch(now: number, batch = PRUNE_BATCH): Promise<number> {
      const res = await db
        .deleteFrom('throttle_counters')
        .where(
          sql<boolean>`(scope, key) in (select scope, key from throttle_counters
            where expires_at <= ${now} limit ${batch})`,
        )
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },

    /** Deletes every expired counter, a batch at a time; the number deleted. */
    async prune(now: number): Promise<number> {
      let total = 0;
      for (;;) {
        const n = await this.pruneBatch(now);
        total += n;
        if (n < PRUNE_BATCH) return total;
        await nextTurn();
      }
    },
  };
}
export type ThrottleCounters = ReturnType<typeof createThrottleStore>;

/** The background job that keeps the counters bounded: expired ones pruned every few minutes. */
export function createThrottlePruner(
  counters: ThrottleCounters,
  logger: Logger,
  now: () => number,
  intervalMs = PRUNE_INTERVAL_MS,
) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const run = async () => {
    try {
      const n = await counters.prune(now());
      if (n > 0) logger.debug({ pruned: n }, 'expired throttle counters pruned');
    } catch (err) {
      logger.warn({ err }, 'could not prune expired throttle counters');
    }
  };
  return {
    start() {
      if (intervalMs <= 0 || timer) return;
      timer = setInterval(() => {
        running ??= run().finally(() => (running = undefined));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
