import { createSerialQueue } from '../../lib/serial.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LOGGING_LEVELS, type LoggingLevel, type Options, type UpdateOptionsRequest } from '@oig/shared';
import type { Config } from '../../config.js';
import { setLoggerLevel, trackChildLoggers } from '../../logger.js';
import type { Actor, AuditService } from '../audit/index.js';
import type { SettingsStore } from '../../db/settings-store.js';

export const OPTIONS_KEY = 'options';
const storedOptionsSchema = z.object({
  loggingLevel: z.enum(LOGGING_LEVELS),
  usageReportEmail: z.string().nullable(),
});
type StoredOptions = z.infer<typeof storedOptionsSchema>;

/**
 * Options tab: the logging level (applied to the running logger at once, persisted, and picked
 * up by the other processes) and the usage-report address.
 *
 * `logger` must be the root logger. pino children copy their parent's level when they are made
 * and do not follow later changes, so the level is set through `setLoggerLevel`, which also sets
 * every descendant the root tracks. `createLogger` tracks from the start; for a logger made
 * otherwise, tracking starts here (children made before this call then keep their level).
 */
export function createOptionsService(deps: {
  settings: SettingsStore;
  audit: AuditService;
  logger: Logger;
  config: Config;
  now?: () => number;
}) {
  const { settings, audit, logger, config } = deps;
  const now = deps.now ?? Date.now;
  trackChildLoggers(logger);

  const saved = (): Promise<StoredOptions | undefined> => settings.get(OPTIONS_KEY, storedOptionsSchema);
  const stored = async (): Promise<StoredOptions> =>
    (await saved()) ?? { loggingLevel: config.logLevel, usageReportEmail: null };

  const apply = (level: LoggingLevel) => {
    setLoggerLevel(logger, level);
  };

  const view = (o: StoredOptions): Options => ({
    ...o,
    keepAlive: { soapSeconds: config.keepAlive.soapMs / 1000, restSeconds: config.keepAlive.restMs / 1000 },
  });

  // Updates in this process run one at a time, so two saves of different fields do not lose
  // one another (read-modify-write of one stored value). Across processes the last save wins.
  const serialized = createSerialQueue();

  return {
    /**
     * At start: a level saved in the Options tab wins over OIG_LOG_LEVEL. With none saved the
     * logger keeps the level it was created with (OIG_LOG_LEVEL, or a test's silent logger).
     */
    async init(): Promise<void> {
      const s = await saved();
      if (s) apply(s.loggingLevel);
    },

    /** Another process changed a setting (or notifications were lost: key 'options'). */
    async onSettingChanged(key: string): Promise<void> {
      if (key === OPTIONS_KEY) apply((await stored()).loggingLevel);
    },

    async get(): Promise<Options> {
      return view(await stored());
    },

    async update(req: UpdateOptionsRequest, actor: Actor): Promise<Options> {
      return serialized(async () => {
        const previous = await saved();
        const before = previous ?? (await stored());
        const after: StoredOptions = {
          loggingLevel: req.loggingLevel ?? before.loggingLevel,
          usageReportEmail:
            req.usageReportEmail === undefined ? before.usageReportEmail : req.usageReportEmail,
        };
        // Saving what is already saved changes nothing (no write, no audit entry). A first save
        // is always written, even of the defaults: a saved level wins over OIG_LOG_LEVEL.
        if (
          previous &&
          after.loggingLevel === before.loggingLevel &&
          after.usageReportEmail === before.usageReportEmail
        )
          return view(after);
        await settings.set(OPTIONS_KEY, after, now());
        apply(after.loggingLevel);
        await audit.record(actor, 'options.update', 'Options', before, after);
        logger
          .child({ module: 'options' })
          .info({ actor: actor.username, loggingLevel: after.loggingLevel }, 'options updated');
        return view(after);
      });
    },
  };
}
export type OptionsService = ReturnType<typeof createOptionsService>;
