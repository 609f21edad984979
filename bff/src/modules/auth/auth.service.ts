import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Role } from '@oig/shared';
import { AppError } from '../../http/app-error.js';
import {
  dummyPasswordHash,
  hashPassword,
  randomToken,
  tokenHash,
  verifyPassword,
} from '../../lib/passwords.js';
import { FailureThrottle } from '../../lib/throttle.js';
import type { Actor, AuditService } from '../audit/index.js';
import type { AuthRepo } from './auth.repo.js';

export const CONSOLE_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const INVALID = 'Invalid user name or password';
const WRONG_CURRENT = 'Current password is incorrect';

export interface ConsolePrincipal {
  userId: string;
  username: string;
  role: Role;
  csrfToken: string;
  tokenHash: string;
}

/** A signed-in console user as the actor of a change (for the audit log). */
export const actorOfPrincipal = (p: ConsolePrincipal, address: string | null): Actor => ({
  username: p.username,
  role: p.role,
  address,
});

/**
 * Console sign-in, sign-out, sessions (CSRF token per session) and one's own password; the
 * first administrator. Owns the console users' credentials and their sessions (`AuthRepo`).
 */
export function createAuthService(
  repo: AuthRepo,
  logger: Logger,
  deps: { audit: AuditService; now?: () => number },
) {
  const { audit } = deps;
  const now = deps.now ?? Date.now;
  // Five failures per user name and address, fifty per address, in fifteen minutes. Wrong
  // current passwords on "change my password" count here too, so that it is no side door.
  const perUser = new FailureThrottle(5, 15 * 60);
  const perAddress = new FailureThrottle(50, 15 * 60);

  /**
   * Takes one attempt for (user name, address) before the slow password check, so concurrent
   * guesses are counted at once. Returns what to call when the password turned out right.
   */
  const takeAttempt = async (
    username: string,
    address: string,
    what: string,
  ): Promise<() => Promise<void>> => {
    const userKey = `${username.toLowerCase()}|${address}`;
    const throttled = (wait: number) => {
      const minutes = Math.max(1, Math.ceil(wait / 60_000));
      return new AppError(
        'rate_limited',
        `Too many failed ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        undefined,
        {
          'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))),
        },
      );
    };
    if (!(await perUser.take(userKey))) throw throttled(await perUser.blockedFor(userKey));
    if (!(await perAddress.take(address))) {
      await perUser.giveBack(userKey);
      throw throttled(await perAddress.blockedFor(address));
    }
    return async () => {
      await perAddress.giveBack(address);
      await perUser.reset(userKey);
    };
  };

  return {
    /**
     * Creates the first administrator when there is no console user yet. Returns the password
     * when it was generated (to be printed once), undefined otherwise.
     */
    async ensureFirstAdministrator(
      configured: string | undefined,
    ): Promise<{ username: string; generatedPassword?: string } | undefined> {
      if ((await repo.countUsers()) > 0) return undefined;
      const password = configured ?? randomBytes(12).toString('base64url');
      // Several processes may start on an empty database at once: only the one that inserts prints.
      const inserted = await repo.insertUserIfFree({
        id: randomUUID(),
        username: 'admin',
        passwordHash: await hashPassword(password),
        role: 'administrator',
        now: now(),
      });
      if (!inserted) return undefined;
      logger.info({ username: 'admin' }, 'first administrator created');
      return configured ? { username: 'admin' } : { username: 'admin', generatedPassword: password };
    },

    async login(
      username: string,
      password: string,
      address: string,
    ): Promise<{ token: string; principal: ConsolePrincipal }> {
      const succeeded = await takeAttempt(username, address, 'sign-in attempts');
      const user = await repo.findUserByName(username);
      // Verify against a dummy hash for unknown users so the answer time does not reveal them.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok || user.disabled) {
        logger.warn({ username, address }, 'console sign-in failed');
        throw new AppError('invalid_credentials', INVALID);
      }
      await succeeded();
      await repo.deleteExpiredSessions(now());
      const token = randomToken();
      const csrfToken = randomToken();
      const t = now();
      await repo.insertSession({
        tokenHash: tokenHash(token),
        userId: user.id,
        csrfToken,
        now: t,
        expiresAt: t + CONSOLE_SESSION_TTL_MS,
      });
      logger.info({ username: user.username, address }, 'console sign-in');
      await audit.record({ username: user.username, role: user.role, address }, 'auth.login', user.username);
      return {
        token,
        principal: {
          userId: user.id,
          username: user.username,
          role: user.role,
          csrfToken,
          tokenHash: tokenHash(token),
        },
      };
    },

    async resolve(token: string | undefined): Promise<ConsolePrincipal | undefined> {
      if (!token || token.length > 128) return undefined;
      const h = tokenHash(token);
      const s = await repo.findSession(h, now());
      return (
        s && { userId: s.userId, username: s.username, role: s.role, csrfToken: s.csrfToken, tokenHash: h }
      );
    },

    async logout(principal: ConsolePrincipal, address: string | null): Promise<void> {
      await repo.deleteSession(principal.tokenHash);
      await audit.record(actorOfPrincipal(principal, address), 'auth.logout', principal.username);
    },

    /**
     * A signed-in user changes their own password. A wrong current password is a 400 on
     * currentPassword and counts as a failed sign-in for the throttle. The caller's session
     * stays; the user's other sessions end.
     */
    async changeOwnPassword(
      principal: ConsolePrincipal,
      address: string,
      currentPassword: string,
      newPassword: string,
    ): Promise<void> {
      const succeeded = await takeAttempt(principal.username, address, 'password attempts');
      const user = await repo.findUserById(principal.userId);
      if (!user || user.disabled) throw new AppError('unauthenticated', 'Sign in to continue');
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        logger.warn({ username: user.username, address }, 'console password change: wrong current password');
        throw new AppError(
          'validation_failed',
          `Password change is invalid: currentPassword: ${WRONG_CURRENT}`,
          { currentPassword: WRONG_CURRENT },
        );
      }
      await succeeded();
      await repo.setPassword(user.id, await hashPassword(newPassword), now(), principal.tokenHash);
      logger.info({ username: user.username, address }, 'console user changed own password');
      await audit.record(actorOfPrincipal(principal, address), 'auth.password.change', user.username, null, {
        password: newPassword,
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
