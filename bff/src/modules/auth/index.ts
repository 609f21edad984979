import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import { createAuthRepo, type AuthRepo } from './auth.repo.js';
import { authRoutes, logoutRoute, ownPasswordRoute } from './auth.routes.js';
import { createAuthService } from './auth.service.js';

export type { ConsoleUserRow, UpdateUserResult } from './auth.repo.js';
export { actorOfPrincipal, type AuthService, type ConsolePrincipal } from './auth.service.js';

/**
 * The console users as stored (credentials and role) for the users module: disabling a user or
 * setting its password ends its console sessions in the same transaction, so one repo owns both.
 */
export type ConsoleUserStore = Pick<
  AuthRepo,
  'listUsers' | 'findUserByName' | 'insertUserIfFree' | 'updateUser' | 'setPassword'
>;

/**
 * Console sign-in, sign-out, me, one's own password, console sessions and their CSRF token.
 * `routes.public` goes before the auth guard, `routes.signedIn` after it (both under /auth).
 */
export function createAuthModule(deps: ModuleDeps & { audit: AuditService }) {
  const { db, config } = deps;
  const repo = createAuthRepo(db.db, db.kind);
  const logger = deps.logger.child({ module: 'auth' });
  const service = createAuthService(repo, logger, {
    audit: deps.audit,
    throttles: deps.throttles,
    now: deps.now,
  });
  const secureCookie = !!config.tls;
  const users: ConsoleUserStore = repo;
  return {
    service,
    routes: {
      public: authRoutes(service, { secureCookie }),
      signedIn: [logoutRoute(service, { secureCookie }), ownPasswordRoute(service)],
    },
    users,
  };
}
