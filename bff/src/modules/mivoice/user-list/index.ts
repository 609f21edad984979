import type { ModuleDeps } from '../../../module-deps.js';
import type { AuditService } from '../../audit/index.js';
import type { MailService } from '../../mail/index.js';
import type { MivoiceSettingsService } from '../settings/index.js';
import { createUserListRepo } from './user-list.repo.js';
import { userListRoutes } from './user-list.routes.js';
import { createUserListService } from './user-list.service.js';

export type { UserListService } from './user-list.service.js';

/** MiVoice tab: the MiVoice Integration for Google user list (CSV import/export). */
export function createUserListModule(
  deps: ModuleDeps & {
    mail: Pick<MailService, 'enqueue' | 'outcome'>;
    mivoiceSettings: Pick<MivoiceSettingsService, 'exportAddress'>;
    audit: AuditService;
  },
) {
  const { db } = deps;
  const service = createUserListService({
    repo: createUserListRepo(db.db, db.kind),
    mail: deps.mail,
    mivoiceSettings: deps.mivoiceSettings,
    audit: deps.audit,
    logger: deps.logger.child({ module: 'user-list' }),
    now: deps.now,
  });
  return { service, routes: userListRoutes(service) };
}
