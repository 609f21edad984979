import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pinoRoll from 'pino-roll';
import type SonicBoom from 'sonic-boom';

/**
 * The rotating log files (docs/architecture.md, "Logs"): `<dir>/oig.<n>.log`, one pino JSON line
 * each, written by pino-roll (pino's own rotation, on the main thread through sonic-boom's
 * asynchronous writes: no worker thread). The number goes up at each rotation and is continued
 * from the folder's highest after a restart; the oldest files beyond the retained count are
 * deleted at each rotation, those of earlier runs included.
 */
export const LOG_FILE_BASE = 'oig';
export const LOG_FILE_EXTENSION = '.log';
const LOG_FILE_NAME = /^oig\.(\d{1,15})\.log$/;

/** Bytes sonic-boom holds while the disk is slower than the logging: beyond that lines are dropped. */
export const LOG_WRITE_BUFFER_MAX = 16 * 1024 * 1024;

export interface LogFilesConfig {
  dir: string;
  fileMaxBytes: number;
  /** Files kept in all, the current one included. */
  files: number;
}

/** Opens the current log file (a new number when the previous one is full at the next write). */
export async function openLogFiles(cfg: LogFilesConfig): Promise<SonicBoom> {
  const stream = await pinoRoll({
    file: path.join(cfg.dir, LOG_FILE_BASE),
    extension: LOG_FILE_EXTENSION,
    size: `${Math.max(1, Math.floor(cfg.fileMaxBytes / 1024))}k`,
    limit: { count: cfg.files - 1, removeOtherLogFiles: true },
    mkdir: true,
    maxLength: LOG_WRITE_BUFFER_MAX,
  });
  // A full disk or a deleted folder must not stop the product: the lines still go to stdout.
  stream.on('error', () => undefined);
  return stream;
}

export interface LogFile {
  name: string;
  path: string;
  /** Its rotation number: higher is newer. */
  number: number;
  size: number;
}

/** The log files in `dir`, newest first (missing folder: none). Sizes as of this call. */
export async function listLogFiles(dir: string): Promise<LogFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files: LogFile[] = [];
  for (const name of names) {
    const m = LOG_FILE_NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    try {
      const s = await stat(file);
      if (s.isFile()) files.push({ name, path: file, number: Number(m[1]), size: s.size });
    } catch {
      // deleted by a rotation meanwhile
    }
  }
  return files.sort((a, b) => b.number - a.number);
}

/** Bytes read from the end of a file at a time. */
export const BACKWARD_CHUNK = 64 * 1024;
/** A line longer than this (none is written by the product) is skipped whole, never held. */
export const MAX_LOG_LINE_BYTES = 1024 * 1024;

/** Bytes a reader may still read (shared by the files of one request), and whether it ran out. */
export interface ReadBudget {
  left: number;
  exhausted: boolean;
}

/**
 * The lines of `file`'s first `size` bytes, last first, read in chunks from the end, so a file is
 * never held in memory whole. Each chunk read is taken from `budget`; with none left it stops
 * (`exhausted` when bytes remained unread). A file removed by a rotation meanwhile yields nothing.
 */
export async function* linesBackwards(
  file: string,
  size: number,
  budget: ReadBudget,
  chunk = BACKWARD_CHUNK,
): AsyncGenerator<string> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    return;
  }
  try {
    let pos = size;
    let tail: Buffer = Buffer.alloc(0);
    // A line found too long was dropped from its end: the piece before the next line break (its
    // beginning) is dropped too, never answered as a line of its own.
    let dropping = false;
    while (pos > 0) {
      if (budget.left <= 0) {
        budget.exhausted = true;
        return;
      }
      const len = Math.min(chunk, pos, budget.left);
      pos -= len;
      const buf = Buffer.allocUnsafe(len);
      const { bytesRead } = await fh.read(buf, 0, len, pos);
      budget.left -= len;
      // Fewer bytes than asked (the file was cut shorter meanwhile): only those, never the rest of
      // the uninitialised buffer.
      const got = buf.subarray(0, bytesRead);
      const data = tail.length > 0 ? Buffer.concat([got, tail]) : got;
      let end = data.length;
      while (end > 0) {
        const nl = data.lastIndexOf(10, end - 1);
        if (nl < 0) break;
        const len = end - nl - 1;
        if (dropping) dropping = false;
        else if (len > 0 && len <= MAX_LOG_LINE_BYTES) yield data.toString('utf8', nl + 1, end);
        end = nl;
      }
      // The bytes before the first line break belong to a line that began in an earlier chunk.
      if (end > MAX_LOG_LINE_BYTES) {
        tail = Buffer.alloc(0);
        dropping = true;
      } else tail = Buffer.from(data.subarray(0, end));
    }
    if (tail.length > 0 && !dropping) yield tail.toString('utf8');
  } finally {
    await fh.close();
  }
}
