import {
  detectDelimiter,
  firstInvalidUtf8,
  isUserListColumn,
  neutraliseCell,
  phoneKeyOf,
  restoreCell,
} from '@oig/shared';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../http/app-error.js';
import { parseCsvRecords } from '../../../../lib/csv-read.js';
import { decodeUserList, parseUserList, planImport, type StoredUser } from '../user-list.csv.js';
import { problems, row } from './user-list-fixtures.js';

/**
 * Characters that stress a CSV round trip: formula starts (also full-width), quotes, delimiters,
 * line breaks, CJK, emoji.
 */
export const TRICKY = [
  '=',
  '+',
  '-',
  '@',
  "'",
  '＝',
  '＋',
  '－',
  '＠',
  '"',
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '\r\n',
  ' ',
  '王',
  '小明',
  '😀',
  'é',
  '\u2028',
  '\uFEFF',
];
const tricky = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
export const trickyString = (maxLength: number) => fc.string({ unit: tricky, maxLength });

const fileError = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.message}`;
    throw e;
  }
  throw new Error('expected a file error');
};

describe('neutraliseCell / restoreCell', () => {
  it('restoreCell(neutraliseCell(x)) === x for any string (any code point, phone cells too)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.boolean(), (x, phone) => {
        expect(restoreCell(neutraliseCell(x, { phone }))).toBe(x);
      }),
      { numRuns: 2_000 },
    );
  });

  it('… also for strings built from quotes and formula starts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("'", '=', '+', '-', '@', '＝', '\t', '\r', 'a', '1', ' '), { maxLength: 8 }),
        fc.boolean(),
        (parts, phone) => {
          const x = parts.join('');
          const written = neutraliseCell(x, { phone });
          expect(restoreCell(written)).toBe(x);
          // What a spreadsheet sees never starts like a formula (except a valid phone number).
          if (!phone || !/^\+?[0-9 ().-]*[0-9][0-9 ().-]*$/.test(x))
            expect(written).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('decoding', () => {
  it('firstInvalidUtf8 agrees with the fatal TextDecoder on any bytes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        decoder.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      // mostly valid text with a few raw bytes inserted
      fc
        .tuple(
          fc.string({ unit: 'grapheme', maxLength: 20 }),
          fc.uint8Array({ maxLength: 3 }),
          fc.string({ unit: 'grapheme', maxLength: 20 }),
        )
        .map(([a, raw, b]) => Buffer.concat([Buffer.from(a), raw, Buffer.from(b)])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(valid(b));
        if (at !== -1) {
          expect(valid(b.subarray(0, at))).toBe(true);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['UTF-8', Buffer.from('a,b\r\n'), 'utf-8', 'a,b\r\n'],
    ['UTF-8 with BOM (removed)', Buffer.from('\uFEFFa,b'), 'utf-8', 'a,b'],
    [
      'UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('王,b', 'utf16le')]),
      'utf-16le',
      '王,b',
    ],
    ['UTF-16 BE with BOM', Buffer.from([0xfe, 0xff, 0x73, 0x8b, 0x00, 0x2c, 0x00, 0x62]), 'utf-16be', '王,b'],
  ])('%s', (_name, bytes, encoding, text) => {
    expect(decodeUserList(bytes)).toEqual({ encoding, text });
  });

  it.each([
    [
      'Windows-1252 on line 2',
      Buffer.from('a\r\n\x93quoted\x94\r\n', 'latin1'),
      'Line 2 is not UTF-8 (byte 0x93)',
    ],
    [
      'overlong encoding of "/"',
      Buffer.from([0x61, 0x0a, 0x0a, 0xc0, 0xaf]),
      'Line 3 is not UTF-8 (byte 0xC0)',
    ],
    ['UTF-8-encoded surrogate', Buffer.from([0xed, 0xa0, 0x80]), 'Line 1 is not UTF-8 (byte 0xED)'],
    ['NUL on line 2', Buffer.from('a\nb\0c'), 'Line 2 contains a NUL byte'],
    // Old Mac files (CR only) are read, so their decode errors count lines the same way.
    [
      'Windows-1252 on line 3 of a CR-only file',
      Buffer.from('a\rb\r\x93quoted\x94\r', 'latin1'),
      'Line 3 is not UTF-8 (byte 0x93)',
    ],
    ['NUL on line 3 of a CR-only file', Buffer.from('a\rb\rc\0'), 'Line 3 contains a NUL byte'],
    ['NUL in UTF-16 LE', Buffer.from('\uFEFFa\r\nb\u0000', 'utf16le'), 'Line 2 contains a NUL character'],
  ])('refuses %s naming the line', (_name, bytes, start) => {
    expect(fileError(() => decodeUserList(bytes))).toMatch(
      new RegExp(`^400 ${start.replace(/[()]/g, '\\$&')}`),
    );
  });
});

describe('delimiter and lines', () => {
  it.each([
    ['primary_email,phone_number', ','],
    ['primary_email;phone_number;full_name', ';'],
    ['primary_email\tphone_number', '\t'],
    // a name with a comma in a ;-file header is still ;
    ['"primary_email";"phone_number";"full_name"', ';'],
    ['PRIMARY_EMAIL , PHONE_NUMBER', ','],
    ['nothing known;here', ';'],
    ['single', ','],
  ])('detectDelimiter(%j) = %j', (line, d) => {
    expect(detectDelimiter(line, isUserListColumn)).toBe(d);
  });

  it('physical line numbers of rows, whatever the quoted line breaks, blank lines and line ends (property)', () => {
    const rowArb = fc.array(trickyString(12), { minLength: 3, maxLength: 3 });
    const eolArb = fc.constantFrom('\r\n', '\n');
    fc.assert(
      fc.property(
        eolArb,
        fc.array(fc.tuple(rowArb, fc.nat(2), eolArb), { minLength: 1, maxLength: 15 }),
        (headerEol, rows) => {
          // Write each row (papaparse quotes what needs it), preceded by 0–2 blank lines; each
          // line ends in CRLF or LF (one kind per file, or mixed).
          let text = 'a,b,c' + headerEol;
          let line = 2;
          const expected: Array<{ line: number; cells: string[] }> = [];
          for (const [cells, blanks, eol] of rows) {
            text += eol.repeat(blanks);
            line += blanks;
            const written = Papa.unparse([cells], {
              newline: eol,
              quotes: cells.map((c) => c === '' || /^\s|\s$/.test(c)),
            });
            text += written + eol;
            expected.push({ line, cells });
            // One line rule: CRLF, LF or CR (also inside quoted fields).
            line += (written.match(/\r\n|\n|\r/g) ?? []).length + 1;
          }
          const got = parseCsvRecords(text, ',').filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
          expect(got.slice(1)).toEqual(expected);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('a file that mixes CRLF and LF line ends (lines added in another editor): each line is a row, quoted CRLFs kept', async () => {
    const parsed = await parseUserList(
      Buffer.from(
        'primary_email,full_name,phone_number\r\na@example.com,"A\r\nB",1\nb@example.com,"x""\n",2\r\nc@example.com,C,x\r\n',
      ),
    );
    expect(parsed.candidates.map((c) => [c.line, c.fullName, c.phone])).toEqual([
      [2, 'A\r\nB', '1'],
      [4, 'x"\n', '2'],
    ]);
    expect(problems(parsed.errors)).toEqual([
      {
        line: 6,
        column: 'phone_number',
        message:
          'phone_number "x" is not a phone number (digits, an optional leading +, blanks and . - ( ) only)',
      },
    ]);
  });

  it('the delimiter is the header line’s, after leading blank lines', async () => {
    const parsed = await parseUserList(
      Buffer.from('\r\n  \r\nprimary_email;full_name;phone_number\r\na@example.com;Martin, Ann;1\r\n'),
    );
    expect(parsed).toMatchObject({ delimiter: ';', rows: 1, errors: [] });
    expect(parsed.candidates[0]).toMatchObject({ line: 4, fullName: 'Martin, Ann' });
  });

  it('old Mac files (CR only) are read, lines counted on CR', async () => {
    const parsed = await parseUserList(
      Buffer.from('primary_email,phone_number\ra@example.com,1\r\rb@example.com,x\r'),
    );
    expect(parsed.rows).toBe(2);
    expect(problems(parsed.errors)).toEqual([
      {
        line: 4,
        column: 'phone_number',
        message:
          'phone_number "x" is not a phone number (digits, an optional leading +, blanks and . - ( ) only)',
      },
    ]);
  });

  it('phone numbers and leading zeros stay text (no number conversion)', async () => {
    const parsed = await parseUserList(
      Buffer.from(
        'primary_email,phone_number\r\na@example.com,007\r\na@example.com,+001 (2) 3.4-5\r\na@example.com,1e3\r\n',
      ),
    );
    expect(parsed.candidates.map((c) => [c.phone, c.phoneKey])).toEqual([
      ['007', '007'],
      ['+001 (2) 3.4-5', '+0012345'],
    ]);
    expect(parsed.errors.map((e) => e.line)).toEqual([4]);
  });
});

describe('planImport', () => {
  const stored = new Map<string, StoredUser>([
    [
      '111',
      row({
        primary_email: 'a@example.com',
        phone_number: '111',
        full_name: 'A',
        phone_type: 'work',
        record_source: 'google',
      }),
    ],
    ['222', row({ primary_email: 'b@example.com', phone_number: '222' })],
  ]);
  const cand = (
    c: Partial<Parameters<typeof planImport>[0][number]> & { email: string; phone: string; line: number },
  ) => ({
    emailKey: c.email.toLowerCase(),
    phoneKey: phoneKeyOf(c.phone),
    remove: false,
    ...c,
  });

  it('columns the file lacks keep their stored values; present but empty cells clear them', async () => {
    const plan = await planImport(
      [
        cand({ line: 2, email: 'a@example.com', phone: '111', givenName: 'Ann' }),
        cand({
          line: 3,
          email: 'b@example.com',
          phone: '222',
          fullName: '',
          phoneType: null,
          recordSource: 'csv',
        }),
      ],
      stored,
      42,
    );
    expect(plan).toMatchObject({ added: 0, updated: 1, unchanged: 1, deleted: 0, errors: [] });
    expect(plan.upserts).toEqual([{ ...stored.get('111'), given_name: 'Ann', updated_at: 42 }]);
  });

  it('deletes only what the row’s e-mail owns', async () => {
    const plan = await planImport(
      [
        cand({ line: 2, email: 'A@example.com', phone: '111', remove: true }),
        cand({ line: 3, email: 'a@example.com', phone: '222', remove: true }),
      ],
      stored,
      42,
    );
    expect(plan.deletes).toEqual(['111']);
    expect(problems(plan.errors)).toEqual([
      {
        line: 3,
        column: 'mark_as_delete',
        message:
          'mark_as_delete: phone_number "222" belongs to b@example.com, not a@example.com: only its owner\'s row may delete it',
      },
    ]);
  });
});

describe('parseUserList on a big file', () => {
  it('lets the event loop turn while it checks the rows', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `u${i}@example.com,${i}`);
    const parsing = parseUserList(Buffer.from(['primary_email,phone_number', ...rows].join('\n')));
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const parsed = await parsing;
    clearInterval(tick);
    expect(parsed.candidates).toHaveLength(30_000);
    expect(turns).toBeGreaterThan(0);
  });
});
