import type { Config } from '../../config.js';
import { overviewRoutes } from './overview.routes.js';
import { createOverviewService } from './overview.service.js';

export type { OverviewService } from './overview.service.js';

/** The Overview tab. */
export function createOverviewModule(
  deps: { config: Pick<Config, 'license'> } & Omit<Parameters<typeof createOverviewService>[0], 'license'>,
) {
  const { config, ...owners } = deps;
  const service = createOverviewService({ ...owners, license: () => config.license });
  return { service, routes: overviewRoutes(service) };
}
