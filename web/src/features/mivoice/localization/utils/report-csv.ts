import { neutraliseCell, quoteCsvCell, type LocalizationImportReport } from '@oig/shared';
import Papa from 'papaparse';
import { downloadBlob } from '@/lib/download';

export type CsvCell = string | number | null;

/**
 * A CSV file (UTF-8 BOM first so spreadsheets read it as UTF-8, CRLF): every cell passes
 * neutraliseCell, so a cell a spreadsheet would run as a formula (a row error quoting a
 * `=HYPERLINK(…)` value, say) is written as text.
 */
export function toCsv(fields: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const cell = (value: CsvCell) => neutraliseCell(value === null ? '' : String(value));
  // Rows as arrays (not {fields, data}): the header alone ends without a line break, like any last row.
  const body = Papa.unparse([fields.map(cell), ...rows.map((row) => row.map(cell))], {
    newline: '\r\n',
    escapeFormulae: false,
    quotes: quoteCsvCell,
  });
  return `\uFEFF${body}`;
}

/** The errors and warnings of a localization import: severity, line, key, kind, message. */
export function localizationReportCsv(report: LocalizationImportReport): string {
  return toCsv(
    ['severity', 'line', 'key', 'kind', 'message'],
    [
      ...report.errors.map((e) => ['error', e.line, e.key, e.kind, e.message]),
      ...report.warnings.map((w) => ['warning', w.line, w.key, w.kind, w.message]),
    ],
  );
}

/** Saves text built in the browser as a file. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}
