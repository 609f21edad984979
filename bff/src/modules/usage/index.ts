import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import type { LicenseCounters } from '../licensing/index.js';
import type { MailService } from '../mail/index.js';
import type { OptionsService } from '../options/index.js';
import { createCalendar } from './calendar.js';
import type { ScanSize } from '../../lib/windows.js';
import { createUsageRepo } from './usage.repo.js';
import { usageRoutes } from './usage.routes.js';
import { createUsageReportScheduler, createUsageService } from './usage.service.js';

export { isTimeZone, systemTimeZone } from './calendar.js';
export type { UsageService } from './usage.service.js';

/** Usage per day, the Overview chart and the usage report (now and monthly). */
export function createUsageModule(
  deps: ModuleDeps & {
    licensing: Pick<LicenseCounters, 'usage'>;
    mail: Pick<MailService, 'enqueue' | 'get' | 'outcome'>;
    options: Pick<OptionsService, 'get'>;
    audit: AuditService;
    /** Monthly report check period (default config.reportCheckMs; 0 = no timer). */
    reportCheckMs?: number | undefined;
    /** Sizes of the bounded statements that read sessions (tests make them small). */
    scan?: ScanSize | undefined;
  },
) {
  const { config, options } = deps;
  const logger = deps.logger.child({ module: 'usage' });
  const service = createUsageService({
    repo: createUsageRepo(deps.db.db, deps.scan),
    licensing: deps.licensing,
    calendar: createCalendar(config.timeZone),
    license: () => config.license,
    instanceName: config.instanceName,
    mail: deps.mail,
    reportEmail: async () => (await options.get()).usageReportEmail,
    historyRetentionMs: config.historyRetentionMs,
    audit: deps.audit,
    logger,
    now: deps.now,
  });
  const scheduler = createUsageReportScheduler(service, deps.reportCheckMs ?? config.reportCheckMs, logger);
  return {
    service,
    routes: usageRoutes(service),
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
  };
}
