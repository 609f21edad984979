import { open, type FileHandle } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  LOG_LINE_LEVELS,
  LOGS_MAX_SCAN_BYTES,
  type LogLine,
  type LogLineLevel,
  type LogsPage,
  type LogsQuery,
} from '@oig/shared';
import { linesBackwards, listLogFiles, type LogFile, type ReadBudget } from '../../lib/log-files.js';
import { sliceClock } from '../../lib/slices.js';

/** pino's numeric levels → the names the console shows. */
const LEVEL_OF: Record<number, LogLineLevel> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'fatal',
};
const RANK = Object.fromEntries(LOG_LINE_LEVELS.map((l, i) => [l, i])) as Record<LogLineLevel, number>;
/** Fields every line has that say nothing about the event. */
const OMITTED = new Set(['time', 'level', 'module', 'msg', 'pid', 'hostname', 'service']);

/**
 * A line's time as ISO 8601: pino's ISO string as written, or epoch milliseconds (pino's default
 * format); undefined when it is neither a date nor a number of one (`new Date(x).toISOString()`
 * throws for those).
 */
function timeOf(t: unknown): string | undefined {
  if (typeof t === 'string') return Number.isFinite(Date.parse(t)) ? t : undefined;
  if (typeof t !== 'number') return undefined;
  const d = new Date(t);
  return Number.isFinite(d.getTime()) ? d.toISOString() : undefined;
}

/**
 * One written line as the API answers it; undefined for a line that is not one of ours (not a
 * JSON object, no known level, no valid time): such lines are skipped, never an error.
 */
export function parseLogLine(text: string): LogLine | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  const level = typeof o.level === 'number' ? LEVEL_OF[o.level] : undefined;
  if (!level) return undefined;
  const time = timeOf(o.time);
  if (time === undefined) return undefined;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!OMITTED.has(k)) fields[k] = v;
  return {
    time,
    level,
    module: typeof o.module === 'string' ? o.module : null,
    msg: typeof o.msg === 'string' ? o.msg : '',
    fields,
  };
}

/**
 * The log files for the console: the newest lines matching a filter, read from the end of the
 * newest file backwards in 64 KiB chunks, stopping at `limit` lines or LOGS_MAX_SCAN_BYTES
 * (then `truncated`), with a turn of the event loop whenever a slice's budget is used.
 */
export function createLogsService(deps: { dir: string; maxScanBytes?: number }) {
  const maxScan = deps.maxScanBytes ?? LOGS_MAX_SCAN_BYTES;
  return {
    async list(q: LogsQuery): Promise<LogsPage> {
      const files = await listLogFiles(deps.dir);
      const needle = q.q?.trim().toLowerCase() || undefined;
      // A cheap test on the raw text before parsing: the module's field as pino writes it.
      const moduleText = q.module ? `"module":${JSON.stringify(q.module)}` : undefined;
      const minRank = q.level ? RANK[q.level] : 0;
      const lines: LogLine[] = [];
      const budget: ReadBudget = { left: maxScan, exhausted: false };
      const clock = sliceClock();
      outer: for (const f of files) {
        for await (const text of linesBackwards(f.path, f.size, budget)) {
          if (clock.due()) await clock.pause();
          if (moduleText && !text.includes(moduleText)) continue;
          if (needle && !text.toLowerCase().includes(needle)) continue;
          const line = parseLogLine(text);
          if (!line || RANK[line.level] < minRank) continue;
          if (q.module && line.module !== q.module) continue;
          lines.push(line);
          if (lines.length >= q.limit) break outer;
        }
        if (budget.exhausted) break;
        if (budget.left <= 0) {
          // This file was read to its start with the last bytes allowed: older files are left unread.
          budget.exhausted = f !== files[files.length - 1];
          break;
        }
      }
      return { lines, scannedBytes: maxScan - budget.left, truncated: budget.exhausted };
    },

    /** The retained files, as they are now. */
    files: (): Promise<LogFile[]> => listLogFiles(deps.dir),

    /**
     * Every retained file, oldest first, as one NDJSON stream; each file up to its size when
     * listed (the current one keeps growing meanwhile).
     */
    async download(): Promise<Readable> {
      // Opened now: a file a rotation deletes meanwhile is still read whole (oldest first).
      const opened: { fh: FileHandle; size: number }[] = [];
      for (const f of (await listLogFiles(deps.dir)).reverse()) {
        if (f.size === 0) continue;
        const fh = await open(f.path, 'r').catch(() => undefined);
        if (fh) opened.push({ fh, size: f.size });
      }
      const out = new PassThrough();
      void (async () => {
        for (const [i, { fh, size }] of opened.entries()) {
          try {
            await pipeline(fh.createReadStream({ start: 0, end: size - 1 }), out, { end: false });
          } catch {
            // the client went away: close the files not yet read
            for (const rest of opened.slice(i + 1)) await rest.fh.close();
            return;
          }
        }
        out.end();
      })();
      return out;
    },
  };
}
export type LogsService = ReturnType<typeof createLogsService>;
