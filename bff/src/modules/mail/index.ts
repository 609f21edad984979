import { createRetentionJob, PRUNE_EVERY_MS } from '../../lib/retention.js';
import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import { createMailAdminService, mailSettingsHooks } from './mail-admin.service.js';
import type { SmtpTimeouts } from './mail-transport.js';
import { createMailRepo } from './mail.repo.js';
import { mailRoutes } from './mail.routes.js';
import { createMailService } from './mail.service.js';

export type { SmtpTimeouts } from './mail-transport.js';
export type { MailAdminService } from './mail-admin.service.js';
export { RETRY_BASE_MS, RETRY_MAX_MS, type EnqueueMail, type MailService } from './mail.service.js';
export { MAIL_PART_BYTES } from './mail.repo.js';
/** Its settings key (the configuration backup reads and restores it). */
export { MAIL_SMTP_KEY } from './mail-admin.service.js';

/**
 * The mail outbox and its worker (`service`), and the console's mail administration (`admin`:
 * SMTP settings, test message, outbox list, retry, discard).
 */
export function createMailModule(
  deps: ModuleDeps & {
    audit: AuditService;
    /** SMTP timeouts and the worker period (0 = no timer); tests shorten them. */
    timeouts?: Partial<SmtpTimeouts> | undefined;
    pollMs?: number | undefined;
    /** How long a console action waits for its .eml file (default FILE_OUTCOME_WAIT_MS). */
    outcomeWaitMs?: number | undefined;
    /** Outbox pruning period (default PRUNE_EVERY_MS; 0 = no timer). */
    pruneMs?: number | undefined;
  },
) {
  const { db, config, settings, now } = deps;
  const logger = deps.logger.child({ module: 'mail' });
  const repo = createMailRepo(db.db, db.kind);
  const service = createMailService({
    repo,
    dbKind: db.kind,
    config,
    logger,
    now,
    ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    ...(deps.outcomeWaitMs !== undefined ? { outcomeWaitMs: deps.outcomeWaitMs } : {}),
    // The Options tab's server and sender, re-read at every batch: a change applies at once everywhere.
    ...mailSettingsHooks(settings, config),
  });
  const retention = createRetentionJob({
    what: 'mail outbox',
    prune: (before) => repo.pruneDone(before),
    retentionMs: config.mailRetentionMs,
    everyMs: deps.pruneMs ?? PRUNE_EVERY_MS,
    now,
    logger,
  });
  const admin = createMailAdminService({ settings, mail: service, audit: deps.audit, config, logger, now });
  return {
    service,
    admin,
    routes: mailRoutes(admin),
    /** Deletes messages done longer than OIG_MAIL_RETENTION_DAYS ago, with their parts (at start, then hourly). */
    retention,
    start: () => {
      retention.start();
      return service.start();
    },
    stop: async () => {
      await retention.stop();
      return service.stop();
    },
  };
}
