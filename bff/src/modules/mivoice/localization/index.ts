import type { ModuleDeps } from '../../../module-deps.js';
import type { AuditService } from '../../audit/index.js';
import type { MailService } from '../../mail/index.js';
import type { MivoiceSettingsService } from '../settings/index.js';
import { createLocalizationRepo } from './localization.repo.js';
import { localizationRoutes } from './localization.routes.js';
import { createLocalizationService } from './localization.service.js';

export { LOCALIZATION_PUBLIC_PATH, localizationPublicRoutes } from './localization.routes.js';
export type { LocalizationService } from './localization.service.js';

/** MiVoice tab: localization of both MiVoice Integration applications. */
export function createLocalizationModule(
  deps: ModuleDeps & {
    mail: Pick<MailService, 'enqueue' | 'outcome'>;
    mivoiceSettings: Pick<MivoiceSettingsService, 'exportAddress'>;
    audit: AuditService;
  },
) {
  const { db } = deps;
  const service = createLocalizationService({
    repo: createLocalizationRepo(db.db, db.kind),
    mail: deps.mail,
    mivoiceSettings: deps.mivoiceSettings,
    audit: deps.audit,
    logger: deps.logger.child({ module: 'localization' }),
    now: deps.now,
  });
  return { service, routes: localizationRoutes(service) };
}
