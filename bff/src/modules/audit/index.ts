import type { ModuleDeps } from '../../module-deps.js';
import { createAuditRepo } from './audit.repo.js';
import { auditRoutes } from './audit.routes.js';
import { createAuditService } from './audit.service.js';

export type { Actor, AuditService } from './audit.service.js';

/** The audit log: every module records its changes through `service.record`. */
export function createAuditModule({ db, logger, now }: Pick<ModuleDeps, 'db' | 'logger' | 'now'>) {
  const service = createAuditService(createAuditRepo(db.db), logger.child({ module: 'audit' }), now);
  return { service, routes: auditRoutes(service) };
}
