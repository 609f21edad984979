import { restoreCell } from '../csv-cells.js';
import type { UserListImportReport } from '../mivoice.js';

export type CsvDelimiter = UserListImportReport['delimiter'];
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/** A header cell as compared with column names: `'` prefix undone, blanks (and a BOM) trimmed, lower case. */
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
