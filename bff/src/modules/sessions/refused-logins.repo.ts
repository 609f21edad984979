import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { RefusedLoginReason } from '@oig/shared';
import type { Database, RefusedLoginsTable } from '../../db/schema.js';
import { containsPattern, lowerLike } from '../../lib/sql-like.js';
import { deleteInBatches } from '../../lib/retention.js';
import { nextTurn } from '../../lib/slices.js';

export type RefusedLoginRow = Selectable<RefusedLoginsTable>;

export interface RefusedLoginFilter {
  application?: string | undefined;
  reason?: RefusedLoginReason | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/**
 * The application name of a folded row (more than REFUSED_PER_ADDRESS_MAX distinct refusals from
 * one address between two writes, counted together): it starts with a control character, which no
 * recorded name can hold (the recorder replaces them), so no client can send a name that reads as it.
 */
export const REFUSED_FOLDED_NAME = '\u0001various';

/** Rows per INSERT (11 values each: well within both databases' limits), with a turn between. */
export const REFUSED_INSERT_CHUNK = 250;
/** Rows per DELETE of the pruning, with a turn of the event loop between statements. */
export const REFUSED_PRUNE_BATCH = 1_000;

/** The refused logins' table (migration 0014): batched inserts, filtered pages, the Overview's counts, pruning. */
export function createRefusedLoginsRepo(db: Kysely<Database>) {
  const match = (f: RefusedLoginFilter) => {
    let q: SelectQueryBuilder<Database, 'refused_logins', object> = db.selectFrom('refused_logins');
    if (f.application) q = q.where(lowerLike('application_name', containsPattern(f.application)));
    if (f.reason) q = q.where('reason', '=', f.reason);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<=', f.to);
    return q;
  };

  return {
    /**
     * Inserts rows in one statement (callers give at most REFUSED_INSERT_CHUNK). A row already
     * there (a write that committed but whose answer was lost, tried again) takes the count and
     * last time given, which include the attempts it had.
     */
    async insert(rows: readonly RefusedLoginRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('refused_logins')
        .values(rows)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            attempts: eb.ref('excluded.attempts'),
            last_at: eb.ref('excluded.last_at'),
          })),
        )
        .execute();
    },

    /** Rows matching the filter, newest first, after `after` (keyset: each page costs the same). */
    listAfter(
      f: RefusedLoginFilter,
      after: Pick<RefusedLoginRow, 'at' | 'id'> | undefined,
      limit: number,
    ): Promise<RefusedLoginRow[]> {
      let q = match(f);
      if (after) {
        const { at, id } = after;
        q = q.where((w) => w.or([w('at', '<', at), w.and([w('at', '=', at), w('id', '<', id)])]));
      }
      return q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },

    /**
     * A page of the rows matching the filter, newest first, and how many match: two statements
     * with a turn between; no second one when the page would be empty.
     */
    async page(
      f: RefusedLoginFilter,
      offset: number,
      limit: number,
    ): Promise<{ rows: RefusedLoginRow[]; total: number }> {
      const count = await match(f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const total = Number(count.n);
      if (offset >= total) return { rows: [], total };
      await nextTurn();
      const rows = await match(f)
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .offset(offset)
        .limit(limit)
        .execute();
      return { rows, total };
    },

    /** Attempts refused since `since` (epoch ms), by reason. */
    async attemptsByReason(since: number): Promise<Array<{ reason: string; attempts: number }>> {
      const rows = await db
        .selectFrom('refused_logins')
        .select(['reason', (eb) => eb.fn.sum<number>('attempts').as('attempts')])
        .where('at', '>=', since)
        .groupBy('reason')
        .execute();
      return rows.map((r) => ({ reason: r.reason, attempts: Number(r.attempts) }));
    },

    /**
     * Deletes the rows older than `before`, then the oldest beyond `maxRows`, REFUSED_PRUNE_BATCH
     * per statement (found through the time index) with a turn between. Returns how many went.
     */
    async prune(before: number, maxRows: number): Promise<number> {
      const oldest = (q: SelectQueryBuilder<Database, 'refused_logins', object>) =>
        q.select('id').orderBy('at').orderBy('id').limit(REFUSED_PRUNE_BATCH);
      const byTime = await deleteInBatches(REFUSED_PRUNE_BATCH, async () => {
        const res = await db
          .deleteFrom('refused_logins')
          .where('id', 'in', (eb) => oldest(eb.selectFrom('refused_logins').where('at', '<', before)))
          .executeTakeFirst();
        return Number(res.numDeletedRows);
      });
      // The newest row past the cap: it and everything older go.
      const edge = await db
        .selectFrom('refused_logins')
        .select(['at', 'id'])
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .offset(maxRows)
        .limit(1)
        .executeTakeFirst();
      if (!edge) return byTime;
      const { at, id } = edge;
      const byRows = await deleteInBatches(REFUSED_PRUNE_BATCH, async () => {
        const res = await db
          .deleteFrom('refused_logins')
          .where('id', 'in', (eb) =>
            oldest(
              eb
                .selectFrom('refused_logins')
                .where((w) => w.or([w('at', '<', at), w.and([w('at', '=', at), w('id', '<=', id)])])),
            ),
          )
          .executeTakeFirst();
        return Number(res.numDeletedRows);
      });
      return byTime + byRows;
    },
  };
}
export type RefusedLoginsRepo = ReturnType<typeof createRefusedLoginsRepo>;
