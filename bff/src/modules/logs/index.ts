import type { ModuleDeps } from '../../module-deps.js';
import { logsRoutes } from './logs.routes.js';
import { createLogsService } from './logs.service.js';

export type { LogsService } from './logs.service.js';
export { stampedName } from './logs.routes.js';

/** The product's rotating log files (OIG_LOG_DIR) for the console: read, filter, download. */
export function createLogsModule(deps: Pick<ModuleDeps, 'config' | 'now'> & { maxScanBytes?: number }) {
  const service = createLogsService({ dir: deps.config.logFiles.dir, maxScanBytes: deps.maxScanBytes });
  return { service, routes: logsRoutes(service, deps.now) };
}
