import type { Logger } from 'pino';
import type { Config } from './config.js';
import { notifyChannel, openDatabase, type DbHandle } from './db/db.js';
import { AclRegistry } from './modules/accounts/acl-registry.js';
import { createAccountsRepo } from './modules/accounts/accounts.repo.js';
import { ACL_MCS_KEY, createAccountsService } from './modules/accounts/accounts.service.js';
import { createAuditRepo } from './modules/audit/audit.repo.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createMailAdminService, mailSettingsHooks } from './modules/mail/mail-admin.service.js';
import { createMailRepo } from './modules/mail/mail.repo.js';
import { createMailService } from './modules/mail/mail.service.js';
import type { SmtpTimeouts } from './modules/mail/mail-transport.js';
import { createNetworkElementsService } from './modules/network-elements/network-elements.service.js';
import { createProber } from './modules/network-elements/probe.js';
import { createOptionsService, OPTIONS_KEY } from './modules/options/options.service.js';
import { createSettingsRepo, SETTINGS_CHANGED_CHANNEL } from './modules/options/settings.repo.js';
import { createAdminAuthRepo } from './modules/admin-auth/admin-auth.repo.js';
import { createAdminAuthService } from './modules/admin-auth/admin-auth.service.js';
import { createLicensingRepo } from './modules/licensing/licensing.repo.js';
import { createNetworkElementsRepo } from './modules/network-elements/network-elements.repo.js';
import { createOverviewService } from './modules/overview/overview.service.js';
import { SessionManager } from './modules/sessions/session-manager.js';
import { createSessionsRepo, SESSION_ENDED_CHANNEL } from './modules/sessions/sessions.repo.js';
import { createSessionsService } from './modules/sessions/sessions.service.js';
import { createDirectoryRepo } from './modules/mivoice/directory/directory.repo.js';
import { createDirectoryService } from './modules/mivoice/directory/directory.service.js';
import { createLocalizationRepo } from './modules/mivoice/localization/localization.repo.js';
import { createLocalizationService } from './modules/mivoice/localization/localization.service.js';
import { createMivoiceSettingsService } from './modules/mivoice/settings/mivoice-settings.service.js';
import { createUserListRepo } from './modules/mivoice/user-list/user-list.repo.js';
import { createUserListService } from './modules/mivoice/user-list/user-list.service.js';
import { createCalendar } from './modules/usage/calendar.js';
import { createUsageRepo } from './modules/usage/usage.repo.js';
import { createUsageReportScheduler, createUsageService } from './modules/usage/usage.service.js';

/** Settings other processes may change, re-read when the PostgreSQL listener reconnects. */
const SETTINGS_RELOADED_ON_RECONNECT = [OPTIONS_KEY, ACL_MCS_KEY];

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
  audit: ReturnType<typeof createAuditService>;
  options: ReturnType<typeof createOptionsService>;
  networkElements: ReturnType<typeof createNetworkElementsService>;
  /** The mail outbox and its sender. */
  mail: ReturnType<typeof createMailService>;
  /** Mail for the console: SMTP settings (Options tab), test message, outbox. */
  mailAdmin: ReturnType<typeof createMailAdminService>;
  /** Usage per day, the Overview chart and the usage report (now and monthly). */
  usage: ReturnType<typeof createUsageService>;
  /** MiVoice tab: the administrator e-mail for exports. */
  mivoiceSettings: ReturnType<typeof createMivoiceSettingsService>;
  /** MiVoice tab: Google corporate directory settings, sync and local cache. */
  directory: ReturnType<typeof createDirectoryService>;
  /** MiVoice tab: the MiVoice Integration for Google user list (CSV import/export). */
  userList: ReturnType<typeof createUserListService>;
  /** MiVoice tab: localization of both MiVoice Integration applications. */
  localization: ReturnType<typeof createLocalizationService>;
  /** False while shutting down; /readyz reports it. */
  ready: boolean;
  /** Starts the background work (session sweeper, reachability probe, mail outbox). */
  start(): Promise<void>;
  /** Stops the background work; the database stays open. */
  stop(): Promise<void>;
}

export interface ContextOptions {
  now?: () => number;
  sweepMs?: number;
  /** Mail: SMTP timeouts and the outbox worker period (0 = no timer). */
  mail?: { timeouts?: Partial<SmtpTimeouts>; pollMs?: number };
  /** Monthly usage report check period (default config.reportCheckMs; 0 = no timer). */
  reportCheckMs?: number;
}

export async function createContext(
  config: Config,
  logger: Logger,
  opts: ContextOptions = {},
): Promise<AppContext> {
  const db = await openDatabase(config.database, logger.child({ module: 'db' }));
  const licensingRepo = createLicensingRepo(db.db);
  await licensingRepo.ensureCounters();
  const accountsRepo = createAccountsRepo(db.db);
  const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
  const sessionsRepo = createSessionsRepo(
    db.db,
    db.kind,
    licensingRepo,
    notifyChannel(SESSION_ENDED_CHANNEL, schema),
  );
  const networkElementsRepo = createNetworkElementsRepo(db.db, db.kind);
  const acl = new AclRegistry(config.acl.file, config.acl.source, config.acl.sourceKind);
  const settings = createSettingsRepo(db.db, db.kind, notifyChannel(SETTINGS_CHANGED_CHANNEL, schema));
  const audit = createAuditService(createAuditRepo(db.db), logger.child({ module: 'audit' }), opts.now);
  // The root logger: the Options tab's logging level applies to every module's child.
  const options = createOptionsService({
    settings,
    audit,
    logger,
    config,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const mail = createMailService({
    repo: createMailRepo(db.db),
    dbKind: db.kind,
    config,
    logger: logger.child({ module: 'mail' }),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.mail?.timeouts ? { timeouts: opts.mail.timeouts } : {}),
    ...(opts.mail?.pollMs !== undefined ? { pollMs: opts.mail.pollMs } : {}),
    // The Options tab's server and sender, re-read at every batch: a change applies at once everywhere.
    ...mailSettingsHooks(settings, config),
  });
  const mailAdmin = createMailAdminService({
    settings,
    mail,
    audit,
    config,
    logger: logger.child({ module: 'mail' }),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const usage = createUsageService({
    repo: createUsageRepo(db.db),
    licensing: licensingRepo,
    calendar: createCalendar(config.timeZone),
    license: () => config.license,
    instanceName: config.instanceName,
    mail,
    reportEmail: async () => (await options.get()).usageReportEmail,
    audit,
    logger: logger.child({ module: 'usage' }),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const nowOpt = opts.now ? { now: opts.now } : {};
  const mivoiceSettings = createMivoiceSettingsService({ settings, audit, ...nowOpt });
  // --- directory (Google) ---
  const directory = createDirectoryService({
    repo: createDirectoryRepo(db.db, db.kind),
    settings,
    audit,
    google: config.google,
    logger: logger.child({ module: 'directory' }),
    ...nowOpt,
  });
  // --- user list ---
  const userList = createUserListService({
    repo: createUserListRepo(db.db, db.kind),
    mail,
    mivoiceSettings,
    audit,
    logger: logger.child({ module: 'user-list' }),
    ...nowOpt,
  });
  // --- localization ---
  const localization = createLocalizationService({
    repo: createLocalizationRepo(db.db, db.kind),
    mail,
    mivoiceSettings,
    audit,
    logger: logger.child({ module: 'localization' }),
    ...nowOpt,
  });
  const reportScheduler = createUsageReportScheduler(
    usage,
    opts.reportCheckMs ?? config.reportCheckMs,
    logger.child({ module: 'usage' }),
  );
  const prober = createProber({
    repo: networkElementsRepo,
    probe: config.probe,
    logger: logger.child({ module: 'probe' }),
    ...(opts.now ? { now: opts.now } : {}),
  });

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
  const accounts = createAccountsService({
    repo: accountsRepo,
    acl,
    activeSessionsByApp: () => sessionsRepo.activeByApp(),
    logger: logger.child({ module: 'accounts' }),
    settings,
    audit,
    config,
    ...(opts.now ? { now: opts.now } : {}),
  });
  // Changed settings are re-read one at a time, in the order the notifications came, so an
  // older value can never be applied after a newer one.
  let reloads = Promise.resolve();
  const onSettingChanged = (key: string) => {
    reloads = reloads
      .then(() => options.onSettingChanged(key))
      .then(() => accounts.onSettingChanged(key))
      .catch((err: unknown) => logger.error({ err, key }, 'could not apply a changed setting'));
  };
  // Listen first, then read: a change made by another process meanwhile is not missed. After a
  // lost listener reconnects, every setting another process may have changed is re-read.
  await db.listen(SETTINGS_CHANGED_CHANNEL, onSettingChanged, () => {
    for (const key of SETTINGS_RELOADED_ON_RECONNECT) onSettingChanged(key);
  });
  await options.init();
  await accounts.init();

  return {
    config,
    logger,
    db,
    acl,
    manager,
    auth: createAdminAuthService(
      createAdminAuthRepo(db.db, db.kind),
      logger.child({ module: 'admin-auth' }),
      { audit, ...(opts.now ? { now: opts.now } : {}) },
    ),
    accounts,
    sessions: createSessionsService({
      repo: sessionsRepo,
      manager,
      audit,
      logger: logger.child({ module: 'sessions' }),
    }),
    overview: createOverviewService({
      accounts: accountsRepo,
      sessions: sessionsRepo,
      networkElements: networkElementsRepo,
      licensing: licensingRepo,
      license: () => config.license,
    }),
    audit,
    options,
    mail,
    mailAdmin,
    usage,
    mivoiceSettings,
    directory,
    userList,
    localization,
    networkElements: createNetworkElementsService({
      repo: networkElementsRepo,
      settings,
      audit,
      prober,
      logger: logger.child({ module: 'network-elements' }),
      ...(opts.now ? { now: opts.now } : {}),
    }),
    ready: true,
    async start() {
      await manager.start();
      prober.start();
      await mail.start();
      reportScheduler.start();
    },
    async stop() {
      await reportScheduler.stop();
      await mail.stop();
      await prober.stop();
      await manager.stop();
    },
  };
}
