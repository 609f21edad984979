import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import type { MiccLookup } from '../network-elements/index.js';
import { createOpenMediaClient } from './client.js';
import { createOpenMediaFeed } from './feed.js';
import { openMediaRoutes } from './open-media.routes.js';
import { createOpenMediaService } from './open-media.service.js';
import { openMediaOperations } from './operations.js';

export type { OpenMediaService } from './open-media.service.js';

/** MiContact Center Open Media: the MiCC's requests and groups, and actions on them. No background work. */
export function createOpenMediaModule(deps: ModuleDeps & { audit: AuditService; micc: MiccLookup }) {
  const { config, logger, now } = deps;
  const log = logger.child({ module: 'open-media' });
  const ops = openMediaOperations(createOpenMediaClient({ timeoutMs: config.openMedia.timeoutMs }));
  const feed = createOpenMediaFeed({
    ops,
    pollMs: config.openMedia.pollMs,
    retentionMs: config.openMedia.retentionMs,
    now,
    logger: log,
  });
  const service = createOpenMediaService({ micc: deps.micc, ops, feed, audit: deps.audit, logger: log, now });
  return { service, routes: openMediaRoutes(service) };
}
