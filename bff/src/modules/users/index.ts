import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import type { ConsoleUserStore } from '../auth/index.js';
import { usersRoutes } from './users.routes.js';
import { createUsersService, type ConsoleUserLocks } from './users.service.js';

export type { UsersService } from './users.service.js';

/** The Users tab (console users admin); the users are stored by the auth module. */
export function createUsersModule(
  deps: Pick<ModuleDeps, 'logger' | 'now'> & {
    store: ConsoleUserStore;
    audit: AuditService;
    locks: ConsoleUserLocks;
  },
) {
  const logger = deps.logger.child({ module: 'users' });
  const service = createUsersService(deps.store, logger, {
    audit: deps.audit,
    locks: deps.locks,
    now: deps.now,
  });
  return { service, routes: usersRoutes(service) };
}
