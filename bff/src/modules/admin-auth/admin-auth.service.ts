import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ConsoleUser, CreateUserRequest, Role } from '@oig/shared';
import { AppError } from '../../http/app-error.js';
import { dummyPasswordHash, hashPassword, randomToken, tokenHash, verifyPassword } from '../../lib/passwords.js';
import { FailureThrottle } from '../../lib/throttle.js';
import type { AdminAuthRepo } from './admin-auth.repo.js';

export const CONSOLE_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const INVALID = 'Invalid user name or password';

export interface ConsolePrincipal {
  userId: string;
  username: string;
  role: Role;
  csrfToken: string;
  tokenHash: string;
}

export function createAdminAuthService(repo: AdminAuthRepo, logger: Logger, now: () => number = Date.now) {
  // Five failures per user name and address, fifty per address, in fifteen minutes.
  const perUser = new FailureThrottle(5, 15 * 60);
  const perAddress = new FailureThrottle(50, 15 * 60);

  return {
    /**
     * Creates the first administrator when there is no console user yet. Returns the password
     * when it was generated (to be printed once), undefined otherwise.
     */
    async ensureFirstAdministrator(configured: string | undefined): Promise<{ username: string; generatedPassword?: string } | undefined> {
      if ((await repo.countUsers()) > 0) return undefined;
      const password = configured ?? randomBytes(12).toString('base64url');
      // Several processes may start on an empty database at once: only the one that inserts prints.
      const inserted = await repo.insertUserIfFree({ id: randomUUID(), username: 'admin', passwordHash: await hashPassword(password), role: 'administrator', now: now() });
      if (!inserted) return undefined;
      logger.info({ username: 'admin' }, 'first administrator created');
      return configured ? { username: 'admin' } : { username: 'admin', generatedPassword: password };
    },

    async login(username: string, password: string, address: string): Promise<{ token: string; principal: ConsolePrincipal }> {
      const userKey = `${username.toLowerCase()}|${address}`;
      const throttled = (wait: number) => {
        const minutes = Math.max(1, Math.ceil(wait / 60_000));
        return new AppError('rate_limited', `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, undefined, {
          'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))),
        });
      };
      // Take the attempt before the slow check, so concurrent guesses are counted at once.
      if (!(await perUser.take(userKey))) throw throttled(await perUser.blockedFor(userKey));
      if (!(await perAddress.take(address))) {
        await perUser.giveBack(userKey);
        throw throttled(await perAddress.blockedFor(address));
      }
      const user = await repo.findUserByName(username);
      // Verify against a dummy hash for unknown users so the answer time does not reveal them.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok || user.disabled) {
        logger.warn({ username, address }, 'console sign-in failed');
        throw new AppError('invalid_credentials', INVALID);
      }
      await perAddress.giveBack(address);
      await perUser.reset(userKey);
      await repo.deleteExpiredSessions(now());
      const token = randomToken();
      const csrfToken = randomToken();
      const t = now();
      await repo.insertSession({ tokenHash: tokenHash(token), userId: user.id, csrfToken, now: t, expiresAt: t + CONSOLE_SESSION_TTL_MS });
      logger.info({ username, address }, 'console sign-in');
      return { token, principal: { userId: user.id, username: user.username, role: user.role, csrfToken, tokenHash: tokenHash(token) } };
    },

    async resolve(token: string | undefined): Promise<ConsolePrincipal | undefined> {
      if (!token || token.length > 128) return undefined;
      const h = tokenHash(token);
      const s = await repo.findSession(h, now());
      return s && { userId: s.userId, username: s.username, role: s.role, csrfToken: s.csrfToken, tokenHash: h };
    },

    async logout(principal: ConsolePrincipal): Promise<void> {
      await repo.deleteSession(principal.tokenHash);
    },

    async listUsers(): Promise<ConsoleUser[]> {
      return (await repo.listUsers()).map((u) => ({ ...u, createdAt: new Date(u.createdAt).toISOString() }));
    },

    async createUser(req: CreateUserRequest, actor: string): Promise<ConsoleUser> {
      const t = now();
      const ok = await repo.insertUserIfFree({ id: randomUUID(), username: req.username, passwordHash: await hashPassword(req.password), role: req.role, now: t });
      if (!ok) throw new AppError('conflict', `User name "${req.username}" is already taken`, { username: 'Already taken' });
      logger.info({ actor, username: req.username, role: req.role }, 'console user created');
      return { username: req.username, role: req.role, disabled: false, createdAt: new Date(t).toISOString() };
    },
  };
}
export type AdminAuthService = ReturnType<typeof createAdminAuthService>;
