import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Role } from '@oig/shared';
import { AppError, fieldProblem } from '../../http/app-error.js';
import {
  dummyPasswordHash,
  hashPassword,
  randomToken,
  tokenHash,
  verifyPassword,
} from '../../lib/passwords.js';
import type { ThrottleCounters } from '../../db/throttle-store.js';
import { FailureThrottle, type Taken } from '../../lib/throttle.js';
import type { Actor, AuditService } from '../audit/index.js';
import type { AuthRepo } from './auth.repo.js';

export const CONSOLE_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const INVALID = 'Invalid user name or password';
const WRONG_CURRENT = 'Current password is incorrect';
const WINDOW_MS = 15 * 60_000;

/**
 * The per-user sign-in throttle: its counters (scope) and how many failures lock a user name.
 * Its keys are (lower-case user name, address) with the user name as their subject, so that a
 * user locked from one address is listed as locked, and unlocking clears every address.
 */
export const CONSOLE_USER_THROTTLE = { scope: 'console.user', maxFailures: 5 } as const;

/** Why a console sign-in failed, as the audit log records it. */
export type SignInFailure = 'unknown_user' | 'wrong_password' | 'disabled' | 'locked' | 'address_blocked';

type Attempt =
  | { ok: true; succeeded: () => Promise<void> }
  | (Extract<Taken, { ok: false }> & { reason: 'locked' | 'address_blocked' });

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
  deps: { audit: AuditService; throttles: ThrottleCounters; now?: () => number },
) {
  const { audit, throttles } = deps;
  const now = deps.now ?? Date.now;
  // Five failures per user name and address, fifty per address, in fifteen minutes, counted in
  // the database (every process shares them; a restart forgets nothing). Wrong current passwords
  // on "change my password" count here too, so that it is no side door.
  const perUser = new FailureThrottle(
    throttles,
    CONSOLE_USER_THROTTLE.scope,
    CONSOLE_USER_THROTTLE.maxFailures,
    WINDOW_MS,
    now,
  );
  const perAddress = new FailureThrottle(throttles, 'console.address', 50, WINDOW_MS, now);

  /**
   * Takes one attempt for the address, then for (user name, address), before the slow password
   * check, so concurrent guesses are counted at once. On success, says what to call when the
   * password turned out right; otherwise which throttle refused and for how long.
   */
  const takeAttempt = async (username: string, address: string): Promise<Attempt> => {
    const subject = username.toLowerCase();
    const userKey = `${subject}|${address}`;
    const byAddress = await perAddress.take(address);
    if (!byAddress.ok) return { ...byAddress, reason: 'address_blocked' };
    const byUser = await perUser.take(userKey, subject);
    if (!byUser.ok) {
      await perAddress.giveBack(address);
      return { ...byUser, reason: 'locked' };
    }
    return {
      ok: true,
      succeeded: async () => {
        await perAddress.giveBack(address);
        await perUser.reset(userKey);
      },
    };
  };

  const throttled = (wait: number, what: string) => {
    const minutes = Math.max(1, Math.ceil(wait / 60_000));
    return new AppError(
      'rate_limited',
      'too_many_failures',
      `Too many failed ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      {
        params: { minutes: String(minutes) },
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))) },
      },
    );
  };

  /**
   * A failed sign-in in the audit log: the user name tried (as the actor and the target), the
   * client address and why; never the password. A refusal by a throttle is recorded once per
   * window (its first refusal), so a flood of refused attempts does not flood the log.
   */
  const auditFailure = (
    username: string,
    role: Role | '',
    address: string,
    reason: SignInFailure,
    lockedUntil?: number,
  ) =>
    audit.record({ username, role, address }, 'auth.login.failed', username, null, {
      reason,
      ...(lockedUntil ? { lockedUntil: new Date(lockedUntil).toISOString() } : {}),
    });

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
      const attempt = await takeAttempt(username, address);
      if (!attempt.ok) {
        logger.warn(
          { username, address, reason: attempt.reason },
          'console sign-in refused: too many failures',
        );
        if (attempt.firstRefusal) {
          const role = (await repo.findUserByName(username))?.role ?? '';
          await auditFailure(username, role, address, attempt.reason, now() + attempt.blockedFor);
        }
        throw throttled(attempt.blockedFor, 'sign-in attempts');
      }
      const user = await repo.findUserByName(username);
      // Verify against a dummy hash for unknown users so the answer time does not reveal them.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok || user.disabled) {
        const reason: SignInFailure = !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled';
        logger.warn({ username, address, reason }, 'console sign-in failed');
        await auditFailure(username, user?.role ?? '', address, reason);
        throw new AppError('invalid_credentials', 'invalid_credentials', INVALID);
      }
      await attempt.succeeded();
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
      const attempt = await takeAttempt(principal.username, address);
      if (!attempt.ok) throw throttled(attempt.blockedFor, 'password attempts');
      const user = await repo.findUserById(principal.userId);
      if (!user || user.disabled)
        throw new AppError('unauthenticated', 'sign_in_required', 'Sign in to continue');
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        logger.warn({ username: user.username, address }, 'console password change: wrong current password');
        throw new AppError(
          'validation_failed',
          'wrong_current_password',
          `Password change is invalid: currentPassword: ${WRONG_CURRENT}`,
          { fields: { currentPassword: fieldProblem('wrong_current_password', WRONG_CURRENT) } },
        );
      }
      await attempt.succeeded();
      await repo.setPassword(user.id, await hashPassword(newPassword), now(), principal.tokenHash);
      logger.info({ username: user.username, address }, 'console user changed own password');
      await audit.record(actorOfPrincipal(principal, address), 'auth.password.change', user.username, null, {
        password: newPassword,
      });
    },

    /** Locked console users: lower-case user name → end of the lock (epoch ms). */
    async lockedUsers(): Promise<Map<string, number>> {
      return throttles.blockedSubjects(CONSOLE_USER_THROTTLE.scope, CONSOLE_USER_THROTTLE.maxFailures, now());
    },

    /** Forgets a user name's failed sign-ins (from every address); whether it was locked. */
    async unlock(username: string): Promise<boolean> {
      const subject = username.toLowerCase();
      const locked = (
        await throttles.blockedSubjects(CONSOLE_USER_THROTTLE.scope, CONSOLE_USER_THROTTLE.maxFailures, now())
      ).has(subject);
      await throttles.removeSubject(CONSOLE_USER_THROTTLE.scope, subject);
      return locked;
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
