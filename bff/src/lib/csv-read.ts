import { restoreCell, type UserListImportReport } from '@oig/shared';
import { AppError } from '../http/app-error.js';

/**
 * Reading uploaded CSV files (the MiVoice user list and localization files): bytes → text
 * (`decodeTextUpload`), the header's delimiter (`detectDelimiter`) and records with their
 * physical line numbers (`readCsvRecords`). One line rule everywhere: CRLF, LF or CR end a line.
 * Every problem with the file as a whole is a 400 AppError naming `file` (and the line).
 *
 * Everything here is linear in the size of the file (no backtracking regular expression).
 */

export type CsvDelimiter = UserListImportReport['delimiter'];
export type TextEncoding = UserListImportReport['encoding'];
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/** A file-level problem: a 400 whose `file` field is `field` (a short form) or the message. */
export const fileError = (message: string, field = message) =>
  new AppError('validation_failed', message, { file: field });

/* ---------------------------------------------------------------------------------------- */
/* Lines                                                                                     */
/* ---------------------------------------------------------------------------------------- */

/** The physical line (1-based; CRLF, LF or CR end a line) of a byte offset, or of a character offset in text. */
export function lineAt(content: Uint8Array | string, offset: number): number {
  let line = 1;
  if (typeof content === 'string') {
    for (let i = 0; i < offset; i++) {
      const c = content.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && content.charCodeAt(i + 1) !== 0x0a)) line++;
    }
  } else {
    for (let i = 0; i < offset; i++) {
      const c = content[i];
      if (c === 0x0a || (c === 0x0d && content[i + 1] !== 0x0a)) line++;
    }
  }
  return line;
}

/** The number of physical lines of the text (a final line break does not start a line; "" has 0). */
export function countLines(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  let breaks = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) breaks++;
  }
  const last = text.charCodeAt(n - 1);
  return last === 0x0a || last === 0x0d ? breaks : breaks + 1;
}

/** A 400 when the text has more than `max` lines (before it is parsed: bounded memory). */
export function checkLineCount(text: string, max: number, what: string): void {
  const lines = countLines(text);
  if (lines > max) {
    const n = max.toLocaleString('en-US');
    throw fileError(
      `The file has ${lines.toLocaleString('en-US')} lines; ${what} may have at most ${n} lines. Split it into smaller files`,
      `At most ${n} lines`,
    );
  }
}

/** The first line (without its line break) that holds something other than blanks; '' if none. Linear. */
export function firstNonBlankLine(text: string): string {
  const n = text.length;
  let start = 0;
  while (start < n) {
    let end = start;
    let blank = true;
    for (; end < n; end++) {
      const c = text.charCodeAt(end);
      if (c === 0x0a || c === 0x0d) break;
      if (blank && !isBlankChar(c)) blank = false;
    }
    if (!blank) return text.slice(start, end);
    start = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
  }
  return '';
}

/** What `\s` matches (one character code). */
function isBlankChar(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/* ---------------------------------------------------------------------------------------- */
/* Bytes → text                                                                              */
/* ---------------------------------------------------------------------------------------- */

/** Offset of the first byte that does not belong to well-formed UTF-8 (as the fatal TextDecoder decides), or -1. */
export function firstInvalidUtf8(b: Uint8Array, from = 0, to = b.length): number {
  let i = from;
  while (i < to) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= to) return i;
      const d = b[i + k]!;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Index (in UTF-16 code units) of the first unpaired surrogate of a UTF-16 body, or -1. */
function findLoneSurrogate(body: Uint8Array, le: boolean): number {
  const n = body.length / 2;
  const unit = (i: number) =>
    le ? body[2 * i]! | (body[2 * i + 1]! << 8) : (body[2 * i]! << 8) | body[2 * i + 1]!;
  for (let i = 0; i < n; i++) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < n ? unit(i + 1) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return -1;
}

/**
 * Decodes an uploaded text file: UTF-8 with or without BOM (the BOM is dropped; one inside the
 * text stays), or UTF-16 LE/BE with a BOM (Excel "Unicode Text"). Refused with a 400 naming the
 * line: an Excel workbook / ZIP, bytes that are not UTF-8, a UTF-16 file of odd length or with
 * an unpaired surrogate, a NUL (binary, or UTF-16 without BOM; PostgreSQL cannot store it).
 * `saveAs` tells the user how to save the file instead.
 */
export function decodeTextUpload(
  bytes: Uint8Array,
  saveAs: string,
): { text: string; encoding: TextEncoding } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (bytes.length >= 4 && b0 === 0x50 && b1 === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw fileError(
      `This is an Excel workbook or a ZIP archive, not a CSV file. ${saveAs}`,
      'Not a CSV file (Excel workbook or ZIP archive)',
    );
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding: TextEncoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    const body = bytes.subarray(2);
    const name = encoding.toUpperCase();
    if (body.length % 2 !== 0)
      throw fileError(
        `The file starts with a UTF-16 byte-order mark but its length is odd: it is truncated or not UTF-16. ${saveAs}`,
        `Not ${name}`,
      );
    const bad = findLoneSurrogate(body, encoding === 'utf-16le');
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
    if (bad >= 0) {
      const line = lineAt(text, bad);
      throw fileError(
        `The file starts with a UTF-16 byte-order mark but is not valid UTF-16: line ${line} holds an unpaired surrogate. ${saveAs}`,
        `Line ${line}: not ${name}`,
      );
    }
    checkNul(text, saveAs, 'character');
    return { text, encoding };
  }
  const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) {
    const line = lineAt(body, nul);
    throw fileError(
      `Line ${line} contains a NUL byte: this is not a text CSV file (binary, or UTF-16 without a byte-order mark). ${saveAs}`,
      `Line ${line}: NUL byte`,
    );
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body),
      encoding: 'utf-8',
    };
  } catch {
    const bad = firstInvalidUtf8(body);
    const at = bad === -1 ? body.length - 1 : bad;
    const line = lineAt(body, at);
    const hex = (body[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw fileError(
      `Line ${line} is not UTF-8 (byte 0x${hex}): the file is in another encoding such as Latin-1/Windows-1252, or mixes encodings. ${saveAs}`,
      `Line ${line}: not UTF-8`,
    );
  }
}

function checkNul(text: string, saveAs: string, what: 'character'): void {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const line = lineAt(text, nul);
    throw fileError(
      `Line ${line} contains a NUL ${what}: this is not a text CSV file. ${saveAs}`,
      `Line ${line}: NUL ${what}`,
    );
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Text → records                                                                            */
/* ---------------------------------------------------------------------------------------- */

/** A header cell as compared with column names: `'` prefix undone, blanks trimmed, lower case. */
export const normaliseHeaderCell = (cell: string) => restoreCell(cell).trim().toLowerCase();
const unquote = (cell: string) =>
  cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1) : cell;

/**
 * The delimiter of a header line: the one (`,` `;` tab) that splits it into the most known column
 * names (`isKnownName` gets the normalised cell), then into the most fields; `,` when none helps.
 */
export function detectDelimiter(headerLine: string, isKnownName: (name: string) => boolean): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestKnown = -1;
  let bestFields = -1;
  for (const d of CSV_DELIMITERS) {
    const parts = headerLine.split(d);
    let known = 0;
    for (const p of parts) if (isKnownName(normaliseHeaderCell(unquote(p.trim())))) known++;
    if (known > bestKnown || (known === bestKnown && parts.length > bestFields))
      [best, bestKnown, bestFields] = [d, known, parts.length];
  }
  return best;
}

/** One CSV record: the physical line it starts on (first line = 1) and its cells as written. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A quote left open: 400 naming the line it was opened on. */
const quoteNotClosed = (line: number) =>
  fileError(
    `Line ${line}: a quoted field is never closed (its opening " has no closing " before the end of the file). Check the quotes on that line`,
    `Line ${line}: quote not closed`,
  );
const textAfterQuote = (line: number) =>
  fileError(
    `Line ${line}: a quoted field has text after its closing quote. Inside a quoted field, write a " as ""`,
    `Line ${line}: text after a closing quote`,
  );

/** A quote over several lines whose closing quote is followed by text: most likely a quote left open on its first line. */
const quoteClosedLate = (opened: number, closed: number) =>
  fileError(
    `Line ${opened}: a quoted field is not closed on its line (the next " is on line ${closed}, followed by more text). Check the quotes on line ${opened}`,
    `Line ${opened}: quote not closed`,
  );

/**
 * RFC 4180 records, one by one: quoted fields may hold the delimiter, `""` and line breaks (kept
 * exactly as they are); CRLF, LF or CR end a record (a file may mix them). A blank line is a
 * record of one empty cell. A quote left open is a 400 with the line it was opened on; text after
 * a closing quote is a 400 with its line; a record of more than `maxFields` fields is a 400.
 */
export function* readCsvRecords(
  text: string,
  delimiter: CsvDelimiter,
  opts: { maxFields?: number } = {},
): Generator<CsvRecord> {
  const maxFields = opts.maxFields ?? Infinity;
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === 0x22 /* " */) {
        const opened = line;
        i++;
        const parts: string[] = [];
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) throw quoteNotClosed(opened);
          // Line breaks inside the quoted field.
          for (let k = i; k < q; k++) {
            const c = text.charCodeAt(k);
            if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) line++;
          }
          parts.push(text.slice(i, q));
          if (text.charCodeAt(q + 1) === 0x22) {
            parts.push('"');
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        cell = parts.length === 1 ? parts[0]! : parts.join('');
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== d && c !== 0x0d && c !== 0x0a)
            throw line > opened ? quoteClosedLate(opened, line) : textAfterQuote(line);
        }
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === d || c === 0x0d || c === 0x0a) break;
        }
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (cells.length > maxFields) {
        throw fileError(
          `Line ${start} has more than ${maxFields} fields: this is not the expected file, or its delimiter or quotes are wrong`,
          `Line ${start}: more than ${maxFields} fields`,
        );
      }
      if (i < n && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      if (i < n) {
        // End of the record: CRLF, LF or CR.
        i += text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
        line++;
      }
      break;
    }
    yield { line: start, cells };
  }
}

/** Every record (see `readCsvRecords`). */
export const parseCsvRecords = (
  text: string,
  delimiter: CsvDelimiter,
  opts: { maxFields?: number } = {},
): CsvRecord[] => [...readCsvRecords(text, delimiter, opts)];

/* ---------------------------------------------------------------------------------------- */
/* Bounded issue lists                                                                       */
/* ---------------------------------------------------------------------------------------- */

/** At most this many row errors / issues are kept for a report (the total is still counted). */
export const MAX_REPORTED_ISSUES = 1_000;

/** Keeps the first `max` issues pushed and counts them all. */
export class IssueList<T> {
  readonly items: T[] = [];
  count = 0;
  constructor(readonly max = MAX_REPORTED_ISSUES) {}
  push(issue: T): void {
    this.count++;
    if (this.items.length < this.max) this.items.push(issue);
  }
  get truncated(): boolean {
    return this.count > this.items.length;
  }
}
