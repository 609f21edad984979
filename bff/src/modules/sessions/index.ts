import { notifyChannel } from '../../db/db.js';
import type { ModuleDeps } from '../../module-deps.js';
import type { AccountLookup, AclRegistry } from '../accounts/index.js';
import type { AuditService } from '../audit/index.js';
import type { LicenseCounters } from '../licensing/index.js';
import type { MivbLookup } from '../network-elements/index.js';
import { createRetentionJob, PRUNE_EVERY_MS } from '../../lib/retention.js';
import { SessionManager } from './session-manager.js';
import type { ScanSize } from '../../lib/windows.js';
import { createSessionsRepo, SESSION_ENDED_CHANNEL } from './sessions.repo.js';
import { RefusedLoginRecorder } from './refused-logins.js';
import { createRefusedLoginsRepo } from './refused-logins.repo.js';
import { createRefusedLoginsService } from './refused-logins.service.js';
import { sessionsRoutes } from './sessions.routes.js';
import { createSessionsService } from './sessions.service.js';

export { formatSignedBytes } from './advanced-auth.js';
export { createRestSessionHandler, REST_SESSION_PATH } from './rest-session.handler.js';
export { SessionManager } from './session-manager.js';
export type { SessionsService } from './sessions.service.js';
export type { RefusedLoginsService } from './refused-logins.service.js';
export { SOAP_PATH, soapRoutes } from './soap.routes.js';

/**
 * Application sessions: the one SessionManager behind SOAP and REST (`manager`; `start`/`stop`
 * run its sweeper), and the console's view of them (`service`: live list, history, terminate).
 * Listens for sessions other processes end (PostgreSQL).
 */
export async function createSessionsModule(
  deps: ModuleDeps & {
    acl: AclRegistry;
    accounts: AccountLookup;
    networkElements: MivbLookup;
    licensing: LicenseCounters;
    audit: AuditService;
    /** Sweeper period; tests shorten it. */
    sweepMs?: number | undefined;
    /** History pruning period (default PRUNE_EVERY_MS; 0 = no timer). */
    historyPruneMs?: number | undefined;
    /** How the history is read in bounded statements (tests make them small). */
    scan?: ScanSize | undefined;
    /** Distinct refused logins held between two writes (default REFUSED_BUFFER_MAX; 0: none recorded). */
    refusedBufferMax?: number | undefined;
    /** Refused logins' write period (default REFUSED_WRITE_EVERY_MS; 0 = no timer, tests flush). */
    refusedWriteMs?: number | undefined;
    /** Rows written between two prunes this process starts (default REFUSED_PRUNE_EVERY_ROWS). */
    refusedPruneEveryRows?: number | undefined;
  },
) {
  const { db, config } = deps;
  const logger = deps.logger.child({ module: 'sessions' });
  const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
  const repo = createSessionsRepo(
    db.db,
    db.kind,
    deps.licensing,
    notifyChannel(SESSION_ENDED_CHANNEL, schema),
    deps.scan,
  );
  const refusedRepo = createRefusedLoginsRepo(db.db);
  const refusedRetention = createRetentionJob({
    what: 'refused logins',
    prune: (before) => refusedRepo.prune(before, config.refusedLogins.maxRows),
    retentionMs: config.refusedLogins.retentionMs,
    everyMs: deps.historyPruneMs ?? PRUNE_EVERY_MS,
    now: deps.now,
    logger,
  });
  const recorder = new RefusedLoginRecorder({
    repo: refusedRepo,
    now: deps.now,
    logger,
    prune: () => refusedRetention.prune(),
    ...(deps.refusedBufferMax !== undefined ? { bufferMax: deps.refusedBufferMax } : {}),
    ...(deps.refusedWriteMs !== undefined ? { writeEveryMs: deps.refusedWriteMs } : {}),
    ...(deps.refusedPruneEveryRows !== undefined ? { pruneEveryRows: deps.refusedPruneEveryRows } : {}),
  });
  const refused = createRefusedLoginsService({ repo: refusedRepo, now: deps.now });
  const manager = new SessionManager({
    sessions: repo,
    accounts: deps.accounts,
    acl: deps.acl,
    networkElements: deps.networkElements,
    inventory: () => config.license.inventory,
    trustedCa: () => config.mcsCa,
    keepAlive: config.keepAlive,
    logger,
    throttles: deps.throttles,
    refused: (r) => recorder.record(r),
    now: deps.now,
    ...(deps.sweepMs ? { timers: { sweepMs: deps.sweepMs } } : {}),
  });
  await db.listen(
    SESSION_ENDED_CHANNEL,
    (handle) => manager.forget(handle),
    () => manager.forgetAll(),
  );
  const service = createSessionsService({
    repo,
    manager,
    audit: deps.audit,
    logger,
    // PostgreSQL overlaps the round trips of a few ends; SQLite runs each synchronously, one at a time.
    endConcurrency: db.kind === 'postgres' ? 4 : 1,
  });
  const retention = createRetentionJob({
    what: 'session history',
    prune: (before) => repo.pruneHistory(before),
    retentionMs: config.historyRetentionMs,
    everyMs: deps.historyPruneMs ?? PRUNE_EVERY_MS,
    now: deps.now,
    logger,
  });
  return {
    service,
    manager,
    /** Refused application logins: pages, CSV, the Overview's last 24 hours. */
    refused,
    /**
     * Writes the refused logins held now, and waits for a prune that write started (tests; the
     * recorder writes every 500 ms once started).
     */
    flushRefused: async () => {
      await recorder.flush();
      await recorder.settled();
    },
    /** Prunes the history past its retention (at start, then hourly). */
    retention,
    /** Prunes refused logins past OIG_REFUSED_LOGIN_RETENTION_DAYS and OIG_REFUSED_LOGIN_MAX_ROWS. */
    refusedRetention,
    routes: sessionsRoutes(service, refused),
    start: async () => {
      const n = await manager.start();
      recorder.start();
      retention.start();
      refusedRetention.start();
      return n;
    },
    stop: async () => {
      await retention.stop();
      await manager.stop();
      // After the manager (whose stop may still refuse), before the retention job (a last write may start a prune).
      await recorder.stop();
      await refusedRetention.stop();
    },
  };
}
