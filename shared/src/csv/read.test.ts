import { describe, expect, it } from 'vitest';
import { decodeTextUpload } from './decode.js';
import { detectDelimiter } from './delimiter.js';
import { CsvReadError } from './error.js';
import { IssueList } from './issues.js';
import { checkLineCount, countLines, firstNonBlankLine, lineAt } from './lines.js';
import { parseCsvRecords } from './read.js';

const SAVE_AS = 'Save it as CSV.';
/** The CsvReadError a call throws. */
function thrown(fn: () => unknown): CsvReadError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CsvReadError);
    return err as CsvReadError;
  }
  throw new Error('expected a CsvReadError');
}
/** Bytes made without Node's Buffer: the reader runs in browsers too. */
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: Array<Uint8Array | number[]>) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
/** UTF-16 with a BOM, little- or big-endian. */
const utf16 = (s: string, be = false) => {
  const text = `\uFEFF${s}`;
  const b = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    b[2 * i + (be ? 1 : 0)] = u & 0xff;
    b[2 * i + (be ? 0 : 1)] = u >> 8;
  }
  return b;
};

describe('lines: one rule (CRLF, LF or CR)', () => {
  it('lineAt counts CRLF once, LF and lone CR each once, in bytes and in text', () => {
    const text = 'a\r\nb\nc\rd\r\re';
    const at = (ch: string) => text.indexOf(ch);
    expect(['a', 'b', 'c', 'd', 'e'].map((ch) => lineAt(text, at(ch)))).toEqual([1, 2, 3, 4, 6]);
    expect(['a', 'b', 'c', 'd', 'e'].map((ch) => lineAt(utf8(text), at(ch)))).toEqual([1, 2, 3, 4, 6]);
  });

  it('countLines: a final break does not start a line', () => {
    expect([
      countLines(''),
      countLines('a'),
      countLines('a\r\n'),
      countLines('a\rb'),
      countLines('\n\n'),
      countLines('a\r\nb\nc'),
    ]).toEqual([0, 1, 1, 2, 2, 3]);
  });

  it('checkLineCount: refused naming the limit', () => {
    expect(checkLineCount('a\nb\n', 2, 'a list')).toBe(2);
    const e = thrown(() => checkLineCount('a\nb\nc', 2, 'a list'));
    expect([e.code, e.message, e.summary, e.line, e.params]).toEqual([
      'too_many_lines',
      'The file has 3 lines; a list may have at most 2 lines. Split it into smaller files',
      'At most 2 lines',
      null,
      { lines: '3', max: '2' },
    ]);
  });

  it('firstNonBlankLine is linear: a 5 MB line of blanks takes milliseconds (the unanchored regex took seconds)', () => {
    const blanks = ' '.repeat(5 * 1024 * 1024);
    const t0 = performance.now();
    expect(firstNonBlankLine(blanks)).toBe('');
    expect(firstNonBlankLine(`${blanks}\r\n\t\r \rprimary_email;x\r\nnext`)).toBe('primary_email;x');
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(firstNonBlankLine('\u00a0\u3000\n a \n')).toBe(' a ');
  });
});

describe('decodeTextUpload', () => {
  it('UTF-8 (BOM dropped, inner BOM kept), UTF-16 LE/BE with BOM', () => {
    expect(decodeTextUpload(utf8('\uFEFFa,\uFEFFb'), SAVE_AS)).toEqual({
      text: 'a,\uFEFFb',
      encoding: 'utf-8',
    });
    expect(decodeTextUpload(utf16('王,b'), SAVE_AS)).toEqual({ text: '王,b', encoding: 'utf-16le' });
    expect(decodeTextUpload(utf16('王,b', true), SAVE_AS)).toEqual({ text: '王,b', encoding: 'utf-16be' });
  });

  it.each([
    [
      'a NUL in UTF-16 LE (PostgreSQL cannot store it)',
      utf16('a\r\nb\rc\u0000'),
      'Line 3 contains a NUL character: this is not a text CSV file. Save it as CSV.',
      'Line 3: NUL character',
    ],
    [
      'a NUL in UTF-16 BE',
      utf16('a\n\u0000', true),
      'Line 2 contains a NUL character: this is not a text CSV file. Save it as CSV.',
      'Line 2: NUL character',
    ],
    [
      'a NUL byte in UTF-8, CR-only lines',
      utf8('a\rb\rc\0'),
      'Line 3 contains a NUL byte: this is not a text CSV file (binary, or UTF-16 without a byte-order mark). Save it as CSV.',
      'Line 3: NUL byte',
    ],
    [
      'not UTF-8 on line 3 of a CR-only file',
      bytes([0x61, 0x0d, 0x62, 0x0d, 0xe9]),
      'Line 3 is not UTF-8 (byte 0xE9): the file is in another encoding such as Latin-1/Windows-1252, or mixes encodings. Save it as CSV.',
      'Line 3: not UTF-8',
    ],
    [
      'UTF-16 of odd length',
      bytes([0xff, 0xfe, 0x61]),
      'The file starts with a UTF-16 byte-order mark but its length is odd: it is truncated or not UTF-16. Save it as CSV.',
      'Not UTF-16LE',
    ],
    [
      'a lone surrogate',
      bytes(utf16('a\rb'), [0x00, 0xd8]),
      'The file starts with a UTF-16 byte-order mark but is not valid UTF-16: line 2 holds an unpaired surrogate. Save it as CSV.',
      'Line 2: not UTF-16LE',
    ],
    [
      'an xlsx',
      bytes([0x50, 0x4b, 0x03, 0x04, 0x14]),
      'This is an Excel workbook or a ZIP archive, not a CSV file. Save it as CSV.',
      'Not a CSV file (Excel workbook or ZIP archive)',
    ],
  ])('%s: refused naming the line', (_name, content, message, summary) => {
    const e = thrown(() => decodeTextUpload(content, SAVE_AS));
    expect([e.message, e.summary]).toEqual([message, summary]);
    const line = /^Line (\d+)/.exec(summary)?.[1];
    expect(e.line).toBe(line === undefined ? null : Number(line));
  });
});

describe('records', () => {
  it('CRLF, LF and CR in one file, quoted breaks counted with the same rule', () => {
    expect(parseCsvRecords('h1,h2\r"a\rb",1\n"c\r\nd",2\r\ne,3', ',')).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['a\rb', '1'] },
      { line: 4, cells: ['c\r\nd', '2'] },
      { line: 6, cells: ['e', '3'] },
    ]);
  });

  it('quote errors name the line', () => {
    expect(thrown(() => parseCsvRecords('a\n"open\n', ',')).message).toBe(
      'Line 2: a quoted field is never closed (its opening " has no closing " before the end of the file). Check the quotes on that line',
    );
    expect(thrown(() => parseCsvRecords('a\n"x"y\n', ',')).message).toBe(
      'Line 2: a quoted field has text after its closing quote. Inside a quoted field, write a " as ""',
    );
    const late = thrown(() => parseCsvRecords('a\n"x\ny\nz"q,"w"\n', ','));
    expect(late.message).toMatch(
      /^Line 2: a quoted field is not closed on its line \(the next " is on line 4/,
    );
    expect([late.code, late.line, late.params]).toEqual(['quote_not_closed', 2, { closedOn: '4' }]);
  });

  it('a record wider than maxFields: refused before it is all read', () => {
    const t0 = performance.now();
    const e = thrown(() => parseCsvRecords(`${'a,'.repeat(100_000)}\nx`, ',', { maxFields: 50 }));
    expect(e.message).toBe(
      'Line 1 has more than 50 fields: this is not the expected file, or its delimiter or quotes are wrong',
    );
    expect([e.code, e.line, e.summary]).toEqual(['too_many_fields', 1, 'Line 1: more than 50 fields']);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it('detectDelimiter: most known names, then most fields', () => {
    const known = (n: string) => n === 'x' || n === 'y';
    expect(detectDelimiter('x;y,z', known)).toBe(';');
    expect(detectDelimiter('"X"\t"y"', known)).toBe('\t');
    expect(detectDelimiter('p;q;r', known)).toBe(';');
    expect(detectDelimiter('', known)).toBe(',');
  });
});

describe('IssueList', () => {
  it('keeps the first max, counts all', () => {
    const l = new IssueList<number>(3);
    for (let i = 0; i < 10; i++) l.push(i);
    expect([l.items, l.count, l.truncated]).toEqual([[0, 1, 2], 10, true]);
  });
});
