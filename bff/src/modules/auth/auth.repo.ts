import type { Role } from '@oig/shared';
import type { Db, DbKind } from '../../db/db.js';
import type { ConsoleUsersTable } from '../../db/schema.js';

export interface ConsoleUserRow {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

const toRow = (r: ConsoleUsersTable): ConsoleUserRow => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role,
  disabled: r.disabled === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export type UpdateUserResult =
  | { kind: 'not_found' }
  | { kind: 'last_administrator'; before: ConsoleUserRow }
  | { kind: 'updated'; before: ConsoleUserRow; after: ConsoleUserRow };

export function createAuthRepo(db: Db, kind: DbKind) {
  return {
    async countUsers(): Promise<number> {
      const row = await db
        .selectFrom('console_users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** User names are case-insensitive ("Bob" and "bob" are one user). */
    async findUserByName(username: string): Promise<ConsoleUserRow | undefined> {
      const r = await db
        .selectFrom('console_users')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
        .executeTakeFirst();
      return r && toRow(r);
    },

    async findUserById(id: string): Promise<ConsoleUserRow | undefined> {
      const r = await db.selectFrom('console_users').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },

    async listUsers(): Promise<ConsoleUserRow[]> {
      return (await db.selectFrom('console_users').selectAll().orderBy('username').execute()).map(toRow);
    },

    /**
     * Inserts unless the user name is taken (case-insensitively, by a unique index, so two
     * processes cannot both insert it); returns whether this call inserted it.
     */
    async insertUserIfFree(u: {
      id: string;
      username: string;
      passwordHash: string;
      role: Role;
      now: number;
    }): Promise<boolean> {
      const res = await db
        .insertInto('console_users')
        .values({
          id: u.id,
          username: u.username,
          password_hash: u.passwordHash,
          role: u.role,
          disabled: 0,
          created_at: u.now,
          updated_at: u.now,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    /**
     * Changes a user's role and/or enabled state, keeping at least one enabled administrator.
     *
     * One conditional UPDATE alone is not enough on PostgreSQL: two administrators disabling
     * each other at once would each see the other still enabled in its own snapshot (they
     * update different rows, so nothing makes one wait) and both succeed. So the transaction
     * first locks every enabled administrator row (FOR UPDATE, in id order): the second one
     * waits for the first, and its conditional UPDATE (a new snapshot under READ COMMITTED)
     * then sees the first one's change. SQLite has a single writer, and Kysely runs its
     * transactions one at a time on its one connection, so the conditional UPDATE suffices.
     * Disabling a user also ends its console sessions, in the same transaction.
     */
    async updateUser(
      username: string,
      patch: { role?: Role; disabled?: boolean },
      now: number,
    ): Promise<UpdateUserResult> {
      return db.transaction().execute(async (trx): Promise<UpdateUserResult> => {
        if (kind === 'postgres') {
          await trx
            .selectFrom('console_users')
            .select('id')
            .where('role', '=', 'administrator')
            .where('disabled', '=', 0)
            .orderBy('id')
            .forUpdate()
            .execute();
        }
        const current = await trx
          .selectFrom('console_users')
          .selectAll()
          .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
          .executeTakeFirst();
        if (!current) return { kind: 'not_found' };
        const before = toRow(current);
        const role = patch.role ?? before.role;
        const disabled = patch.disabled ?? before.disabled;
        const staysEnabledAdministrator = role === 'administrator' && !disabled;
        let update = trx
          .updateTable('console_users')
          .set({ role, disabled: disabled ? 1 : 0, updated_at: now })
          .where('id', '=', before.id);
        if (!staysEnabledAdministrator) {
          update = update.where(({ exists, selectFrom }) =>
            exists(
              selectFrom('console_users as other')
                .select('other.id')
                .where('other.id', '<>', before.id)
                .where('other.role', '=', 'administrator')
                .where('other.disabled', '=', 0),
            ),
          );
        }
        const res = await update.executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return { kind: 'last_administrator', before };
        if (disabled) await trx.deleteFrom('console_sessions').where('user_id', '=', before.id).execute();
        return { kind: 'updated', before, after: { ...before, role, disabled, updatedAt: now } };
      });
    },

    /**
     * Sets a new password hash and ends the user's console sessions, except `keepTokenHash`
     * (the caller's own session when changing one's own password). False if no such user.
     */
    async setPassword(
      userId: string,
      passwordHash: string,
      now: number,
      keepTokenHash?: string,
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('console_users')
          .set({ password_hash: passwordHash, updated_at: now })
          .where('id', '=', userId)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return false;
        let del = trx.deleteFrom('console_sessions').where('user_id', '=', userId);
        if (keepTokenHash) del = del.where('token_hash', '<>', keepTokenHash);
        await del.execute();
        return true;
      });
    },

    async insertSession(s: {
      tokenHash: string;
      userId: string;
      csrfToken: string;
      now: number;
      expiresAt: number;
    }): Promise<void> {
      await db
        .insertInto('console_sessions')
        .values({
          token_hash: s.tokenHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          created_at: s.now,
          expires_at: s.expiresAt,
        })
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
export type AuthRepo = ReturnType<typeof createAuthRepo>;
