import { sql, type Transaction } from 'kysely';
import type { Db, DbKind } from '../../db/db.js';
import type { Database } from '../../db/schema.js';
import { LICENSE_COUNTERS, type LicenseCounter } from './licensing.js';

type Tx = Transaction<Database> | Db;

export class NoLicenseError extends Error {
  constructor(readonly counter: LicenseCounter) {
    super(`No License (${counter})`);
  }
}

export function createLicensingRepo(db: Db, kind: DbKind) {
  return {
    /** Makes sure every counter has its row (idempotent; safe with several processes). */
    async ensureCounters(): Promise<void> {
      await db
        .insertInto('license_usage')
        .values(LICENSE_COUNTERS.map((c) => ({ license_type: c, used: 0 })))
        .onConflict((oc) => oc.column('license_type').doNothing())
        .execute();
    },

    /**
     * Takes the licenses of several logins inside the caller's transaction, first come first
     * served: each gets all of its counters or none. Returns, for each, null when taken, else
     * the first of its counters that was full. The counter rows are read and locked first, in one
     * fixed order (PostgreSQL: SELECT … FOR UPDATE; SQLite has a single writer), so the batches
     * of other processes wait for this one and no counter ever passes its capacity.
     */
    async allocateEach(
      trx: Tx,
      wants: ReadonlyArray<{ counters: readonly LicenseCounter[]; capacity: (c: LicenseCounter) => number }>,
    ): Promise<Array<LicenseCounter | null>> {
      const needed = [...new Set(wants.flatMap((w) => w.counters))].sort();
      if (needed.length === 0) return wants.map(() => null);
      const rows = await trx
        .selectFrom('license_usage')
        .select(['license_type', 'used'])
        .where('license_type', 'in', needed)
        .orderBy('license_type')
        .$if(kind === 'postgres', (q) => q.forUpdate())
        .execute();
      const used = new Map(rows.map((r) => [r.license_type, Number(r.used)]));
      const taken = new Map<string, number>();
      const held = (c: LicenseCounter) => used.get(c)! + (taken.get(c) ?? 0);
      const outcome = wants.map((w) => {
        const full = w.counters.find((c) => !used.has(c) || held(c) >= w.capacity(c));
        if (full) return full;
        for (const c of w.counters) taken.set(c, (taken.get(c) ?? 0) + 1);
        return null;
      });
      for (const [c, n] of taken) {
        // The row is locked: it still holds what was read (checked, never assumed).
        const res = await trx
          .updateTable('license_usage')
          .set({ used: sql`used + ${n}` })
          .where('license_type', '=', c)
          .where('used', '=', used.get(c)!)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new Error(`license counter ${c} changed under its lock`);
      }
      return outcome;
    },

    async release(trx: Tx, counters: LicenseCounter[]): Promise<void> {
      for (const c of counters) {
        await trx
          .updateTable('license_usage')
          .set({ used: sql`used - 1` })
          .where('license_type', '=', c)
          .where('used', '>', 0)
          .execute();
      }
    },

    async usage(): Promise<Record<LicenseCounter, number>> {
      const rows = await db.selectFrom('license_usage').selectAll().execute();
      const out = Object.fromEntries(LICENSE_COUNTERS.map((c) => [c, 0])) as Record<LicenseCounter, number>;
      for (const r of rows) if (r.license_type in out) out[r.license_type as LicenseCounter] = Number(r.used);
      return out;
    },
  };
}
export type LicensingRepo = ReturnType<typeof createLicensingRepo>;
