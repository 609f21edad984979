import type { SettingsWatcher } from '../../db/settings-store.js';
import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import { optionsRoutes } from './options.routes.js';
import { createOptionsService, OPTIONS_KEY } from './options.service.js';

export type { OptionsService } from './options.service.js';
/** Its settings key (the configuration backup reads and restores it). */
export { OPTIONS_KEY } from './options.service.js';

/** The Options tab: logging level (applied to the root logger) and the usage-report address. */
export function createOptionsModule(deps: ModuleDeps & { audit: AuditService }) {
  // The root logger: the Options tab's logging level applies to every module's child.
  const service = createOptionsService({
    settings: deps.settings,
    audit: deps.audit,
    logger: deps.logger,
    config: deps.config,
    now: deps.now,
  });
  const watcher: SettingsWatcher = {
    keys: [OPTIONS_KEY],
    onChanged: (key) => service.onSettingChanged(key),
    load: () => service.init(),
  };
  return { service, routes: optionsRoutes(service), watcher };
}
