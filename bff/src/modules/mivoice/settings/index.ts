import type { ModuleDeps } from '../../../module-deps.js';
import type { AuditService } from '../../audit/index.js';
import { mivoiceSettingsRoutes } from './mivoice-settings.routes.js';
import { createMivoiceSettingsService } from './mivoice-settings.service.js';

export type { MivoiceSettingsService } from './mivoice-settings.service.js';
/** Its settings key (the configuration backup reads and restores it). */
export { MIVOICE_SETTINGS_KEY } from './mivoice-settings.service.js';

/** MiVoice tab: the administrator e-mail the user list and the language strings are mailed to. */
export function createMivoiceSettingsModule(
  deps: Pick<ModuleDeps, 'settings' | 'now'> & { audit: AuditService },
) {
  const service = createMivoiceSettingsService({ settings: deps.settings, audit: deps.audit, now: deps.now });
  return { service, routes: mivoiceSettingsRoutes(service) };
}
