import { containsPattern, lowerLike } from '../../../lib/sql-like.js';
import { sql, type ExpressionBuilder, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Db, DbKind } from '../../../db/db.js';
import type { Database, GoogleContactsTable } from '../../../db/schema.js';
import { nextTurn, sliceClock } from '../../../lib/slices.js';

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
/** Index entries per window of a filtered contacts list (each window's statements take a few ms). */
export const CONTACTS_WINDOW_ROWS = 5_000;

export function createDirectoryRepo(db: Db, kind: DbKind, windowRows = CONTACTS_WINDOW_ROWS) {
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

    /**
     * A page of the cache in e-mail order, and how many match. Unfiltered: two statements along
     * the order index. Filtered (a LIKE on five fields that may match rarely, so each statement
     * would read the whole cache): windows of `windowRows` entries of the order index, each
     * counted and, where the page lies, read by its own statement, a turn of the event loop
     * between windows.
     */
    async list(f: ContactFilter): Promise<{ rows: ContactRow[]; total: number }> {
      const toContact = (r: Selectable<GoogleContactsTable>): ContactRow => ({
        id: r.id,
        primaryEmail: r.primary_email,
        fullName: r.full_name,
        givenName: r.given_name,
        familyName: r.family_name,
        phones: parsePhones(r.phones),
      });
      if (!f.q) {
        const [rows, count] = await Promise.all([
          db
            .selectFrom('google_contacts')
            .selectAll()
            .orderBy('primary_email')
            .orderBy('id')
            .limit(f.limit)
            .offset(f.offset)
            .execute(),
          db
            .selectFrom('google_contacts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow(),
        ]);
        return { rows: rows.map(toContact), total: Number(count.n) };
      }
      const rows: ContactRow[] = [];
      let total = 0;
      let skip = f.offset;
      type Key = { primary_email: string; id: string };
      const after = (k: Key | undefined) => (eb: ExpressionBuilder<Database, 'google_contacts'>) =>
        k ? eb(eb.refTuple('primary_email', 'id'), '>', eb.tuple(k.primary_email, k.id)) : eb.lit(true);
      for (let lo: Key | undefined; ;) {
        await nextTurn();
        const hi = await db
          .selectFrom('google_contacts')
          .select(['primary_email', 'id'])
          .where(after(lo))
          .orderBy('primary_email')
          .orderBy('id')
          .limit(1)
          .offset(windowRows - 1)
          .executeTakeFirst();
        const inWindow = () => {
          let q = filtered(f.q).where(after(lo));
          if (hi)
            q = q.where((eb) =>
              eb(eb.refTuple('primary_email', 'id'), '<=', eb.tuple(hi.primary_email, hi.id)),
            );
          return q;
        };
        const n = Number(
          (
            await inWindow()
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
        total += n;
        if (rows.length < f.limit && skip < n) {
          const page = await inWindow()
            .selectAll()
            .orderBy('primary_email')
            .orderBy('id')
            .limit(f.limit - rows.length)
            .offset(skip)
            .execute();
          rows.push(...page.map(toContact));
          skip = 0;
        } else if (rows.length < f.limit) skip -= n;
        if (!hi) return { rows, total };
        lo = hi;
      }
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
