import { containsPattern, lowerLike } from '../../../lib/sql-like.js';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, DbKind } from '../../../db/db.js';
import type { GoogleContactsTable } from '../../../db/schema.js';
import { sliceClock } from '../../../lib/slices.js';

export interface ContactRow {
  id: string;
  primaryEmail: string;
  fullName: string;
  givenName: string;
  familyName: string;
  phones: Array<{ value: string; type: string }>;
}

export interface ContactFilter {
  q?: string;
  limit: number;
  offset: number;
}

/** Rows per INSERT: 7 parameters each, well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

const parsePhones = (json: string): ContactRow['phones'] => {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.flatMap((p: unknown) => {
      if (!p || typeof p !== 'object') return [];
      const r = p as Record<string, unknown>;
      return [
        { value: typeof r.value === 'string' ? r.value : '', type: typeof r.type === 'string' ? r.type : '' },
      ];
    });
  } catch {
    return [];
  }
};

/** The local cache of the Google corporate directory (`google_contacts`). */
export function createDirectoryRepo(db: Db, kind: DbKind) {
  const filtered = (q: string | undefined) => {
    let query = db.selectFrom('google_contacts');
    if (q) {
      // LIKE with its wildcards (and the escape character) escaped; case-insensitive through
      // lower() on both sides (SQLite folds ASCII only: other scripts match exactly). Phones are
      // matched on their values only, not on the JSON around them.
      const pattern = containsPattern(q);
      const like = (col: 'primary_email' | 'full_name' | 'given_name' | 'family_name') =>
        lowerLike(col, pattern);
      // Some phone of the row (`from`: its JSON array as rows p) whose value matches.
      const phoneLike = (from: RawBuilder<unknown>, value: RawBuilder<unknown>) =>
        sql<SqlBool>`exists (select 1 from ${from} where lower(${value}) like ${pattern} escape '\\')`;
      const phones = sql.ref('phones');
      const phone =
        kind === 'postgres'
          ? phoneLike(sql`json_array_elements(${phones}::json) as p(e)`, sql`p.e->>'value'`)
          : phoneLike(sql`json_each(${phones}) as p`, sql`json_extract(p.value, '$.value')`);
      query = query.where((eb) =>
        eb.or([like('primary_email'), like('full_name'), like('given_name'), like('family_name'), phone]),
      );
    }
    return query;
  };

  return {
    async count(): Promise<number> {
      const r = await db
        .selectFrom('google_contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async list(f: ContactFilter): Promise<{ rows: ContactRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(f.q)
          .selectAll()
          .orderBy('primary_email')
          .orderBy('id')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
        filtered(f.q)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        rows: rows.map((r) => ({
          id: r.id,
          primaryEmail: r.primary_email,
          fullName: r.full_name,
          givenName: r.given_name,
          familyName: r.family_name,
          phones: parsePhones(r.phones),
        })),
        total: Number(count.n),
      };
    },

    /**
     * Replaces the whole cache in one transaction: readers see the old cache or the new one,
     * never a mix, and a failure leaves the old one. On PostgreSQL the table is locked against
     * other writers first (readers go on), so two processes syncing at once apply one after the
     * other instead of colliding on the ids.
     */
    async replaceAll(contacts: ContactRow[], syncedAt: number): Promise<number> {
      return db.transaction().execute(async (trx) => {
        if (kind === 'postgres')
          await sql`lock table ${sql.table('google_contacts')} in exclusive mode`.execute(trx);
        await trx.deleteFrom('google_contacts').execute();
        const slice = sliceClock();
        for (let i = 0; i < contacts.length; i += CHUNK) {
          // SQLite runs each INSERT synchronously: the event loop gets turns between chunks (the
          // process's other queries wait for the commit, as the connection is this transaction's).
          await slice.pause();
          const values: GoogleContactsTable[] = contacts.slice(i, i + CHUNK).map((c) => ({
            id: c.id,
            primary_email: c.primaryEmail,
            full_name: c.fullName,
            given_name: c.givenName,
            family_name: c.familyName,
            phones: JSON.stringify(c.phones),
            synced_at: syncedAt,
          }));
          await trx.insertInto('google_contacts').values(values).execute();
        }
        return contacts.length;
      });
    },
  };
}
export type DirectoryRepo = ReturnType<typeof createDirectoryRepo>;
