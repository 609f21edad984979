/**
 * Spreadsheet safety of CSV cells, shared by every CSV the product writes and the importers that
 * read them back.
 *
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (also their full-width
 * forms, which East Asian spreadsheets accept), a tab or a CR. Such a cell is written with a `'`
 * first. So that the importer can undo it exactly, a cell that already starts with `'`s followed
 * by one of those characters gets one more `'`; reading strips exactly one. Export → import is
 * then the identity for every string.
 */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEUTRALISED = /^'+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTE = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A phone number as directories write it: starting with `+`, a digit or `(`, then digits, blanks,
 * `-`, `.`, `(`, `)`, with at least one digit. Such a value is left as it is even when it starts
 * with `+` (a spreadsheet shows it as text or as the same number; it cannot run anything). A
 * leading `-` is not allowed: `-1-1` would be calculated.
 */
export const PHONE_NUMBER = /^(?=[^0-9]*[0-9])[+(0-9][0-9 ().-]*$/;

/**
 * Cells written in quotes although CSV itself does not need it: a cell holding `;` or a tab, so
 * that a spreadsheet reading the file with another list separator (`;` in much of Europe) cannot
 * split it and start a new cell with a formula character.
 */
export const quoteCsvCell = (value: unknown): boolean => typeof value === 'string' && /[;\t]/.test(value);

/** The cell as written to a CSV file. `phone`: the cell is a phone number (valid ones stay as they are). */
export function neutraliseCell(value: string, opts: { phone?: boolean } = {}): string {
  if (opts.phone && PHONE_NUMBER.test(value)) return value;
  return NEEDS_QUOTE.test(value) ? `'${value}` : value;
}

/** The value of a cell read from a CSV file written by neutraliseCell (one `'` removed where one was added). */
export function restoreCell(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}
