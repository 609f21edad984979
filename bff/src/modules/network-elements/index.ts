import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import { createNetworkElementsRepo, type NetworkElementsRepo } from './network-elements.repo.js';
import { networkElementsRoutes } from './network-elements.routes.js';
import { createNetworkElementsService } from './network-elements.service.js';
import { createProber } from './probe.js';

export type { NetworkElementsService } from './network-elements.service.js';

/** The MiVoice Business elements' addresses and versions, read at every application login. */
export type MivbLookup = Pick<NetworkElementsRepo, 'mivbVersions'>;

/** Network Elements tab, and the reachability probe (`start`/`stop`). */
export function createNetworkElementsModule(deps: ModuleDeps & { audit: AuditService }) {
  const { db, logger, now } = deps;
  const repo = createNetworkElementsRepo(db.db, db.kind);
  const prober = createProber({
    repo,
    probe: deps.config.probe,
    logger: logger.child({ module: 'probe' }),
    now,
  });
  const service = createNetworkElementsService({
    repo,
    settings: deps.settings,
    audit: deps.audit,
    prober,
    logger: logger.child({ module: 'network-elements' }),
    now,
  });
  const mivb: MivbLookup = { mivbVersions: () => repo.mivbVersions() };
  return {
    service,
    routes: networkElementsRoutes(service),
    mivb,
    start: () => prober.start(),
    stop: () => prober.stop(),
  };
}
