import {
  detectDelimiter as detectCsvDelimiter,
  LANGUAGE_CODES,
  LOCALIZATION_APP_NAMES,
  LOCALIZATION_APPS,
  LOCALIZATION_COLUMNS,
  normaliseHeaderCell,
  readCsvRecords,
  type CsvDelimiter,
  type LanguageCode,
  type LocalizationApp,
  type TextEncoding,
} from '@oig/shared';
import { checkLineCount, decodeTextUpload, fileError } from '../../../lib/csv-read.js';

/**
 * Reading a localization file: its name (which carries the application and the language), its
 * bytes (UTF-8 with or without BOM, or Excel "Unicode Text": UTF-16 with BOM) and its header
 * (`,` `;` or tab); the CSV records are read by the shared reader (shared/src/csv/, its errors
 * answered as 400s by lib/csv-read.ts). Every problem with the file as a whole is an AppError
 * naming `file` and, where there is one, the line.
 */

export type Delimiter = CsvDelimiter;
export type FileEncoding = TextEncoding;

const CODES = LANGUAGE_CODES.join(', ');
const HEADER = LOCALIZATION_COLUMNS.join(',');
const EXPECTED_NAMES = LOCALIZATION_APPS.map((a) => `"${LOCALIZATION_APP_NAMES[a]}_xx.csv"`).join(' or ');

/** The file name an application's language is imported from and exported to. */
export function localizationFileName(app: LocalizationApp, language: LanguageCode): string {
  return `${LOCALIZATION_APP_NAMES[app]}_${language}.csv`;
}

/**
 * The application and language a file name carries: `MiVoice Integration for Google_xx.csv` or
 * `MiVoice Integration for Salesforce_xx.csv` (application name, code and `.csv` in any case;
 * any folder part is ignored). Anything else is a 400 saying what is expected.
 */
export function parseLocalizationFileName(uploaded: string): {
  application: LocalizationApp;
  language: LanguageCode;
  fileName: string;
} {
  const fileName = uploaded.split(/[\\/]/).pop() ?? '';
  const shown = JSON.stringify(fileName);
  const application = LOCALIZATION_APPS.find((a) =>
    fileName.toLowerCase().startsWith(`${LOCALIZATION_APP_NAMES[a].toLowerCase()}_`),
  );
  if (!application) {
    throw fileError(
      'localization_file_name',
      {
        expected: LOCALIZATION_APPS.map((a) => `${LOCALIZATION_APP_NAMES[a]}_xx.csv`).join(', '),
        name: fileName,
      },
      `The file name must be ${EXPECTED_NAMES}, where xx is a language code (${CODES}); got ${shown}`,
      `Name the file ${EXPECTED_NAMES}`,
    );
  }
  const rest = fileName.slice(LOCALIZATION_APP_NAMES[application].length + 1);
  if (!rest.toLowerCase().endsWith('.csv')) {
    throw fileError(
      'localization_file_extension',
      { app: LOCALIZATION_APP_NAMES[application] },
      `The file name must end with .csv: "${LOCALIZATION_APP_NAMES[application]}_xx.csv"; got ${shown}`,
      'The file name must end with .csv',
    );
  }
  const code = rest.slice(0, -4);
  const language = LANGUAGE_CODES.find((c) => c === code.toLowerCase());
  if (!language) {
    throw fileError(
      'localization_file_language',
      { code, allowed: CODES },
      `${JSON.stringify(code)} in ${shown} is not a language code: ` +
        `name the file "${LOCALIZATION_APP_NAMES[application]}_xx.csv" where xx is one of ${CODES}`,
      `Unknown language code ${JSON.stringify(code)}: use one of ${CODES}`,
    );
  }
  return { application, language, fileName };
}

const SAVE_AS = 'Save it as "CSV UTF-8" or as "Unicode Text"';

/** Largest localization file accepted, in physical lines (the applications have a few hundred keys). */
export const LOCALIZATION_MAX_LINES = 20_000;

/**
 * The file's text: UTF-8 (a BOM is dropped), or UTF-16 LE/BE with a BOM (Excel "Unicode Text").
 * Bytes that are none of these, or that hold a NUL, are a 400 naming the line (see
 * decodeTextUpload); so is a file of more than LOCALIZATION_MAX_LINES lines.
 */
export function decodeLocalizationFile(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  const decoded = decodeTextUpload(bytes, SAVE_AS);
  checkLineCount(decoded.text, LOCALIZATION_MAX_LINES, 'a localization file');
  return decoded;
}

const isColumnName = (name: string) =>
  name === LOCALIZATION_COLUMNS[0].toLowerCase() || name === LOCALIZATION_COLUMNS[1].toLowerCase();

/**
 * The delimiter, from the header line, which must be `messageKey,languageValue` (names in any
 * case; `;` or tab also accepted). Anything else is a 400 naming line 1.
 */
export function detectDelimiter(text: string): Delimiter {
  let end = 0;
  while (end < text.length && text[end] !== '\r' && text[end] !== '\n') end++;
  const first = text.slice(0, end);
  const d = detectCsvDelimiter(first, isColumnName);
  let cells: string[] = [];
  try {
    cells = (readCsvRecords(first, d, { maxFields: 3 }).next().value?.cells ?? []).map(normaliseHeaderCell);
  } catch {
    // not the header: said below
  }
  if (
    cells.length === 2 &&
    cells[0] === LOCALIZATION_COLUMNS[0].toLowerCase() &&
    cells[1] === LOCALIZATION_COLUMNS[1].toLowerCase()
  )
    return d;
  const found = first.length > 80 ? `${first.slice(0, 80)}…` : first;
  const what = first.trim() === '' ? 'the first line is empty' : `found ${JSON.stringify(found)}`;
  throw fileError(
    'localization_header',
    { header: HEADER },
    `Line 1: the header must be ${HEADER} (comma, semicolon or tab between them); ${what}`,
    `Line 1: the header must be ${HEADER}`,
  );
}
