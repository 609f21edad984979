import pino, { type Logger } from 'pino';
import { openLogFiles, type LogFilesConfig } from './lib/log-files.js';

/** Console logging levels (Options tab) mapped onto pino levels. */
export const LOG_LEVELS = { error: 'error', warning: 'warn', info: 'info', trace: 'trace' } as const;
export type ConsoleLogLevel = keyof typeof LOG_LEVELS;

/**
 * Fields whose value is a secret, wherever a log call puts them (top level or one object down):
 * console and application passwords, the SMTP password, the Google service account's key, the
 * Open Media password, tokens, full session ids, connection strings with credentials, a TLS key.
 */
export const SECRET_LOG_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'localPassword',
  'applicationPassword',
  'openMediaPassword',
  'smtpPassword',
  'adminPassword',
  'privateKey',
  'private_key',
  'serviceAccountKey',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'csrfToken',
  'sessionId',
  'authenticationData',
  'smtpUrl',
  'databaseUrl',
  'connectionString',
  'cookie',
  'authorization',
  'passphrase',
] as const;

export const REDACTED = '[redacted]';

/** Where a URL written in text ends: white space, a quote, an angle bracket, a backslash (JSON's escapes). */
const URL_END = /[\s"'`<>\\]/g;

/**
 * `scheme://user:password@host` → `scheme://[redacted]@host`, for every URL in `text`. A URL runs
 * from its `://` to the next white space, quote, angle bracket or backslash; its credentials are
 * everything up to the LAST `@` in it (a password may hold an `@` of its own: `u:p@ss@host`). So an
 * `@` later in a URL (an e-mail address in its path) hides the path before it too: the safe side.
 * One pass, linear in the text's length whatever it holds; the same text in JSON (its quotes and
 * backslash escapes end a URL alike) gives the same result, which is how log lines are scrubbed.
 */
export function stripUrlCredentials(text: string): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const scheme = text.indexOf('://', from);
    if (scheme < 0) break;
    const start = scheme + 3;
    URL_END.lastIndex = start;
    const end = URL_END.exec(text)?.index ?? text.length;
    // The next `@` from here (kept between URLs, so the text is searched once).
    if (at < start) at = text.indexOf('@', start);
    if (at < 0) break;
    if (at < end) {
      out += text.slice(copied, start) + REDACTED;
      copied = text.lastIndexOf('@', end - 1);
    }
    from = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

export function createLogger(level: ConsoleLogLevel, destination?: pino.DestinationStream): Logger {
  const logger = pino(
    {
      level: LOG_LEVELS[level],
      base: { service: 'oig' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          ...SECRET_LOG_KEYS.flatMap((k) => [k, `*.${k}`]),
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers.applicationinfo',
          'req.headers["x-csrf-token"]',
          // An HTTP client's error (gaxios: Google) carries the request it made: its bearer token
          // and its body (a signed token request).
          'err.config.headers.Authorization',
          'err.config.headers.authorization',
          'err.config.data',
          'err.config.body',
          'err.response.config.headers.Authorization',
          'err.response.config.data',
        ],
        censor: REDACTED,
      },
      hooks: {
        // A URL with credentials (an SMTP or PostgreSQL URL) may be anywhere in a line: the message,
        // one taken from an error, an error's stack, any field at any depth, a child's bindings.
        // The whole serialized line is scrubbed, after pino's serializers and redaction.
        streamWrite: stripUrlCredentials,
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

/**
 * The product's logger: every line on stdout and in the rotating files of `files`
 * (lib/log-files.ts; tests may leave stdout out). `flush()` writes what the files' buffer still
 * holds (at shutdown).
 */
export async function createProductLogger(
  level: ConsoleLogLevel,
  files: LogFilesConfig,
  opts: { stdout?: boolean } = {},
): Promise<{ logger: Logger; flush(): void }> {
  const file = await openLogFiles(files);
  // Each stream takes every line: the logger's own level (the Options tab's) decides what is written.
  const streams: pino.StreamEntry[] = [{ level: 'trace', stream: file }];
  if (opts.stdout !== false)
    streams.push({ level: 'trace', stream: pino.destination({ dest: 1, sync: true }) });
  const logger = createLogger(level, pino.multistream(streams));
  return {
    logger,
    flush: () => {
      try {
        file.flushSync();
      } catch {
        // nothing to flush, or the disk refused: stdout had every line
      }
    },
  };
}

export type { Logger };
