import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ConsoleUser, CreateUserRequest, UpdateUserRequest } from '@oig/shared';
import { AppError, fieldProblem, type FieldProblem } from '../../http/app-error.js';
import { hashPassword } from '../../lib/passwords.js';
import type { Actor, AuditService } from '../audit/index.js';
import {
  actorOfPrincipal,
  type ConsolePrincipal,
  type ConsoleUserRow,
  type ConsoleUserStore,
} from '../auth/index.js';

/** Locks of console users by failed sign-ins (owned by the auth module's throttle). */
export interface ConsoleUserLocks {
  /** Lower-case user name → end of its lock (epoch ms). */
  lockedUsers(): Promise<Map<string, number>>;
  /** Forgets the user name's failed sign-ins; whether it was locked. */
  unlock(username: string): Promise<boolean>;
}

const toConsoleUser = (u: ConsoleUserRow, lockedUntil?: number): ConsoleUser => ({
  username: u.username,
  role: u.role,
  disabled: u.disabled,
  createdAt: new Date(u.createdAt).toISOString(),
  updatedAt: new Date(u.updatedAt).toISOString(),
  lockedUntil: lockedUntil ? new Date(lockedUntil).toISOString() : null,
});

const notFound = (username: string) =>
  new AppError('not_found', 'console_user_not_found', `Console user "${username.slice(0, 64)}" not found`, {
    params: { username: username.slice(0, 64) },
  });

/**
 * The Users tab: console users listed, created, enabled/disabled, their role changed and their
 * password reset by an administrator. The users are stored by the auth module (`store`).
 */
export function createUsersService(
  store: ConsoleUserStore,
  logger: Logger,
  deps: { audit: AuditService; locks: ConsoleUserLocks; now: () => number },
) {
  const { audit, locks, now } = deps;
  /** The user as the console shows it, with its lock. */
  const withLock = async (u: ConsoleUserRow) =>
    toConsoleUser(u, (await locks.lockedUsers()).get(u.username.toLowerCase()));
  return {
    async listUsers(): Promise<ConsoleUser[]> {
      const [users, locked] = await Promise.all([store.listUsers(), locks.lockedUsers()]);
      return users.map((u) => toConsoleUser(u, locked.get(u.username.toLowerCase())));
    },

    async createUser(req: CreateUserRequest, actor: Actor): Promise<ConsoleUser> {
      const t = now();
      const ok = await store.insertUserIfFree({
        id: randomUUID(),
        username: req.username,
        passwordHash: await hashPassword(req.password),
        role: req.role,
        now: t,
      });
      if (!ok)
        throw new AppError('conflict', 'username_taken', `User name "${req.username}" is already taken`, {
          params: { username: req.username },
          fields: { username: fieldProblem('already_taken', 'Already taken') },
        });
      logger.info({ actor: actor.username, username: req.username, role: req.role }, 'console user created');
      const user: ConsoleUser = {
        username: req.username,
        role: req.role,
        disabled: false,
        createdAt: new Date(t).toISOString(),
        updatedAt: new Date(t).toISOString(),
        lockedUntil: null,
      };
      // The password goes through the audit's masking like any other snapshot.
      await audit.record(actor, 'user.create', req.username, null, {
        username: user.username,
        role: user.role,
        disabled: false,
        password: req.password,
      });
      return user;
    },

    /**
     * Enables/disables a user or changes its role. Nobody disables themselves or changes their
     * own role, and at least one enabled administrator always remains (409). Disabling ends the
     * user's console sessions at once.
     */
    async updateUser(
      username: string,
      patch: UpdateUserRequest,
      principal: ConsolePrincipal,
      address: string | null,
    ): Promise<ConsoleUser> {
      const target = await store.findUserByName(username);
      if (!target) throw notFound(username);
      if (target.id === principal.userId) {
        if (patch.disabled === true)
          throw new AppError('conflict', 'cannot_disable_self', 'You cannot disable your own account', {
            fields: { disabled: fieldProblem('cannot_disable_self', 'You cannot disable your own account') },
          });
        if (patch.role !== undefined && patch.role !== target.role) {
          throw new AppError('conflict', 'cannot_change_own_role', 'You cannot change your own role', {
            fields: { role: fieldProblem('cannot_change_own_role', 'You cannot change your own role') },
          });
        }
      }
      if (
        (patch.disabled ?? target.disabled) === target.disabled &&
        (patch.role ?? target.role) === target.role
      )
        return withLock(target);

      const res = await store.updateUser(username, patch, now());
      if (res.kind === 'not_found') throw notFound(username);
      if (res.kind === 'last_administrator') {
        const message = `At least one enabled administrator must remain: "${res.before.username}" is the last one`;
        const params = { username: res.before.username };
        const problem = fieldProblem('last_administrator', message, params);
        const fields: Record<string, FieldProblem> = {};
        if (patch.disabled !== undefined) fields.disabled = problem;
        if (patch.role !== undefined) fields.role = problem;
        throw new AppError('conflict', 'last_administrator', message, { params, fields });
      }
      const snapshot = (u: ConsoleUserRow) => ({ role: u.role, disabled: u.disabled });
      logger.info(
        { actor: principal.username, username: res.after.username, ...snapshot(res.after) },
        'console user updated',
      );
      await audit.record(
        actorOfPrincipal(principal, address),
        'user.update',
        res.after.username,
        snapshot(res.before),
        snapshot(res.after),
      );
      return withLock(res.after);
    },

    /** An administrator sets a user's password; all of that user's console sessions end. */
    async resetPassword(username: string, password: string, actor: Actor): Promise<void> {
      const target = await store.findUserByName(username);
      if (!target) throw notFound(username);
      const hash = await hashPassword(password);
      if (!(await store.setPassword(target.id, hash, now()))) throw notFound(username);
      logger.info({ actor: actor.username, username: target.username }, 'console user password reset');
      await audit.record(actor, 'user.password.reset', target.username, null, { password });
    },

    /**
     * An administrator unlocks a user locked by failed sign-ins: its failures are forgotten from
     * every address (the per-address throttle stays). 409 user_not_locked when it is not locked.
     */
    async unlock(username: string, actor: Actor): Promise<ConsoleUser> {
      const target = await store.findUserByName(username);
      if (!target) throw notFound(username);
      const lockedUntil = (await locks.lockedUsers()).get(target.username.toLowerCase());
      if (!(await locks.unlock(target.username))) {
        throw AppError.withReason(
          'conflict',
          'user_not_locked',
          `Console user "${target.username}" is not locked`,
          { username: target.username },
        );
      }
      logger.info({ actor: actor.username, username: target.username }, 'console user unlocked');
      await audit.record(
        actor,
        'user.unlock',
        target.username,
        { lockedUntil: lockedUntil ? new Date(lockedUntil).toISOString() : null },
        { lockedUntil: null },
      );
      return toConsoleUser(target);
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
