import type { ModuleDeps } from '../../../module-deps.js';
import type { AuditService } from '../../audit/index.js';
import { createDirectoryRepo } from './directory.repo.js';
import { directoryRoutes } from './directory.routes.js';
import { createDirectoryService } from './directory.service.js';

export type { DirectoryService } from './directory.service.js';
/** Its settings key (the configuration backup reads and restores it). */
export { GOOGLE_DIRECTORY_KEY } from './directory.service.js';

/** MiVoice tab: Google corporate directory settings, sync and local cache. */
export function createDirectoryModule(
  deps: ModuleDeps & {
    audit: AuditService;
    /** Index entries per window of a filtered contacts list (tests make it small). */
    contactsWindowRows?: number | undefined;
  },
) {
  const { db } = deps;
  const service = createDirectoryService({
    repo: createDirectoryRepo(db.db, db.kind, deps.contactsWindowRows),
    settings: deps.settings,
    audit: deps.audit,
    google: deps.config.google,
    logger: deps.logger.child({ module: 'directory' }),
    now: deps.now,
  });
  return { service, routes: directoryRoutes(service) };
}
