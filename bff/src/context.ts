import type { Logger } from 'pino';
import type { Config } from './config.js';
import { notifyChannel, openDatabase, type DbHandle } from './db/db.js';
import { AclRegistry } from './modules/accounts/acl-registry.js';
import { createAccountsRepo } from './modules/accounts/accounts.repo.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { createAdminAuthRepo } from './modules/admin-auth/admin-auth.repo.js';
import { createAdminAuthService } from './modules/admin-auth/admin-auth.service.js';
import { createLicensingRepo } from './modules/licensing/licensing.repo.js';
import { createNetworkElementsRepo } from './modules/network-elements/network-elements.repo.js';
import { createOverviewService } from './modules/overview/overview.service.js';
import { SessionManager } from './modules/sessions/session-manager.js';
import { createSessionsRepo, SESSION_ENDED_CHANNEL } from './modules/sessions/sessions.repo.js';
import { createSessionsService } from './modules/sessions/sessions.service.js';

/** Everything the HTTP layer needs, wired once. Tests build one per database. */
export interface AppContext {
  config: Config;
  logger: Logger;
  db: DbHandle;
  acl: AclRegistry;
  auth: ReturnType<typeof createAdminAuthService>;
  accounts: ReturnType<typeof createAccountsService>;
  sessions: ReturnType<typeof createSessionsService>;
  overview: ReturnType<typeof createOverviewService>;
  manager: SessionManager;
  /** False while shutting down; /readyz reports it. */
  ready: boolean;
}

export interface ContextOptions {
  now?: () => number;
  sweepMs?: number;
}

export async function createContext(config: Config, logger: Logger, opts: ContextOptions = {}): Promise<AppContext> {
  const db = await openDatabase(config.database, logger.child({ module: 'db' }));
  const licensingRepo = createLicensingRepo(db.db);
  await licensingRepo.ensureCounters();
  const accountsRepo = createAccountsRepo(db.db);
  const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
  const sessionsRepo = createSessionsRepo(db.db, db.kind, licensingRepo, notifyChannel(SESSION_ENDED_CHANNEL, schema));
  const networkElementsRepo = createNetworkElementsRepo(db.db);
  const acl = new AclRegistry(config.acl.file, config.acl.source, config.acl.sourceKind);

  const manager = new SessionManager({
    sessions: sessionsRepo,
    accounts: accountsRepo,
    acl,
    networkElements: networkElementsRepo,
    inventory: () => config.license.inventory,
    trustedCa: () => config.mcsCa,
    keepAlive: config.keepAlive,
    logger: logger.child({ module: 'sessions' }),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.sweepMs ? { timers: { sweepMs: opts.sweepMs } } : {}),
  });

  await db.listen(
    SESSION_ENDED_CHANNEL,
    (handle) => manager.forget(handle),
    () => manager.forgetAll(),
  );

  return {
    config,
    logger,
    db,
    acl,
    manager,
    auth: createAdminAuthService(createAdminAuthRepo(db.db), logger.child({ module: 'admin-auth' }), opts.now),
    accounts: createAccountsService({
      repo: accountsRepo,
      acl,
      activeSessionsByApp: () => sessionsRepo.activeByApp(),
      logger: logger.child({ module: 'accounts' }),
      ...(opts.now ? { now: opts.now } : {}),
    }),
    sessions: createSessionsService({ repo: sessionsRepo, manager, logger: logger.child({ module: 'sessions' }) }),
    overview: createOverviewService({
      accounts: accountsRepo,
      sessions: sessionsRepo,
      networkElements: networkElementsRepo,
      licensing: licensingRepo,
      license: () => config.license,
    }),
    ready: true,
  };
}
