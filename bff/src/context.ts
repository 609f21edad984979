import type { Logger } from 'pino';
import type { Config } from './config.js';
import { notifyChannel, openDatabase } from './db/db.js';
import { createSettingsStore, SETTINGS_CHANGED_CHANNEL, watchSettings } from './db/settings-store.js';
import { createThrottlePruner, createThrottleStore } from './db/throttle-store.js';
import type { ModuleDeps } from './module-deps.js';
import { createAccountsModule } from './modules/accounts/index.js';
import { createAuditModule } from './modules/audit/index.js';
import { createAuthModule } from './modules/auth/index.js';
import { createLogsModule } from './modules/logs/index.js';
import { createBackupModule, type KdfCost } from './modules/backup/index.js';
import { createLicensingModule } from './modules/licensing/index.js';
import { createMailModule, type SmtpTimeouts } from './modules/mail/index.js';
import { createDirectoryModule } from './modules/mivoice/directory/index.js';
import { createLocalizationModule } from './modules/mivoice/localization/index.js';
import { createMivoiceSettingsModule } from './modules/mivoice/settings/index.js';
import { createUserListModule } from './modules/mivoice/user-list/index.js';
import { createNetworkElementsModule } from './modules/network-elements/index.js';
import { createOpenMediaModule } from './modules/open-media/index.js';
import { createOptionsModule } from './modules/options/index.js';
import { createOverviewModule } from './modules/overview/index.js';
import { createSessionsModule } from './modules/sessions/index.js';
import { createSupportModule } from './modules/support/index.js';
import { createUsageModule } from './modules/usage/index.js';
import { createUsersModule } from './modules/users/index.js';
import type { ScanSize } from './lib/windows.js';

/** Everything the HTTP layer needs, wired once (what createContext returns). Tests build one per database. */
export type AppContext = Awaited<ReturnType<typeof createContext>>;

export interface ContextOptions {
  /** The one clock every module reads (default Date.now). */
  now?: () => number;
  sweepMs?: number;
  /** Mail: SMTP timeouts and the outbox worker period (0 = no timer). */
  mail?: { timeouts?: Partial<SmtpTimeouts>; pollMs?: number; outcomeWaitMs?: number };
  /** Monthly usage report check period (default config.reportCheckMs; 0 = no timer). */
  reportCheckMs?: number;
  /**
   * Sizes of the bounded statements that read session history and the filtered Google contacts
   * (default SCAN_SIZE; tests make them small).
   */
  scan?: ScanSize;
  /**
   * Session history and mail outbox pruning period (default hourly; 0 = no timer: tests call
   * historyRetention.prune() / mailRetention.prune()).
   */
  historyPruneMs?: number;
  /** Bytes one GET /logs reads at most (default LOGS_MAX_SCAN_BYTES; tests make it small). */
  logScanBytes?: number;
  /**
   * Distinct refused logins a process holds between two writes (default REFUSED_BUFFER_MAX); 0
   * records none, only counts them (the benchmark's baseline for the cost of recording).
   */
  refusedLoginBufferMax?: number;
  /** Refused logins' write period (default 500 ms; 0 = no timer: tests call flushRefusedLogins()). */
  refusedLoginWriteMs?: number;
  /** Rows a process writes between two refused-login prunes it starts (default 10,000; tests make it small). */
  refusedLoginPruneEveryRows?: number;
  /** scrypt cost of new configuration backups (default N=2^17, r=8, p=1; tests make it small). */
  backupKdf?: KdfCost;
}

/** The composition root: each module built from plain deps, in dependency order. */
export async function createContext(config: Config, logger: Logger, opts: ContextOptions = {}) {
  const db = await openDatabase(config.database, logger.child({ module: 'db' }));
  const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
  const settings = createSettingsStore(db.db, db.kind, notifyChannel(SETTINGS_CHANGED_CHANNEL, schema));
  const throttles = createThrottleStore(db.db);
  const now = opts.now ?? Date.now;
  const base: ModuleDeps = { db, config, logger, now, settings, throttles };
  const throttlePruner = createThrottlePruner(throttles, logger.child({ module: 'throttle' }), now);

  const licensing = await createLicensingModule(base);
  const audit = createAuditModule(base);
  const withAudit = { ...base, audit: audit.service };
  const options = createOptionsModule(withAudit);
  const mail = createMailModule({ ...withAudit, ...opts.mail, pruneMs: opts.historyPruneMs });
  const usage = createUsageModule({
    ...withAudit,
    licensing: licensing.counters,
    mail: mail.service,
    options: options.service,
    reportCheckMs: opts.reportCheckMs,
    scan: opts.scan,
  });
  const mivoiceSettings = createMivoiceSettingsModule(withAudit);
  const mivoice = { ...withAudit, mail: mail.service, mivoiceSettings: mivoiceSettings.service };
  const directory = createDirectoryModule({ ...withAudit, contactsWindowRows: opts.scan?.windowRows });
  const userList = createUserListModule(mivoice);
  const localization = createLocalizationModule(mivoice);
  const networkElements = createNetworkElementsModule(withAudit);
  const openMedia = createOpenMediaModule({ ...withAudit, micc: networkElements.micc });
  // The Accounts tab asks for open sessions per application at request time, after sessions exist.
  const accounts = createAccountsModule({
    ...withAudit,
    activeSessionsByApp: () => sessions.service.activeByApp(),
  });
  const sessions = await createSessionsModule({
    ...withAudit,
    acl: accounts.acl,
    accounts: accounts.accounts,
    networkElements: networkElements.mivb,
    licensing: licensing.counters,
    sweepMs: opts.sweepMs,
    scan: opts.scan,
    historyPruneMs: opts.historyPruneMs,
    refusedBufferMax: opts.refusedLoginBufferMax,
    refusedWriteMs: opts.refusedLoginWriteMs,
    refusedPruneEveryRows: opts.refusedLoginPruneEveryRows,
  });
  const auth = createAuthModule(withAudit);
  const users = createUsersModule({ ...withAudit, store: auth.users, locks: auth.service });
  const overview = createOverviewModule({
    config,
    accounts: accounts.service,
    sessions: sessions.service,
    refusedLogins: sessions.refused,
    networkElements: networkElements.service,
    licensing: licensing.counters,
  });
  const logs = createLogsModule({ config, now, maxScanBytes: opts.logScanBytes });
  const support = createSupportModule({
    config,
    logger,
    now,
    logs: logs.service,
    overview: overview.service,
    networkElements: networkElements.service,
    users: users.service,
    userList: userList.service,
    options: options.service,
    mail: mail.admin,
  });
  const backup = createBackupModule({
    ...withAudit,
    watchers: [options.watcher, accounts.watcher],
    kdf: opts.backupKdf,
  });
  await watchSettings(db, [options.watcher, accounts.watcher], (err, key) =>
    logger.child({ module: 'settings' }).error({ err, key }, 'could not apply a changed setting'),
  );

  /** Background work, started in this order and stopped in the reverse one. */
  const workers: { start(): unknown; stop(): Promise<void> }[] = [
    sessions,
    networkElements,
    mail,
    usage,
    throttlePruner,
  ];
  return {
    config,
    logger,
    db,
    acl: accounts.acl,
    /** The throttles' failure counters (shared with the other processes). */
    throttles,
    manager: sessions.manager,
    auth: auth.service,
    users: users.service,
    accounts: accounts.service,
    sessions: sessions.service,
    overview: overview.service,
    audit: audit.service,
    options: options.service,
    /** The mail outbox and its sender. */
    mail: mail.service,
    /** Mail for the console: SMTP settings (Options tab), test message, outbox. */
    mailAdmin: mail.admin,
    usage: usage.service,
    /** Deletes session history past OIG_HISTORY_RETENTION_DAYS (hourly; `prune()` on demand). */
    historyRetention: sessions.retention,
    /** Refused application logins (read side) and the write of those held now (tests). */
    refusedLogins: sessions.refused,
    flushRefusedLogins: sessions.flushRefused,
    /** Deletes refused logins past OIG_REFUSED_LOGIN_RETENTION_DAYS / _MAX_ROWS (hourly; `prune()` on demand). */
    refusedLoginsRetention: sessions.refusedRetention,
    /** Deletes done outbox messages past OIG_MAIL_RETENTION_DAYS (hourly; `prune()` on demand). */
    mailRetention: mail.retention,
    mivoiceSettings: mivoiceSettings.service,
    directory: directory.service,
    userList: userList.service,
    localization: localization.service,
    networkElements: networkElements.service,
    openMedia: openMedia.service,
    /** The rotating log files (OIG_LOG_DIR) as the console reads them. */
    logs: logs.service,
    support: support.service,
    /** Configuration backup and restore (Options tab, `npm run backup` / `npm run restore`). */
    backup: backup.service,
    /** The admin API's routers; api-router.ts mounts them around the guards. */
    routes: {
      /** /auth before the auth guard (sign-in, me), then after it for every role (sign-out, own password). */
      signIn: auth.routes.public,
      signedIn: auth.routes.signedIn,
      /** After the administrator-for-mutations guard, in this order. */
      api: [
        overview.routes,
        accounts.routes,
        sessions.routes,
        users.routes,
        networkElements.routes,
        openMedia.routes,
        options.routes,
        mail.routes,
        usage.routes,
        mivoiceSettings.routes,
        directory.routes,
        userList.routes,
        localization.routes,
        backup.routes,
        audit.routes,
        logs.routes,
        support.routes,
      ],
    },
    /** False while shutting down; /readyz reports it. */
    ready: true as boolean,
    /**
     * Starts the background work (session sweeper, reachability probe, mail outbox, monthly
     * report, pruning of expired throttle counters).
     */
    async start() {
      for (const w of workers) await w.start();
    },
    /** Stops the background work in the reverse order; the database stays open. */
    async stop() {
      for (const w of [...workers].reverse()) await w.stop();
    },
  };
}
