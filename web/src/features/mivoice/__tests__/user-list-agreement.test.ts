import { CsvReadError, readUserList } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { checkUserListFile, type UserListFileCheck } from '../user-list/utils/user-list-file';

/**
 * The console's check before upload says what the server's import will decide. Both run the one
 * shared reader, `readUserList` (the server's parseUserList is it, its CsvReadError answered as a
 * 400 with the same message), so what this proves is the console's side: that its check reads the
 * file as the server does (slices, pauses, decoding in the browser) and shows the reader's verdict
 * — refused (why, on which line) or read (encoding, delimiter, rows, rows with errors) — unchanged.
 */

type Verdict =
  | { refused: string; line: number | null }
  | { encoding: string; delimiter: string; rows: number; badRows: number };

/** The server's verdict (and the summary it sends as the `file` field of its 400). */
async function serverVerdict(bytes: Uint8Array): Promise<{ verdict: Verdict; summary?: string }> {
  try {
    const p = await readUserList(bytes);
    return { verdict: { encoding: p.encoding, delimiter: p.delimiter, rows: p.rows, badRows: p.badRows } };
  } catch (err) {
    if (!(err instanceof CsvReadError)) throw err;
    return { verdict: { refused: err.code, line: err.line }, summary: err.summary };
  }
}

/** The console's verdict, from what it shows. */
function browserVerdict(check: UserListFileCheck): Verdict {
  const [first] = check.errors;
  if (!first || first.kind === 'noRows') {
    const bad = check.warnings.find((w) => w.kind === 'rowErrors');
    return {
      encoding: check.encoding,
      delimiter: check.delimiter,
      rows: check.rows ?? -1,
      badRows: bad?.rows ?? 0,
    };
  }
  switch (first.kind) {
    case 'file':
      return { refused: first.code, line: first.line };
    case 'noHeader':
      return { refused: 'no_header', line: null };
    case 'missingColumns':
    case 'duplicateColumns':
    case 'unknownColumns':
    case 'unnamedColumns':
      // The console lists the columns instead of a line; the server's line is checked apart.
      return { refused: 'wrong_header', line: null };
    default:
      return { refused: first.kind, line: null };
  }
}

const utf8 = (s: string) => new Uint8Array(new TextEncoder().encode(s));
const concat = (...parts: Array<Uint8Array | number[]>) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
/** UTF-16 (with a BOM unless `bom` is false), little- or big-endian. */
const utf16 = (s: string, { be = false, bom = true } = {}) => {
  const text = bom ? `\uFEFF${s}` : s;
  const b = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    b[2 * i + (be ? 1 : 0)] = u & 0xff;
    b[2 * i + (be ? 0 : 1)] = u >> 8;
  }
  return b;
};

const HEAD = 'primary_email,full_name,phone_number';
const read = (encoding: string, delimiter: string, rows: number, badRows = 0): Verdict => ({
  encoding,
  delimiter,
  rows,
  badRows,
});
const refused = (code: string, line: number | null): Verdict => ({ refused: code, line });

const CASES: Array<[string, Uint8Array<ArrayBuffer>, Verdict, string?]> = [
  ['UTF-8 with a BOM', utf8(`\uFEFF${HEAD}\r\na@x.com,Ann,1\r\nb@x.com,Bob,2\r\n`), read('utf-8', ',', 2)],
  [
    'UTF-16 LE with a BOM, semicolons',
    utf16('primary_email;phone_number\r\na@x.com;1\r\nb@x.com;x\r\n'),
    read('utf-16le', ';', 2, 1),
  ],
  [
    'UTF-16 BE with a BOM, tabs',
    utf16('primary_email\tphone_number\tphone_type\na@x.com\t1\twork\n', { be: true }),
    read('utf-16be', '\t', 1),
  ],
  [
    'blank lines before the header, semicolons, a comma inside a cell',
    utf8('\r\n  \r\nprimary_email;full_name;phone_number\r\na@x.com;Martin, Ann;1\r\n'),
    read('utf-8', ';', 1),
  ],
  [
    'trailing unnamed columns: empty cells pass, a value in one is a row error',
    utf8('primary_email,phone_number,,\r\na@x.com,1,,\r\nb@x.com,2\r\nc@x.com,3,,oops\r\n'),
    read('utf-8', ',', 3, 1),
  ],
  [
    'a quoted field over several lines (CRLF, LF and CR), then a bad phone number',
    utf8(`${HEAD}\r\na@x.com,"Ann\r\nSmith\nJr\rIII",1\r\nb@x.com,B,x\r\n`),
    read('utf-8', ',', 2, 1),
  ],
  ['CR-only line ends', utf8('primary_email,phone_number\ra@x.com,1\r\rb@x.com,2\r'), read('utf-8', ',', 2)],
  ['a header and no rows', utf8('primary_email,phone_number\r\n\r\n'), read('utf-8', ',', 0)],
  [
    'a quote never closed',
    utf8(`${HEAD}\r\na@x.com,A,1\r\nb@x.com,"B,2\r\nc@x.com,C,3\r\n`),
    refused('quote_not_closed', 3),
    'Line 3: quote not closed',
  ],
  [
    'a quote closed lines later, followed by text',
    utf8(`${HEAD}\r\na@x.com,"A,1\r\nb@x.com,B"x,2\r\n`),
    refused('quote_not_closed', 2),
    'Line 2: quote not closed',
  ],
  [
    'text after a closing quote',
    utf8(`${HEAD}\r\na@x.com,"A"nn,1\r\n`),
    refused('text_after_quote', 2),
    'Line 2: text after a closing quote',
  ],
  [
    'an unknown column',
    utf8('primary_email,phone_number,notes\r\na@x.com,1,n\r\n'),
    refused('wrong_header', 1),
  ],
  [
    'blank lines, then a header with an unknown column',
    utf8('\r\n  \r\nprimary_email,phone_number,notes\r\na@x.com,1,n\r\n'),
    refused('wrong_header', 3),
  ],
  [
    'an unnamed column in the middle',
    utf8('primary_email,,phone_number\r\na@x.com,,1\r\n'),
    refused('wrong_header', 1),
  ],
  [
    'a column twice',
    utf8('primary_email,phone_number,PHONE_NUMBER\r\na@x.com,1,1\r\n'),
    refused('wrong_header', 1),
  ],
  ['no header (blank lines only)', utf8('\r\n \r\n,,\r\n'), refused('no_header', null)],
  [
    'UTF-16 without a BOM',
    utf16('primary_email,phone_number\r\n', { bom: false }),
    refused('nul', 1),
    'Line 1: NUL byte',
  ],
  [
    'Latin-1 on line 2',
    concat(utf8('primary_email,full_name,phone_number\r\na@x.com,'), [0xe9], utf8(',1\r\n')),
    refused('not_utf8', 2),
    'Line 2: not UTF-8',
  ],
  [
    'an Excel workbook',
    new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
    refused('not_csv', null),
    'Not a CSV file (Excel workbook or ZIP archive)',
  ],
  [
    'a row of more than 50 fields',
    utf8(`primary_email,phone_number\r\na@x.com,1\r\n${'x,'.repeat(60)}\r\n`),
    refused('too_many_fields', 3),
    'Line 3: more than 50 fields',
  ],
  [
    'more than 200,000 lines',
    utf8(`primary_email,phone_number\n${'a@x.com,1\n'.repeat(200_000)}`),
    refused('too_many_lines', null),
    'At most 200,000 lines',
  ],
];

describe('the console’s check says what the server’s import decides', () => {
  it.each(CASES)('%s', async (_name, bytes, expected, summary) => {
    const server = await serverVerdict(bytes);
    const browser = browserVerdict(await checkUserListFile(new File([bytes], 'users.csv')));
    expect(server.verdict).toEqual(expected);
    const headerRefused = 'refused' in expected && expected.refused === 'wrong_header';
    expect(browser).toEqual(headerRefused ? { ...server.verdict, line: null } : server.verdict);
    if (summary !== undefined) expect(server.summary).toBe(summary);
  });
});
