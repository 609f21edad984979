import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import { createNetworkElementsRepo, type NetworkElementsRepo } from './network-elements.repo.js';
import { networkElementsRoutes } from './network-elements.routes.js';
import { createNetworkElementsService, type NetworkElementsService } from './network-elements.service.js';
import { createProber } from './probe.js';

export type { MiccTarget, NetworkElementsService } from './network-elements.service.js';
export { describeError } from './probe.js';
/** Its settings keys (the configuration backup reads and restores them). */
export { DEFAULTS_KEYS } from './network-elements.service.js';

/** The MiVoice Business elements' addresses and versions, read at every application login. */
export type MivbLookup = Pick<NetworkElementsRepo, 'mivbVersions'>;

/** The MiContact Center's Open Media Service address and credentials, for the open-media module. */
export type MiccLookup = Pick<NetworkElementsService, 'miccTarget'>;

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
    openMediaPort: deps.config.openMedia.port,
  });
  const mivb: MivbLookup = { mivbVersions: () => repo.mivbVersions() };
  /** Where the MiCC's Open Media Service is, read at every use (an edit applies at once). */
  const micc: MiccLookup = { miccTarget: () => service.miccTarget() };
  return {
    service,
    routes: networkElementsRoutes(service),
    mivb,
    micc,
    start: () => prober.start(),
    stop: () => prober.stop(),
  };
}
