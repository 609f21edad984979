import { LANGUAGE_CODES, LOCALIZATION_APP_NAMES, LOCALIZATION_APPS, LOCALIZATION_COLUMNS, restoreCell, type LanguageCode, type LocalizationApp } from '@oig/shared';
import { AppError } from '../../../http/app-error.js';

/**
 * Reading a localization file: its name (which carries the application and the language), its
 * bytes (UTF-8 with or without BOM, or Excel "Unicode Text": UTF-16 with BOM) and its CSV
 * records (`,` `;` or tab, quoted fields over several lines). Every problem with the file as a
 * whole is an AppError naming `file` and, where there is one, the line.
 */

export type Delimiter = ',' | ';' | '\t';
export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

const CODES = LANGUAGE_CODES.join(', ');
const HEADER = LOCALIZATION_COLUMNS.join(',');
const EXPECTED_NAMES = LOCALIZATION_APPS.map((a) => `"${LOCALIZATION_APP_NAMES[a]}_xx.csv"`).join(' or ');

const fileError = (message: string, field = message) => new AppError('validation_failed', message, { file: field });

/** The file name an application's language is imported from and exported to. */
export function localizationFileName(app: LocalizationApp, language: LanguageCode): string {
  return `${LOCALIZATION_APP_NAMES[app]}_${language}.csv`;
}

/**
 * The application and language a file name carries: `MiVoice Integration for Google_xx.csv` or
 * `MiVoice Integration for Salesforce_xx.csv` (application name, code and `.csv` in any case;
 * any folder part is ignored). Anything else is a 400 saying what is expected.
 */
export function parseLocalizationFileName(uploaded: string): { application: LocalizationApp; language: LanguageCode; fileName: string } {
  const fileName = uploaded.split(/[\\/]/).pop() ?? '';
  const shown = JSON.stringify(fileName);
  const application = LOCALIZATION_APPS.find((a) => fileName.toLowerCase().startsWith(`${LOCALIZATION_APP_NAMES[a].toLowerCase()}_`));
  if (!application) {
    throw fileError(`The file name must be ${EXPECTED_NAMES}, where xx is a language code (${CODES}); got ${shown}`, `Name the file ${EXPECTED_NAMES}`);
  }
  const rest = fileName.slice(LOCALIZATION_APP_NAMES[application].length + 1);
  if (!rest.toLowerCase().endsWith('.csv')) {
    throw fileError(`The file name must end with .csv: "${LOCALIZATION_APP_NAMES[application]}_xx.csv"; got ${shown}`, 'The file name must end with .csv');
  }
  const code = rest.slice(0, -4);
  const language = LANGUAGE_CODES.find((c) => c === code.toLowerCase());
  if (!language) {
    throw fileError(
      `${JSON.stringify(code)} in ${shown} is not a language code: name the file "${LOCALIZATION_APP_NAMES[application]}_xx.csv" where xx is one of ${CODES}`,
      `Unknown language code ${JSON.stringify(code)}: use one of ${CODES}`,
    );
  }
  return { application, language, fileName };
}

/** Offset of the first byte that does not belong to well-formed UTF-8, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
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
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The physical line (1-based; CRLF, LF or CR end a line) of a byte offset. */
function lineOfByte(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) line++;
    else if (b[i] === 0x0d && b[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** The physical line of a character offset in decoded text. */
function lineOfChar(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) line++;
  }
  return line;
}

const SAVE_AS = 'Save it as "CSV UTF-8" or as "Unicode Text"';

/**
 * The file's text: UTF-8 (a BOM is dropped), or UTF-16 LE/BE with a BOM (Excel "Unicode Text").
 * Bytes that are none of these are a 400 naming the line of the first bad byte.
 */
export function decodeLocalizationFile(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding: FileEncoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    const body = bytes.subarray(2);
    if (body.length % 2 !== 0) throw fileError(`The file starts with a UTF-16 byte-order mark but its length is odd: it is truncated or not UTF-16. ${SAVE_AS}`, 'Not UTF-16');
    const decoded = new TextDecoder(encoding).decode(body);
    // A lone surrogate decodes to U+FFFD; point at its line.
    const bad = findLoneSurrogate(body, encoding === 'utf-16le');
    if (bad >= 0) {
      const line = lineOfChar(decoded, bad);
      throw fileError(`The file is not valid ${encoding.toUpperCase()}: line ${line} holds an unpaired surrogate. ${SAVE_AS}`, `Line ${line}: not ${encoding.toUpperCase()}`);
    }
    return { text: decoded, encoding };
  }
  const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    const line = lineOfByte(body, bad);
    const hex = body[bad]!.toString(16).toUpperCase().padStart(2, '0');
    throw fileError(`The file is not UTF-8: line ${line} holds the byte 0x${hex}, which is not UTF-8 (a Latin-1 or "ANSI" file?). ${SAVE_AS}`, `Line ${line}: not UTF-8`);
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = lineOfChar(text, nul);
    throw fileError(`The file holds NUL characters (line ${line}): UTF-16 without a byte-order mark? ${SAVE_AS}`, `Line ${line}: NUL character`);
  }
  return { text, encoding: 'utf-8' };
}

/** Index (in UTF-16 code units) of the first unpaired surrogate, or -1. */
function findLoneSurrogate(body: Uint8Array, le: boolean): number {
  const n = body.length / 2;
  const unit = (i: number) => (le ? body[2 * i]! | (body[2 * i + 1]! << 8) : (body[2 * i]! << 8) | body[2 * i + 1]!);
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

/** One CSV record: the physical line it starts on (header = 1) and its cells as written. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 records with the given delimiter: quoted fields may hold the delimiter, `""` and line
 * breaks (kept exactly as they are); CRLF, LF or CR end a record. A quote left open is a 400 with
 * the line it was opened on; text after a closing quote is a 400 with its line.
 */
export function parseCsvRecords(text: string, delimiter: Delimiter): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= n) {
            throw fileError(`Line ${opened}: a quoted field is not closed (a " is missing): the file is truncated or not valid CSV`, `Line ${opened}: quote not closed`);
          }
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          cell += c;
          i++;
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          throw fileError(`Line ${line}: unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")`, `Line ${line}: text after a closing quote`);
        }
      } else {
        let j = i;
        while (j < n && text[j] !== delimiter && text[j] !== '\r' && text[j] !== '\n') j++;
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      if (i < n) {
        // End of the record: CRLF, LF or CR.
        i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
      }
      break;
    }
    records.push({ line: start, cells });
  }
  return records;
}

/**
 * The delimiter, from the header line, which must be `messageKey,languageValue` (names in any
 * case; `;` or tab also accepted). Anything else is a 400 naming line 1.
 */
export function detectDelimiter(text: string): Delimiter {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  for (const d of [',', ';', '\t'] as const) {
    let cells: string[];
    try {
      cells = (parseCsvRecords(first, d)[0]?.cells ?? []).map((c) => restoreCell(c).trim().toLowerCase());
    } catch {
      continue;
    }
    if (cells.length === 2 && cells[0] === LOCALIZATION_COLUMNS[0].toLowerCase() && cells[1] === LOCALIZATION_COLUMNS[1].toLowerCase()) return d;
  }
  const found = first.length > 80 ? `${first.slice(0, 80)}…` : first;
  const what = first.trim() === '' ? 'the first line is empty' : `found ${JSON.stringify(found)}`;
  throw fileError(`Line 1: the header must be ${HEADER} (comma, semicolon or tab between them); ${what}`, `Line 1: the header must be ${HEADER}`);
}
