import type { ModuleDeps } from '../../../module-deps.js';
import type { AuditService } from '../../audit/index.js';
import { createDirectoryRepo } from './directory.repo.js';
import { directoryRoutes } from './directory.routes.js';
import { createDirectoryService } from './directory.service.js';

export type { DirectoryService } from './directory.service.js';

/** MiVoice tab: Google corporate directory settings, sync and local cache. */
export function createDirectoryModule(deps: ModuleDeps & { audit: AuditService }) {
  const { db } = deps;
  const service = createDirectoryService({
    repo: createDirectoryRepo(db.db, db.kind),
    settings: deps.settings,
    audit: deps.audit,
    google: deps.config.google,
    logger: deps.logger.child({ module: 'directory' }),
    now: deps.now,
  });
  return { service, routes: directoryRoutes(service) };
}
