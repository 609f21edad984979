import type { Logger } from 'pino';
import { z } from 'zod';
import { LOGGING_LEVELS, type LoggingLevel, type Options, type UpdateOptionsRequest } from '@oig/shared';
import type { Config } from '../../config.js';
import { LOG_LEVELS } from '../../logger.js';
import type { Actor, AuditService } from '../audit/audit.service.js';
import type { SettingsRepo } from './settings.repo.js';

export const OPTIONS_KEY = 'options';
const storedOptionsSchema = z.object({ loggingLevel: z.enum(LOGGING_LEVELS), usageReportEmail: z.string().nullable() });
type StoredOptions = z.infer<typeof storedOptionsSchema>;

/**
 * Options tab: the logging level (applied to the running logger at once, persisted, and picked
 * up by the other processes) and the usage-report address.
 */
export function createOptionsService(deps: { settings: SettingsRepo; audit: AuditService; logger: Logger; config: Config; now?: () => number }) {
  const { settings, audit, logger, config } = deps;
  const now = deps.now ?? Date.now;

  const stored = async (): Promise<StoredOptions> =>
    (await settings.get(OPTIONS_KEY, storedOptionsSchema)) ?? { loggingLevel: config.logLevel, usageReportEmail: null };

  const apply = (level: LoggingLevel) => {
    logger.level = LOG_LEVELS[level];
  };

  const view = (o: StoredOptions): Options => ({
    ...o,
    keepAlive: { soapSeconds: config.keepAlive.soapMs / 1000, restSeconds: config.keepAlive.restMs / 1000 },
  });

  return {
    /** At start: a level saved in the Options tab wins over OIG_LOG_LEVEL. */
    async init(): Promise<void> {
      apply((await stored()).loggingLevel);
    },

    /** Another process changed a setting. */
    async onSettingChanged(key: string): Promise<void> {
      if (key === OPTIONS_KEY) apply((await stored()).loggingLevel);
    },

    async get(): Promise<Options> {
      return view(await stored());
    },

    async update(req: UpdateOptionsRequest, actor: Actor): Promise<Options> {
      const before = await stored();
      const after: StoredOptions = {
        loggingLevel: req.loggingLevel ?? before.loggingLevel,
        usageReportEmail: req.usageReportEmail === undefined ? before.usageReportEmail : req.usageReportEmail,
      };
      await settings.set(OPTIONS_KEY, after, now());
      apply(after.loggingLevel);
      await audit.record(actor, 'options.update', 'Options', before, after);
      logger.info({ actor: actor.username, loggingLevel: after.loggingLevel }, 'options updated');
      return view(after);
    },
  };
}
export type OptionsService = ReturnType<typeof createOptionsService>;
