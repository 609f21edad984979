import {
  FORMULA_START,
  LANGUAGE_CODES,
  LOCALIZATION_APP_NAMES,
  LOCALIZATION_APPS,
  restoreCell,
  USER_LIST_COLUMNS,
} from '@oig/shared';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseLocalizationFileName } from '../localization/utils/localization-file-name';
import { formatBytes, readBytes } from '../utils/read-file';
import { localizationReportCsv, toCsv } from '../localization/utils/report-csv';
import { checkServiceAccountKey } from '../directory/utils/service-account-key';
import { checkUserListFile, checkUserListHeader } from '../user-list/utils/user-list-file';
import { makeLocalizationReport } from './fixtures';

const parseBack = (csv: string) =>
  Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { newline: '\r\n', delimiter: ',' }).data;

/**
 * Any text, weighted towards what breaks CSV and spreadsheets: formula starts, quotes, separators,
 * line breaks, BOMs, full-width signs, CJK.
 */
const cell = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      '"',
      ',',
      ';',
      "'",
      ' ',
      'a',
      '1',
      '\uFF1D',
      '\uFF0B',
      '\u2028',
      '\uFEFF',
      '通',
      'é',
    ),
  }),
  fc.string(),
);

describe('toCsv (report download)', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = toCsv(['a', 'b'], [['1', '2']]);
    expect(csv).toBe('\uFEFFa,b\r\n1,2');
  });

  it('property: every cell reads back exactly (after restoreCell) and none is a formula to a spreadsheet', () => {
    // Header names are never empty (a file holding one empty cell is the empty file: CSV cannot tell).
    const name = cell.filter((c) => c !== '');
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.tuple(
              fc.array(name, { minLength: width, maxLength: width }),
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
            ),
          ),
        ([fields, rows]) => {
          const parsed = parseBack(toCsv(fields, rows));
          expect(parsed).toHaveLength(rows.length + 1);
          parsed.forEach((row, r) => {
            expect(row.map(restoreCell)).toEqual(r === 0 ? fields : rows[r - 1]);
            for (const value of row) expect(FORMULA_START.test(value)).toBe(false);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes the errors and warnings of a localization report', () => {
    const csv = localizationReportCsv(
      makeLocalizationReport({
        errors: [{ line: 2, key: 'save', kind: 'empty_value', params: {}, message: '@SUM(A1)' }],
        warnings: [
          { line: null, key: 'cancel', kind: 'missing_key', params: { english: 'Cancel' }, message: 'x' },
        ],
      }),
    );
    expect(parseBack(csv)).toEqual([
      ['severity', 'line', 'key', 'kind', 'message'],
      ['error', '2', 'save', 'empty_value', "'@SUM(A1)"],
      ['warning', '', 'cancel', 'missing_key', 'x'],
    ]);
  });
});

describe('formatBytes', () => {
  // Intl puts a (narrow) no-break space between the number and the unit.
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  it('writes sizes with the units of the console language', () => {
    expect(plain(formatBytes(25 * 1024 * 1024, 'en'))).toBe('25 MB');
    expect(plain(formatBytes(1536, 'en'))).toBe('1.5 kB');
    expect(plain(formatBytes(12, 'en'))).toBe('12 bytes');
    expect(plain(formatBytes(25 * 1024 * 1024, 'fr'))).toBe('25 Mo');
    expect(plain(formatBytes(1536, 'fr'))).toBe('1,5 ko');
    expect(plain(formatBytes(12, 'fr'))).toBe('12 octets');
    expect(plain(formatBytes(3 * 1024 ** 4, 'fr'))).toBe('3 072 Go');
    expect(plain(formatBytes(25.5 * 1024 * 1024, 'ru'))).toBe('25,5 МБ');
    expect(plain(formatBytes(12, 'ru'))).toBe('12 байт');
    expect(plain(formatBytes(12, 'ja'))).toBe('12 バイト');
    expect(plain(formatBytes(1536, 'de'))).toBe('1,5 kB');
  });
});

describe('checkUserListHeader', () => {
  it('property: any order and letter case of the known columns, with both required ones, passes', () => {
    const optional = USER_LIST_COLUMNS.filter((c) => c !== 'primary_email' && c !== 'phone_number');
    fc.assert(
      fc.property(fc.subarray([...optional]), fc.func(fc.boolean()), fc.integer(), (extra, upper, seed) => {
        const columns = [...extra, 'primary_email', 'phone_number'];
        const shuffled = columns
          .map((c, i) => ({ c, k: Math.sin(seed + i) }))
          .sort((a, b) => a.k - b.k)
          .map(({ c }, i) => (upper(i) ? ` ${c.toUpperCase()} ` : c));
        const result = checkUserListHeader(shuffled);
        expect(result.errors).toEqual([]);
        expect(result.warnings).toEqual([]);
      }),
    );
  });

  it('property: without a required column it always says which one is missing', () => {
    fc.assert(
      fc.property(fc.subarray([...USER_LIST_COLUMNS]), (columns) => {
        const missing = ['primary_email', 'phone_number'].filter(
          (c) => !columns.includes(c as (typeof USER_LIST_COLUMNS)[number]),
        );
        const result = checkUserListHeader(columns);
        if (columns.length === 0) expect(result.errors).toEqual([{ kind: 'noHeader' }]);
        else if (missing.length > 0)
          expect(result.errors).toEqual([{ kind: 'missingColumns', columns: missing }]);
        else expect(result.errors).toEqual([]);
      }),
    );
  });

  it('reports duplicate, unknown and unnamed columns, and strips a BOM', () => {
    expect(
      checkUserListHeader([
        '\uFEFFPrimary_Email',
        '',
        'phone_number',
        'PHONE_NUMBER',
        'notes',
        ' ',
        'full_name',
        '',
      ]),
    ).toEqual({
      columns: ['primary_email', '', 'phone_number', 'phone_number', 'notes', '', 'full_name', ''],
      errors: [
        { kind: 'duplicateColumns', columns: ['phone_number'] },
        { kind: 'unknownColumns', columns: ['notes'] },
        { kind: 'unnamedColumns', positions: [2, 6] },
      ],
      warnings: [],
    });
  });

  it("allows unnamed columns at the end (a spreadsheet's trailing delimiters), as the server does", () => {
    expect(checkUserListHeader(['primary_email', 'phone_number', '', ' ', ''])).toEqual({
      columns: ['primary_email', 'phone_number', '', '', ''],
      errors: [],
      warnings: [],
    });
  });
});

describe('checkUserListFile', () => {
  const file = (parts: BlobPart[], name = 'users.csv') => new File(parts, name, { type: 'text/csv' });

  it('counts 100,000 rows in chunks, reporting progress as it goes', async () => {
    const lines = ['primary_email,phone_number,full_name'];
    for (let i = 0; i < 100_000; i++)
      lines.push(`user${i}@example.com,+1555${String(i).padStart(7, '0')},"Name, ${i}"`);
    const progress: number[] = [];
    const started = performance.now();
    const check = await checkUserListFile(file([lines.join('\r\n'), '\r\n\r\n']), {
      onProgress: (p) => progress.push(p),
    });
    expect(check.rows).toBe(100_000);
    expect(check.errors).toEqual([]);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('detects semicolons and tabs, and quoted fields over several lines', async () => {
    const semi = await checkUserListFile(file(['primary_email;phone_number\n"a@x.com";"+1 (555) 0001"\n']));
    expect(semi).toMatchObject({ rows: 1, delimiter: ';', errors: [] });
    const tab = await checkUserListFile(
      file(['primary_email\tphone_number\tfull_name\na@x.com\t1\t"Ann\nSmith"\n']),
    );
    expect(tab).toMatchObject({ rows: 1, delimiter: '\t', errors: [] });
  });

  it('reads UTF-16 files announced by their byte order mark', async () => {
    const text = 'primary_email,phone_number\r\na@x.com,1\r\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
    const check = await checkUserListFile(file([le]));
    expect(check).toMatchObject({
      encoding: 'utf-16le',
      rows: 1,
      errors: [],
      columns: ['primary_email', 'phone_number'],
    });
  });

  it('refuses empty, header-only and too-large files, and stops at a bad header', async () => {
    expect((await checkUserListFile(file([]))).errors).toEqual([{ kind: 'empty' }]);
    expect((await checkUserListFile(file(['\r\n \r\n']))).errors).toEqual([{ kind: 'noHeader' }]);
    expect((await checkUserListFile(file(['primary_email,phone_number\r\n']))).errors).toEqual([
      { kind: 'noRows' },
    ]);
    const big = { size: 26 * 1024 * 1024, name: 'big.csv' } as File;
    expect((await checkUserListFile(big)).errors).toEqual([{ kind: 'tooLarge', size: 26 * 1024 * 1024 }]);
    const bad = await checkUserListFile(file(['email,phone\r\na,1\r\n']));
    expect(bad.rows).toBeNull();
    expect(bad.errors).toEqual([
      { kind: 'missingColumns', columns: ['primary_email', 'phone_number'] },
      { kind: 'unknownColumns', columns: ['email', 'phone'] },
    ]);
  });

  // Was a warning while papaparse read the file; the server refuses it, and so does the check now.
  it('refuses an unclosed quote, naming the line it opens on', async () => {
    const check = await checkUserListFile(file(['primary_email,phone_number\r\na@x.com,"1\r\n']));
    expect(check.errors).toEqual([{ kind: 'file', code: 'quote_not_closed', params: {}, line: 2 }]);
    expect(check.rows).toBeNull();
  });

  // detectEncoding guessed BOM-less UTF-16 from its zero bytes; the shared decoder refuses it, as the server does.
  it('refuses BOM-less UTF-16 (a NUL on line 1), as the server does; readBytes reads the BOM', async () => {
    const text = 'primary_email,phone_number\r\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[i * 2] = text.charCodeAt(i);
    expect((await checkUserListFile(file([le]))).errors).toEqual([
      { kind: 'file', code: 'nul', params: {}, line: 1 },
    ]);
    expect(await readBytes(new Blob([toCsv(['a'], [])]))).toEqual(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]));
  });
});

describe('parseLocalizationFileName', () => {
  it('property: every application and language code, in any letter case, is read back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALIZATION_APPS),
        fc.constantFrom(...LANGUAGE_CODES),
        fc.func(fc.boolean()),
        (app, lang, upper) => {
          const name = `${LOCALIZATION_APP_NAMES[app]}_${lang}.csv`
            .split('')
            .map((ch, i) => (upper(i) ? ch.toUpperCase() : ch.toLowerCase()))
            .join('');
          expect(parseLocalizationFileName(name)).toEqual({ ok: true, app, lang });
        },
      ),
    );
  });

  it('property: a code outside Appendix B is refused as a language, anything else as the pattern', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{2,3}(-[a-z]{2})?$/), (code) => {
        fc.pre(!(LANGUAGE_CODES as readonly string[]).includes(code));
        expect(parseLocalizationFileName(`MiVoice Integration for Google_${code}.csv`)).toEqual({
          ok: false,
          reason: 'language',
          app: 'google',
          code,
        });
      }),
    );
    fc.assert(
      fc.property(fc.string(), (name) => {
        fc.pre(!/_[^_]+\.csv$/i.test(name));
        expect(parseLocalizationFileName(name)).toEqual({ ok: false, reason: 'pattern' });
      }),
    );
  });

  it('refuses near misses', () => {
    for (const name of [
      'MiVoice Integration for Google_ja.txt',
      'MiVoice Integration for Google ja.csv',
      'MiVoice Integration for Google_.csv',
      'Integration for Google_ja.csv',
      'MiVoice Integration for Google_ja (1).csv',
    ]) {
      expect(parseLocalizationFileName(name).ok, name).toBe(false);
    }
  });
});

describe('checkServiceAccountKey', () => {
  it('accepts a service-account key and tells whose it is', () => {
    expect(
      checkServiceAccountKey(
        JSON.stringify({
          type: 'service_account',
          client_email: 'a@p.iam.gserviceaccount.com',
          private_key: 'k',
        }),
      ),
    ).toEqual({ ok: true, clientEmail: 'a@p.iam.gserviceaccount.com' });
  });

  it.each([
    ['', 'empty'],
    ['not json', 'json'],
    ['[1]', 'notServiceAccount'],
    ['{"type":"authorized_user","client_email":"a","private_key":"k"}', 'notServiceAccount'],
    ['{"client_email":"a"}', 'notServiceAccount'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(checkServiceAccountKey(text)).toEqual({ ok: false, reason });
  });

  it('refuses a text over 20,000 characters', () => {
    expect(checkServiceAccountKey(`{"x":"${'a'.repeat(20_001)}"}`)).toEqual({ ok: false, reason: 'tooLong' });
  });
});
