import type { ModuleDeps } from '../../module-deps.js';
import { supportRoutes } from './support.routes.js';
import { createSupportService } from './support.service.js';

export type { SupportService } from './support.service.js';
export { SUPPORT_BUNDLE_LOG_BYTES } from './support-bundle.js';

type ServiceDeps = Parameters<typeof createSupportService>[0];

/** The support bundle: a zip of logs, versions, configuration without secrets, status and counts. */
export function createSupportModule(
  deps: Pick<ModuleDeps, 'config' | 'logger' | 'now'> & Omit<ServiceDeps, 'config' | 'logger' | 'now'>,
) {
  const service = createSupportService({ ...deps, logger: deps.logger.child({ module: 'support' }) });
  return { service, routes: supportRoutes(service) };
}
