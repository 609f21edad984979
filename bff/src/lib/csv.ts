import Papa from 'papaparse';

/**
 * Cells a spreadsheet would run as a formula: starting with = + - @ tab or CR. papaparse's own
 * `escapeFormulae: true` pattern ends in `.*$`, which fails on a U+2028/U+2029 line separator
 * inside the cell and lets such a cell through; this one looks at the first character only.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** CSV for spreadsheets: CRLF rows, formula cells neutralised (prefixed with `'`). */
export function toCsv(input: string[][] | { fields: string[]; data: string[][] }): string {
  return Papa.unparse(input, { escapeFormulae: FORMULA_START, newline: '\r\n' });
}

/** A byte-order mark first, so that spreadsheet programs read the file as UTF-8. */
export const withBom = (csv: string): string => `\uFEFF${csv}`;
