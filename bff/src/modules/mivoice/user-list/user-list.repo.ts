import type { Db, DbKind } from '../../../db/db.js';

/** TODO(issue 5): the only database code of this part. */
export function createUserListRepo(db: Db, kind: DbKind) {
  return { db, kind };
}
