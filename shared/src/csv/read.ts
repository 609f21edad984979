import { CsvReadError } from './error.js';
import type { CsvDelimiter } from './delimiter.js';

/** One CSV record: the physical line it starts on (first line = 1) and its cells as written. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A quote left open: refused naming the line it was opened on. */
const quoteNotClosed = (line: number) =>
  new CsvReadError(
    'quote_not_closed',
    `Line ${line}: a quoted field is never closed ` +
      '(its opening " has no closing " before the end of the file). Check the quotes on that line',
    `Line ${line}: quote not closed`,
    line,
  );
const textAfterQuote = (line: number) =>
  new CsvReadError(
    'text_after_quote',
    `Line ${line}: a quoted field has text after its closing quote. Inside a quoted field, write a " as ""`,
    `Line ${line}: text after a closing quote`,
    line,
  );

/** A quote over several lines whose closing quote is followed by text: most likely one left open on its first line. */
const quoteClosedLate = (opened: number, closed: number) =>
  new CsvReadError(
    'quote_not_closed',
    `Line ${opened}: a quoted field is not closed on its line ` +
      `(the next " is on line ${closed}, followed by more text). Check the quotes on line ${opened}`,
    `Line ${opened}: quote not closed`,
    opened,
    { closedOn: String(closed) },
  );

/**
 * RFC 4180 records, one by one: quoted fields may hold the delimiter, `""` and line breaks (kept
 * exactly as they are); CRLF, LF or CR end a record (a file may mix them). A blank line is a
 * record of one empty cell. A quote left open is refused (CsvReadError) with the line it was opened on; text after
 * a closing quote with its line; a record of more than `maxFields` fields with its first line.
 */
export function* readCsvRecords(
  text: string,
  delimiter: CsvDelimiter,
  opts: { maxFields?: number } = {},
): Generator<CsvRecord, void, undefined> {
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
        // The closing quote: the first one not doubled. The field is then cut once and its doubled
        // quotes undone by split and join (a 1 MB field of "" escapes took ~100 ms piece by piece, and
        // as long with replaceAll).
        let q = i;
        let doubled = false;
        for (;;) {
          q = text.indexOf('"', q);
          if (q === -1) throw quoteNotClosed(opened);
          if (text.charCodeAt(q + 1) !== 0x22) break;
          doubled = true;
          q += 2;
        }
        // Line breaks inside the quoted field.
        for (let k = i; k < q; k++) {
          const c = text.charCodeAt(k);
          if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) line++;
        }
        cell = doubled ? text.slice(i, q).split('""').join('"') : text.slice(i, q);
        i = q + 1;
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
        throw new CsvReadError(
          'too_many_fields',
          `Line ${start} has more than ${maxFields} fields: ` +
            'this is not the expected file, or its delimiter or quotes are wrong',
          `Line ${start}: more than ${maxFields} fields`,
          start,
          { max: String(maxFields) },
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
