import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/db.js';
import type { Database } from '../../db/schema.js';
import { LICENSE_COUNTERS, type LicenseCounter } from './licensing.js';

type Tx = Transaction<Database> | Db;

export class NoLicenseError extends Error {
  constructor(readonly counter: LicenseCounter) {
    super(`No License (${counter})`);
  }
}

export function createLicensingRepo(db: Db) {
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
     * Takes one of each counter inside the caller's transaction, or throws NoLicenseError.
     * The conditional UPDATE is atomic per row (row lock on PostgreSQL, single writer on
     * SQLite), so concurrent logins can never push a counter past its capacity.
     */
    async allocate(
      trx: Tx,
      counters: LicenseCounter[],
      capacity: (c: LicenseCounter) => number,
    ): Promise<void> {
      for (const c of counters) {
        const res = await trx
          .updateTable('license_usage')
          .set({ used: sql`used + 1` })
          .where('license_type', '=', c)
          .where('used', '<', capacity(c))
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new NoLicenseError(c);
      }
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
