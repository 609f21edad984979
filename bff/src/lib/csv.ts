import { neutraliseCell, quoteCsvCell } from '@oig/shared';
import Papa from 'papaparse';

/**
 * CSV for spreadsheets: CRLF rows; every cell a spreadsheet would run as a formula is written
 * with a `'` first (shared `neutraliseCell`, which the importers undo). Cells of the columns named
 * in `phoneColumns` keep a valid phone number such as `+33 1 23 45 67 89` as it is.
 */
export function toCsv(
  input: string[][] | { fields: string[]; data: string[][] },
  opts: { phoneColumns?: readonly string[] } = {},
): string {
  const options = { newline: '\r\n', quotes: quoteCsvCell };
  if (Array.isArray(input))
    return Papa.unparse(
      input.map((row) => row.map((cell) => neutraliseCell(cell))),
      options,
    );
  const phone = input.fields.map((f) => opts.phoneColumns?.includes(f) ?? false);
  return Papa.unparse(
    {
      fields: input.fields.map((f) => neutraliseCell(f)),
      data: input.data.map((row) => row.map((cell, i) => neutraliseCell(cell, { phone: phone[i] ?? false }))),
    },
    options,
  );
}

/**
 * The data lines of `toCsv({ fields, data }, opts)` — what follows its header line and CRLF — with
 * the same cells: a large file is rendered a page of rows at a time, each page a call, the pages
 * joined by CRLF.
 */
export function csvLines(
  fields: readonly string[],
  data: string[][],
  opts: { phoneColumns?: readonly string[] } = {},
): string {
  const phone = fields.map((f) => opts.phoneColumns?.includes(f) ?? false);
  return Papa.unparse(
    data.map((row) => row.map((cell, i) => neutraliseCell(cell, { phone: phone[i] ?? false }))),
    { newline: '\r\n', quotes: quoteCsvCell },
  );
}

/** A byte-order mark first, so that spreadsheet programs read the file as UTF-8. */
export const withBom = (csv: string): string => `\uFEFF${csv}`;
