import { z } from 'zod';

/** Levels of a log line, lowest first (pino's trace 10 … fatal 60; warn is said "warning"). */
export const LOG_LINE_LEVELS = ['trace', 'debug', 'info', 'warning', 'error', 'fatal'] as const;
export type LogLineLevel = (typeof LOG_LINE_LEVELS)[number];

/**
 * The `module` field of the server's log lines: one per server module or part of the server that
 * logs (a test holds every `child({ module })` of the server to this list).
 */
export const LOG_MODULES = [
  'accounts',
  'audit',
  'auth',
  'backup',
  'db',
  'directory',
  'http',
  'localization',
  'mail',
  'network-elements',
  'open-media',
  'options',
  'probe',
  'rest',
  'server',
  'sessions',
  'settings',
  'soap',
  'support',
  'throttle',
  'usage',
  'user-list',
  'users',
] as const;
export type LogModule = (typeof LOG_MODULES)[number];

/** Most lines one GET /logs answers. */
export const LOGS_MAX_LIMIT = 1000;
/** Bytes of log files one GET /logs reads at most, newest first (a filter matching nothing stops here). */
export const LOGS_MAX_SCAN_BYTES = 32 * 1024 * 1024;

/**
 * GET /logs query, all optional: `level` the lowest level shown, `module` one module, `q` text
 * anywhere in the line (case-insensitive), `limit` lines (newest first).
 */
export const logsQuerySchema = z
  .object({
    level: z.enum(LOG_LINE_LEVELS, { error: 'Unknown log level' }).optional(),
    module: z
      .string()
      .max(64, 'module is at most 64 characters')
      .regex(/^[a-z][a-z0-9-]*$/, 'module is a lower-case module name, e.g. sessions')
      .optional(),
    q: z.string().max(200, 'Filter is at most 200 characters').optional(),
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int(`limit must be 1–${LOGS_MAX_LIMIT}`)
      .min(1, `limit must be 1–${LOGS_MAX_LIMIT}`)
      .max(LOGS_MAX_LIMIT, `limit must be 1–${LOGS_MAX_LIMIT}`)
      .default(200),
  })
  .strict();
export type LogsQuery = z.infer<typeof logsQuerySchema>;

export const logLineSchema = z.object({
  /** ISO 8601, as written. */
  time: z.string(),
  level: z.enum(LOG_LINE_LEVELS),
  /** Null for a line of no module. */
  module: z.string().nullable(),
  msg: z.string(),
  /** The line's other fields (pid, hostname and service left out). */
  fields: z.record(z.string(), z.unknown()),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const logsPageSchema = z.object({
  /** Matching lines, newest first. */
  lines: z.array(logLineSchema),
  /** Bytes of log files read for this answer. */
  scannedBytes: z.number().int(),
  /** True when the read stopped at LOGS_MAX_SCAN_BYTES with older lines left unread. */
  truncated: z.boolean(),
});
export type LogsPage = z.infer<typeof logsPageSchema>;
