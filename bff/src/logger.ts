import pino, { type Logger } from 'pino';

/** Console logging levels (Options tab) mapped onto pino levels. */
export const LOG_LEVELS = { error: 'error', warning: 'warn', info: 'info', trace: 'trace' } as const;
export type ConsoleLogLevel = keyof typeof LOG_LEVELS;

export function createLogger(level: ConsoleLogLevel, destination?: pino.DestinationStream): Logger {
  const logger = pino(
    {
      level: LOG_LEVELS[level],
      base: { service: 'oig' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'password',
          '*.password',
          'localPassword',
          '*.localPassword',
          'applicationPassword',
          '*.applicationPassword',
          'openMediaPassword',
          '*.openMediaPassword',
          'passphrase',
          '*.passphrase',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
  trackChildLoggers(logger);
  return logger;
}

/**
 * pino children copy their parent's level when they are made and do not follow later changes
 * of it, so a level set on the root alone would not reach the modules' loggers. The root
 * therefore keeps (weak) references to every descendant made after this call, and
 * `setLoggerLevel` sets them all. Idempotent; descendants made before the call are not known,
 * which is why `createLogger` calls it before any child exists.
 */
const descendants = new WeakMap<Logger, Set<WeakRef<Logger>>>();
export function trackChildLoggers(root: Logger): void {
  if (descendants.has(root)) return;
  const refs = new Set<WeakRef<Logger>>();
  const forget = new FinalizationRegistry<WeakRef<Logger>>((ref) => refs.delete(ref));
  descendants.set(root, refs);
  const previous = root.onChild;
  // pino calls `parent.onChild(child)`; grandchildren find this hook through the prototype chain.
  root.onChild = function (this: Logger, child: Logger) {
    const ref = new WeakRef(child);
    refs.add(ref);
    forget.register(child, ref);
    previous.call(this, child);
  };
}

/** Sets the level of a root logger and of every descendant it tracks. */
export function setLoggerLevel(root: Logger, level: ConsoleLogLevel): void {
  const pinoLevel = LOG_LEVELS[level];
  root.level = pinoLevel;
  for (const ref of descendants.get(root) ?? []) {
    const child = ref.deref();
    if (child) child.level = pinoLevel;
  }
}

export type { Logger };
