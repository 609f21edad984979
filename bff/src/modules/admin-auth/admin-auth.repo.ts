import type { Role } from '@oig/shared';
import type { Db } from '../../db/db.js';

export interface ConsoleUserRow {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  disabled: boolean;
}

export function createAdminAuthRepo(db: Db) {
  return {
    async countUsers(): Promise<number> {
      const row = await db.selectFrom('console_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findUserByName(username: string): Promise<ConsoleUserRow | undefined> {
      const r = await db.selectFrom('console_users').selectAll().where('username', '=', username).executeTakeFirst();
      return r && { id: r.id, username: r.username, passwordHash: r.password_hash, role: r.role, disabled: r.disabled === 1 };
    },

    async listUsers() {
      const rows = await db.selectFrom('console_users').select(['username', 'role', 'disabled', 'created_at']).orderBy('username').execute();
      return rows.map((r) => ({ username: r.username, role: r.role, disabled: r.disabled === 1, createdAt: Number(r.created_at) }));
    },

    /**
     * Inserts unless the user name is taken (case-insensitively, by a unique index, so two
     * processes cannot both insert it); returns whether this call inserted it.
     */
    async insertUserIfFree(u: { id: string; username: string; passwordHash: string; role: Role; now: number }): Promise<boolean> {
      const res = await db
        .insertInto('console_users')
        .values({ id: u.id, username: u.username, password_hash: u.passwordHash, role: u.role, disabled: 0, created_at: u.now, updated_at: u.now })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async insertSession(s: { tokenHash: string; userId: string; csrfToken: string; now: number; expiresAt: number }): Promise<void> {
      await db
        .insertInto('console_sessions')
        .values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.now, expires_at: s.expiresAt })
        .execute();
    },

    async findSession(tokenHash: string, now: number) {
      return db
        .selectFrom('console_sessions as s')
        .innerJoin('console_users as u', 'u.id', 's.user_id')
        .select(['s.csrf_token as csrfToken', 'u.id as userId', 'u.username as username', 'u.role as role'])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now)
        .where('u.disabled', '=', 0)
        .executeTakeFirst();
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('console_sessions').where('token_hash', '=', tokenHash).execute();
    },

    async deleteExpiredSessions(now: number): Promise<void> {
      await db.deleteFrom('console_sessions').where('expires_at', '<=', now).execute();
    },
  };
}
export type AdminAuthRepo = ReturnType<typeof createAdminAuthRepo>;
