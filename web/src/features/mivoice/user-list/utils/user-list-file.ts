import { USER_LIST_COLUMNS, USER_LIST_MAX_BYTES, USER_LIST_REQUIRED_COLUMNS } from '@oig/shared';
import Papa from 'papaparse';
import { readBytes } from '../../utils/read-file';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

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
  | { kind: 'noRows' };

/** Worth knowing, but the server decides (its dry-run report has the details). */
export type UserListFileWarning = { kind: 'quotes' };

export interface UserListHeaderCheck {
  /** The header's column names as the importer reads them (trimmed, lower-case). */
  columns: string[];
  errors: UserListFileError[];
  warnings: UserListFileWarning[];
}

export interface UserListFileCheck extends UserListHeaderCheck {
  /** Data rows (blank lines not counted); null when reading stopped at a bad header. */
  rows: number | null;
  delimiter: string;
  encoding: CsvEncoding;
}

const KNOWN: ReadonlySet<string> = new Set(USER_LIST_COLUMNS);

/** A header cell as the importer compares it: no BOM, no surrounding blanks, lower-case. */
export function normaliseColumn(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

/**
 * Checks a user-list header row (names case-insensitive, any order): both required columns
 * present, no column twice, no column the importer does not know, no column without a name
 * before a named one (the server refuses those too). Unnamed columns at the end — a
 * spreadsheet's trailing delimiters — are allowed, as by the server, while their cells are empty.
 */
export function checkUserListHeader(cells: readonly string[]): UserListHeaderCheck {
  const columns = cells.map(normaliseColumn);
  const named = columns.filter((c) => c !== '');
  const errors: UserListFileError[] = [];
  const warnings: UserListFileWarning[] = [];
  if (named.length === 0) return { columns, errors: [{ kind: 'noHeader' }], warnings };

  const missing = USER_LIST_REQUIRED_COLUMNS.filter((c) => !named.includes(c));
  if (missing.length > 0) errors.push({ kind: 'missingColumns', columns: [...missing] });
  const duplicates = [...new Set(named.filter((c, i) => named.indexOf(c) !== i))];
  if (duplicates.length > 0) errors.push({ kind: 'duplicateColumns', columns: duplicates });
  const unknown = [...new Set(named.filter((c) => !KNOWN.has(c)))];
  if (unknown.length > 0) errors.push({ kind: 'unknownColumns', columns: unknown });
  let last = columns.length;
  while (last > 0 && columns[last - 1] === '') last--;
  const unnamed = columns.slice(0, last).flatMap((c, i) => (c === '' ? [i + 1] : []));
  if (unnamed.length > 0) errors.push({ kind: 'unnamedColumns', positions: unnamed });
  return { columns, errors, warnings };
}

/** The encoding a file announces by its byte order mark, or (no BOM) by the zero bytes of UTF-16 ASCII text. */
export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  const [b0, b1] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return 'utf-16le';
  if (bytes.length >= 2 && b0 === 0 && b1 !== 0) return 'utf-16be';
  return 'utf-8';
}

/** Bytes read per step: small enough to update the progress bar often and keep the page responsive. */
export const CHECK_CHUNK_BYTES = 512 * 1024;

export interface CheckOptions {
  /** Fraction of the file read so far (0–1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  chunkBytes?: number;
}

/**
 * Reads a user-list CSV in the browser before it is uploaded: size, encoding, delimiter
 * (`,` `;` or tab, detected), the header, and the number of data rows. The file is parsed with
 * papaparse in chunks, each read by its own FileReader task, so a 100,000-row file keeps the
 * page responsive and reports progress. Stops early at a bad header. Rejects with an AbortError
 * when `signal` aborts.
 */
export async function checkUserListFile(
  file: File,
  { onProgress, signal, chunkBytes = CHECK_CHUNK_BYTES }: CheckOptions = {},
): Promise<UserListFileCheck> {
  const base = { rows: null, delimiter: ',', encoding: 'utf-8' as CsvEncoding, columns: [], warnings: [] };
  if (file.size === 0) return { ...base, errors: [{ kind: 'empty' }] };
  if (file.size > USER_LIST_MAX_BYTES) return { ...base, errors: [{ kind: 'tooLarge', size: file.size }] };

  let encoding: CsvEncoding;
  try {
    encoding = detectEncoding(await readBytes(file.slice(0, 4)));
  } catch {
    return { ...base, errors: [{ kind: 'unreadable' }] };
  }

  return new Promise<UserListFileCheck>((resolve, reject) => {
    let header: UserListHeaderCheck | null = null;
    let rows = 0;
    let delimiter = ',';
    let quotes = false;
    let chunks = 0;
    let failed = false;

    Papa.parse<string[]>(file, {
      encoding,
      chunkSize: chunkBytes,
      skipEmptyLines: 'greedy',
      delimitersToGuess: [',', ';', '\t'],
      chunk: (results, parser) => {
        chunks++;
        if (signal?.aborted) {
          parser.abort();
          return;
        }
        delimiter = results.meta.delimiter || delimiter;
        if (results.errors.some((e) => e.type === 'Quotes')) quotes = true;
        let data = results.data;
        if (!header && data.length > 0) {
          header = checkUserListHeader(data[0] ?? []);
          data = data.slice(1);
          if (header.errors.length > 0) {
            parser.abort();
            return;
          }
        }
        rows += data.length;
        onProgress?.(Math.min(1, (chunks * chunkBytes) / file.size));
      },
      complete: () => {
        if (failed) return;
        if (signal?.aborted) {
          reject(new DOMException('The check was cancelled', 'AbortError'));
          return;
        }
        const checked: UserListHeaderCheck = header ?? {
          columns: [],
          errors: [{ kind: 'noHeader' }],
          warnings: [],
        };
        const errors = [...checked.errors];
        const warnings = [...checked.warnings];
        if (errors.length === 0 && rows === 0) errors.push({ kind: 'noRows' });
        if (quotes) warnings.push({ kind: 'quotes' });
        onProgress?.(1);
        resolve({
          columns: checked.columns,
          errors,
          warnings,
          rows: checked.errors.length > 0 ? null : rows,
          delimiter,
          encoding,
        });
      },
      error: () => {
        failed = true;
        resolve({ ...base, encoding, errors: [{ kind: 'unreadable' }] });
      },
    });
  });
}
