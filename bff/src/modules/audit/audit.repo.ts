import { containsPattern, lowerLike } from '../../lib/sql-like.js';
import type { Db } from '../../db/db.js';
import type { AuditLogTable } from '../../db/schema.js';

export interface AuditFilter {
  actor?: string;
  action?: string;
  q?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export function createAuditRepo(db: Db) {
  const filtered = (f: AuditFilter) => {
    let query = db.selectFrom('audit_log');
    if (f.actor) query = query.where((eb) => eb(eb.fn('lower', ['actor']), '=', f.actor!.toLowerCase()));
    if (f.action) query = query.where('action', '=', f.action);
    if (f.from !== undefined) query = query.where('at', '>=', f.from);
    if (f.to !== undefined) query = query.where('at', '<=', f.to);
    if (f.q) {
      // LIKE with its wildcards (and the escape character) escaped, so that "50%" or "a_b" mean
      // those characters, on both databases (tested). Case-insensitive through lower() on both
      // sides; SQLite's lower() folds ASCII letters only, so non-ASCII matches there are exact.
      // The same holds for the actor filter.
      const pattern = containsPattern(f.q);
      const like = (col: 'actor' | 'action' | 'target') => lowerLike(col, pattern);
      query = query.where((eb) => eb.or([like('actor'), like('action'), like('target')]));
    }
    return query;
  };

  return {
    async insert(row: AuditLogTable): Promise<void> {
      await db.insertInto('audit_log').values(row).execute();
    },

    async list(f: AuditFilter): Promise<{ rows: AuditLogTable[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(f)
          .selectAll()
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
        filtered(f)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows: rows.map((r) => ({ ...r, at: Number(r.at) })), total: Number(count.n) };
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
