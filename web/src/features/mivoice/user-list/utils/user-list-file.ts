import {
  analyseUserListHeader,
  CsvReadError,
  readUserList,
  USER_LIST_MAX_BYTES,
  UserListHeaderError,
  type CsvReadErrorCode,
  type TextEncoding,
  type UserListHeader,
} from '@oig/shared';
import { readBytes } from '../../utils/read-file';

export type CsvEncoding = TextEncoding;

/** The server's refusals of a file as a whole that have no kind of their own here (the header's have). */
export type UserListFileErrorCode = Exclude<CsvReadErrorCode, 'no_header' | 'wrong_header'>;

/** A problem that stops the upload: the server would refuse the whole file. */
export type UserListFileError =
  | { kind: 'empty' }
  | { kind: 'tooLarge'; size: number }
  | { kind: 'unreadable' }
  | { kind: 'noHeader' }
  | { kind: 'missingColumns'; columns: string[] }
  | { kind: 'duplicateColumns'; columns: string[] }
  | { kind: 'unknownColumns'; columns: string[] }
  /** Columns without a name before the last named one (1-based positions). */
  | { kind: 'unnamedColumns'; positions: number[] }
  | { kind: 'noRows' }
  /** The encoding, the number of lines, the quotes or the width: the shared reader's code, params and line. */
  | {
      kind: 'file';
      code: UserListFileErrorCode;
      params: Readonly<Record<string, string>>;
      line: number | null;
    };

/** Worth knowing, but the server decides (its dry-run report lists them). */
export type UserListFileWarning = { kind: 'rowErrors'; rows: number };

export interface UserListHeaderCheck {
  /** The header's column names as the importer reads them (trimmed, lower-case). */
  columns: string[];
  errors: UserListFileError[];
  warnings: UserListFileWarning[];
}

export interface UserListFileCheck extends UserListHeaderCheck {
  /** Data rows (blank lines not counted); null when reading stopped at a problem with the whole file. */
  rows: number | null;
  delimiter: string;
  encoding: CsvEncoding;
}

/** The header's problems, in the console's order and words (the analysis is the server's). */
function headerCheck(header: UserListHeader): UserListHeaderCheck {
  const { names: columns } = header;
  const warnings: UserListFileWarning[] = [];
  if (header.named === 0) return { columns, errors: [{ kind: 'noHeader' }], warnings };
  const errors: UserListFileError[] = [];
  if (header.missing.length > 0) errors.push({ kind: 'missingColumns', columns: [...header.missing] });
  if (header.duplicates.length > 0) errors.push({ kind: 'duplicateColumns', columns: header.duplicates });
  const unknown = [...new Set(header.unknown)];
  if (unknown.length > 0) errors.push({ kind: 'unknownColumns', columns: unknown });
  if (header.unnamed.length > 0) errors.push({ kind: 'unnamedColumns', positions: header.unnamed });
  return { columns, errors, warnings };
}

/**
 * Checks a user-list header row with the server's rule (analyseUserListHeader): names
 * case-insensitive, any order, both required columns present, no column twice, no unknown
 * column, no column without a name before a named one; unnamed columns at the end — a
 * spreadsheet's trailing delimiters — are allowed while their cells are empty.
 */
export const checkUserListHeader = (cells: readonly string[]): UserListHeaderCheck =>
  headerCheck(analyseUserListHeader(cells));

export interface CheckOptions {
  /** Fraction of the file read so far (0–1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** A new task: the page paints and handles input between two slices of the check. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const aborted = () => new DOMException('The check was cancelled', 'AbortError');

/**
 * Reads a user-list CSV in the browser before it is uploaded, with the very rules the server's
 * import applies (`readUserList` in @oig/shared): size, encoding, delimiter, quotes, header, every
 * row. So what it refuses is what the server would refuse, and its row count is the server's.
 * The rows are read in slices with a new task between them, so a 200,000-line file keeps the
 * page responsive and reports progress. Rejects with an AbortError when `signal` aborts.
 */
export async function checkUserListFile(
  file: File,
  { onProgress, signal }: CheckOptions = {},
): Promise<UserListFileCheck> {
  const base = { rows: null, delimiter: ',', encoding: 'utf-8' as CsvEncoding, columns: [], warnings: [] };
  if (file.size === 0) return { ...base, errors: [{ kind: 'empty' }] };
  if (file.size > USER_LIST_MAX_BYTES) return { ...base, errors: [{ kind: 'tooLarge', size: file.size }] };

  let bytes: Uint8Array;
  try {
    bytes = await readBytes(file);
  } catch {
    return { ...base, errors: [{ kind: 'unreadable' }] };
  }
  if (signal?.aborted) throw aborted();

  try {
    const parsed = await readUserList(bytes, {
      // Only counted: the server's dry-run report lists them.
      maxIssues: 0,
      pause: async (progress) => {
        onProgress?.(progress);
        await nextTask();
        if (signal?.aborted) throw aborted();
      },
    });
    onProgress?.(1);
    const warnings: UserListFileWarning[] =
      parsed.badRows > 0 ? [{ kind: 'rowErrors', rows: parsed.badRows }] : [];
    return {
      // The header passed: its names are the columns the importer knows.
      columns: [...parsed.columns],
      errors: parsed.rows === 0 ? [{ kind: 'noRows' }] : [],
      warnings,
      rows: parsed.rows,
      delimiter: parsed.delimiter,
      encoding: parsed.encoding,
    };
  } catch (err) {
    if (err instanceof UserListHeaderError) return { ...base, ...err.format, ...headerCheck(err.header) };
    if (err instanceof CsvReadError) {
      onProgress?.(1);
      // (A wrong header is always a UserListHeaderError, above.)
      if (err.code === 'no_header' || err.code === 'wrong_header')
        return { ...base, errors: [{ kind: 'noHeader' }] };
      return { ...base, errors: [{ kind: 'file', code: err.code, params: err.params, line: err.line }] };
    }
    throw err;
  }
}
