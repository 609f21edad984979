import pino, { type Logger } from 'pino';

/** Console logging levels (Options tab) mapped onto pino levels. */
export const LOG_LEVELS = { error: 'error', warning: 'warn', info: 'info', trace: 'trace' } as const;
export type ConsoleLogLevel = keyof typeof LOG_LEVELS;

export function createLogger(level: ConsoleLogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: LOG_LEVELS[level],
      base: { service: 'oig' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['password', '*.password', 'localPassword', '*.localPassword', 'applicationPassword', '*.applicationPassword', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    destination,
  );
}

export type { Logger };
