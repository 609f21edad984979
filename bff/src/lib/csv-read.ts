import {
  csvReadReason,
  type ErrorReason,
  checkLineCount as checkLines,
  CsvReadError,
  decodeTextUpload as decodeText,
  readCsvRecords as readRecords,
  type CsvDelimiter,
  type CsvRecord,
} from '@oig/shared';
import { AppError, fieldProblem } from '../http/app-error.js';

/**
 * The server's side of the CSV reader in `@oig/shared` (shared/src/csv/, also run by the console
 * before an upload): the same functions, but a problem with the file as a whole is the 400 the API
 * has always answered — the reader's English message, and its short form as the `file` field.
 */

/**
 * A file-level problem: a 400 `reason` {params}, whose `file` field (same reason) says `field`
 * (a short form) or the message.
 */
export const fileError = (
  reason: ErrorReason,
  params: Record<string, string>,
  message: string,
  field = message,
) =>
  new AppError('validation_failed', reason, message, {
    params,
    fields: { file: fieldProblem(reason, field, params) },
  });

/** The 400 of a CsvReadError (reason `csv_<code>`, params with its `line`); anything else as it is. */
export const toAppError = (err: unknown): unknown =>
  err instanceof CsvReadError
    ? fileError(
        csvReadReason(err.code),
        { ...err.params, ...(err.line !== null ? { line: String(err.line) } : {}) },
        err.message,
        err.summary,
      )
    : err;

/** Runs `fn`, answering its CsvReadError with the 400. */
export function csvReading<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toAppError(err);
  }
}

/** See the shared decodeTextUpload. */
export const decodeTextUpload = (bytes: Uint8Array, saveAs: string) =>
  csvReading(() => decodeText(bytes, saveAs));

/** See the shared checkLineCount. */
export const checkLineCount = (text: string, max: number, what: string) =>
  csvReading(() => checkLines(text, max, what));

/** See the shared readCsvRecords. */
export function* readCsvRecords(
  text: string,
  delimiter: CsvDelimiter,
  opts: { maxFields?: number } = {},
): Generator<CsvRecord, void, undefined> {
  const records = readRecords(text, delimiter, opts);
  for (;;) {
    const r = csvReading(() => records.next());
    if (r.done) return;
    yield r.value;
  }
}

/** Every record (see readCsvRecords). */
export const parseCsvRecords = (
  text: string,
  delimiter: CsvDelimiter,
  opts: { maxFields?: number } = {},
): CsvRecord[] => [...readCsvRecords(text, delimiter, opts)];
