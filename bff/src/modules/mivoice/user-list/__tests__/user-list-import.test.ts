import type { UserListImportReport } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { DB_KINDS } from '../../../../test/harness.js';
import {
  BASE,
  csv,
  HEADER,
  problems,
  row,
  seededHarness,
  stored,
  upload,
  type RowProblem,
} from './user-list-fixtures.js';

const SAVE_AS = 'Save it as "CSV UTF-8 (Comma delimited)" and upload it again';
const COLUMNS_HELP =
  'The first line must name the columns (any order, any case): primary_email, full_name, given_name, family_name, phone_number, phone_type, mark_as_delete, record_source; primary_email and phone_number are required';
const latin1 = (s: string) => Buffer.from(s, 'latin1');
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

/** A file refused as a whole: status and exact message. */
interface FileCase {
  name: string;
  body: string | Buffer;
  query?: Record<string, string>;
  status: number;
  message: string;
}

const FILE_CASES: FileCase[] = [
  {
    name: 'wrong header (columns of another product)',
    body: csv(['email,phone', 'carol@example.com,+1 555 0200']),
    status: 400,
    message: `Wrong header on line 1: unknown columns "email", "phone"; missing required columns primary_email, phone_number. ${COLUMNS_HELP}`,
  },
  {
    name: 'no header at all (the first line is data)',
    body: csv(['carol@example.com,+1 555 0200']),
    status: 400,
    message: `Wrong header on line 1: unknown columns "carol@example.com", "+1 555 0200"; missing required columns primary_email, phone_number. ${COLUMNS_HELP}`,
  },
  {
    name: 'missing required column phone_number',
    body: csv(['primary_email,full_name', 'carol@example.com,Carol']),
    status: 400,
    message: `Wrong header on line 1: missing required column phone_number. ${COLUMNS_HELP}`,
  },
  {
    name: 'unknown column',
    body: csv(['primary_email,phone_number,department', 'carol@example.com,+1 555 0200,Sales']),
    status: 400,
    message: `Wrong header on line 1: unknown column "department". ${COLUMNS_HELP}`,
  },
  {
    name: 'duplicate column (names compared case-insensitively)',
    body: csv([
      'primary_email,phone_number, Primary_Email ',
      'carol@example.com,+1 555 0200,carol@example.com',
    ]),
    status: 400,
    message: `Wrong header on line 1: duplicate column primary_email. ${COLUMNS_HELP}`,
  },
  {
    name: 'a header column without a name (before a named one)',
    body: csv(['primary_email,,phone_number', 'carol@example.com,,+1 555 0200']),
    status: 400,
    message: `Wrong header on line 1: column 2 has no name. ${COLUMNS_HELP}`,
  },
  {
    name: 'header after blank lines is found; its line is named',
    body: csv(['', '', 'primary_email,,phone', 'carol@example.com,+1 555 0200']),
    status: 400,
    message: `Wrong header on line 3: unknown column "phone"; column 2 has no name; missing required column phone_number. ${COLUMNS_HELP}`,
  },
  {
    name: 'truncated quote (never closed)',
    body: csv([
      HEADER,
      'carol@example.com,Carol,Carol,Smith,+1 555 0200,work,,csv',
      'dave@example.com,"Dave, the second,Dave,Jones,+1 555 0201,work,,csv',
    ]),
    status: 400,
    message:
      'Line 3: a quoted field is never closed (its opening " has no closing " before the end of the file). Check the quotes on that line',
  },
  {
    name: 'text after a closing quote',
    body: csv([
      'primary_email,phone_number,full_name',
      'carol@example.com,+1 555 0200,"Carol" Smith',
      'dave@example.com,+1 555 0201,Dave',
    ]),
    status: 400,
    message:
      'Line 2: a quoted field has text after its closing quote. Inside a quoted field, write a " as ""',
  },
  {
    name: 'Latin-1 (Windows-1252) bytes',
    body: latin1(
      csv([
        'primary_email,phone_number,full_name',
        'carol@example.com,+1 555 0200,Carol',
        'zoe@example.com,+1 555 0201,Zoë',
      ]),
    ),
    status: 400,
    message: `Line 3 is not UTF-8 (byte 0xEB): the file is in another encoding such as Latin-1/Windows-1252, or mixes encodings. ${SAVE_AS}`,
  },
  {
    name: 'mixed encodings (UTF-8 lines, then a Latin-1 line)',
    body: Buffer.concat([
      Buffer.from(
        csv([
          'primary_email,phone_number,full_name',
          'zoe@example.com,+1 555 0201,Zoë',
          'jose@example.com,+1 555 0202,José',
        ]),
        'utf8',
      ),
      latin1(csv(['rene@example.com,+1 555 0203,René'])),
    ]),
    status: 400,
    message: `Line 4 is not UTF-8 (byte 0xE9): the file is in another encoding such as Latin-1/Windows-1252, or mixes encodings. ${SAVE_AS}`,
  },
  {
    name: 'a UTF-8 sequence cut short',
    body: Buffer.concat([
      Buffer.from(csv(['primary_email,phone_number,full_name', 'li@example.com,+1 555 0201,'])),
      Buffer.from([0xe6, 0x9d]),
    ]),
    status: 400,
    message: `Line 3 is not UTF-8 (byte 0xE6): the file is in another encoding such as Latin-1/Windows-1252, or mixes encodings. ${SAVE_AS}`,
  },
  {
    name: 'NUL bytes (binary file: a PNG after the header, whose signature holds two line feeds)',
    body: Buffer.concat([
      Buffer.from(csv([HEADER])),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    ]),
    status: 400,
    message: `Line 4 contains a NUL byte: this is not a text CSV file (binary, or UTF-16 without a byte-order mark). ${SAVE_AS}`,
  },
  {
    name: 'UTF-16 without a byte-order mark',
    body: Buffer.from(csv([HEADER]), 'utf16le'),
    status: 400,
    message: `Line 1 contains a NUL byte: this is not a text CSV file (binary, or UTF-16 without a byte-order mark). ${SAVE_AS}`,
  },
  {
    name: 'an Excel workbook (.xlsx)',
    body: Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
      Buffer.from('[Content_Types].xml'),
    ]),
    status: 400,
    message: `This is an Excel workbook or a ZIP archive, not a CSV file. ${SAVE_AS}`,
  },
  {
    name: 'UTF-16 with a BOM but broken (lone surrogate)',
    body: Buffer.concat([utf16le(`${HEADER}\r\n`), Buffer.from([0x00, 0xd8, 0x41, 0x00])]),
    status: 400,
    message: `The file starts with a UTF-16 byte-order mark but is not valid UTF-16: line 2 holds an unpaired surrogate. ${SAVE_AS}`,
  },
  {
    name: '0-byte file',
    body: Buffer.alloc(0),
    status: 400,
    message: 'The file "users.csv" is empty (0 bytes)',
  },
  {
    name: 'only a BOM and blank lines',
    body: `\uFEFF\r\n\r\n  \r\n`,
    status: 400,
    message:
      'The file has no header row: the first line must name the columns primary_email, full_name, given_name, family_name, phone_number, phone_type, mark_as_delete, record_source',
  },
  {
    name: 'unknown mode',
    body: csv([HEADER]),
    query: { mode: 'fast' },
    status: 400,
    message: 'Import options is invalid: mode: mode must be strict or skip',
  },
  {
    name: 'dryRun not a boolean',
    body: csv([HEADER]),
    query: { dryRun: 'yes' },
    status: 400,
    message: 'Import options is invalid: dryRun: dryRun must be true or false',
  },
  {
    name: 'unknown option',
    body: csv([HEADER]),
    query: { force: '1' },
    status: 400,
    message: 'Import options is invalid: Unrecognized key: "force"',
  },
];

/** A file whose rows are checked: strict mode changes nothing and lists every bad row. */
interface RowCase {
  name: string;
  lines: string[];
  errors: RowProblem[];
  /** Counts of the good rows (what skip mode would apply). */
  counts?: Partial<UserListImportReport>;
}

const ROW_CASES: RowCase[] = [
  {
    name: 'bad e-mails',
    lines: [
      'primary_email,phone_number',
      'not-an-email,+1 555 0200',
      ',+1 555 0201',
      'a@b,+1 555 0202',
      'two words@example.com,+1 555 0203',
      'carol@example.com,+1 555 0204',
    ],
    errors: [
      {
        line: 2,
        column: 'primary_email',
        message: 'primary_email "not-an-email" is not a valid e-mail address',
      },
      { line: 3, column: 'primary_email', message: 'primary_email is required' },
      { line: 4, column: 'primary_email', message: 'primary_email "a@b" is not a valid e-mail address' },
      {
        line: 5,
        column: 'primary_email',
        message: 'primary_email "two words@example.com" is not a valid e-mail address',
      },
    ],
    counts: { added: 1, rows: 5 },
  },
  {
    name: 'duplicate phone numbers within the file (the later line; spelled differently counts too)',
    lines: [
      'primary_email,phone_number',
      'carol@example.com,+1 555 0200',
      'carol@example.com,+1 (555) 02-00',
      'dave@example.com,+1.555.0200',
    ],
    errors: [
      {
        line: 3,
        column: 'phone_number',
        message: 'phone_number "+1 (555) 02-00" is already on line 2; a phone number may appear once',
      },
      {
        line: 4,
        column: 'phone_number',
        message:
          'phone_number "+1.555.0200" is already on line 2 for carol@example.com; a phone number may appear once',
      },
    ],
    counts: { added: 1 },
  },
  {
    name: 'phone number owned by another e-mail in the stored list',
    lines: [
      'primary_email,phone_number',
      'carol@example.com,06 12 34 56 78',
      'carol@example.com,+1 555 0200',
    ],
    errors: [
      {
        line: 2,
        column: 'phone_number',
        message: 'phone_number "06 12 34 56 78" already belongs to Bob@Example.com',
      },
    ],
    counts: { added: 1 },
  },
  {
    name: 'bad phone numbers',
    lines: [
      'primary_email,phone_number',
      'carol@example.com,call me',
      'carol@example.com,',
      'carol@example.com,+1 555 0100 0100 0100 0100 0100 0100',
      'carol@example.com,=1+2',
      'carol@example.com,++15550200',
    ],
    errors: [
      {
        line: 2,
        column: 'phone_number',
        message:
          'phone_number "call me" is not a phone number (digits, an optional leading +, blanks and . - ( ) only)',
      },
      { line: 3, column: 'phone_number', message: 'phone_number is required' },
      { line: 4, column: 'phone_number', message: 'phone_number is longer than 32 characters' },
      {
        line: 5,
        column: 'phone_number',
        message:
          'phone_number "=1+2" is not a phone number (digits, an optional leading +, blanks and . - ( ) only)',
      },
      {
        line: 6,
        column: 'phone_number',
        message:
          'phone_number "++15550200" is not a phone number (digits, an optional leading +, blanks and . - ( ) only)',
      },
    ],
  },
  {
    name: 'bad phone_type and mark_as_delete',
    lines: [
      'primary_email,phone_number,phone_type,mark_as_delete',
      'carol@example.com,+1 555 0200,fax,',
      'carol@example.com,+1 555 0201,WORK,maybe',
      'carol@example.com,+1 555 0202,Mobile,No',
    ],
    errors: [
      { line: 2, column: 'phone_type', message: 'phone_type "fax" must be work, mobile or home (or empty)' },
      { line: 3, column: 'mark_as_delete', message: 'mark_as_delete "maybe" must be yes, no or empty' },
    ],
    counts: { added: 1 },
  },
  {
    name: 'deleting a number that another e-mail owns (one not stored is unchanged)',
    lines: [
      'primary_email,phone_number,mark_as_delete',
      'alice@example.com,+1 555 0999,yes',
      'alice@example.com,0612345678,YES',
      'alice@example.com,+1 555 0101,yes',
    ],
    errors: [
      {
        line: 3,
        column: 'mark_as_delete',
        message:
          'mark_as_delete: phone_number "0612345678" belongs to Bob@Example.com, not alice@example.com: only its owner\'s row may delete it',
      },
    ],
    counts: { deleted: 1, unchanged: 1, errorCount: 1, badRows: 1, errorsTruncated: false },
  },
  {
    name: 'wrong number of fields',
    lines: [
      'primary_email,phone_number,full_name',
      'carol@example.com,+1 555 0200',
      'dave@example.com,+1 555 0201,Dave,extra',
      'erin@example.com,+1 555 0202,Erin',
    ],
    errors: [
      {
        line: 2,
        column: null,
        message: 'This row has 2 fields but the header has 3: check the delimiter (,) and the quotes',
      },
      {
        line: 3,
        column: null,
        message: 'This row has 4 fields but the header has 3: check the delimiter (,) and the quotes',
      },
    ],
    counts: { added: 1 },
  },
  {
    name: 'over-long names and record_source; several errors on one row',
    lines: [
      'primary_email,phone_number,full_name,given_name,record_source',
      `x,+1 555 0200,${'n'.repeat(201)},${'g'.repeat(200)},${'s'.repeat(101)}`,
    ],
    errors: [
      { line: 2, column: 'primary_email', message: 'primary_email "x" is not a valid e-mail address' },
      { line: 2, column: 'full_name', message: 'full_name is longer than 200 characters' },
      { line: 2, column: 'record_source', message: 'record_source is longer than 100 characters' },
    ],
    counts: { added: 0 },
  },
  {
    name: 'line numbers count quoted fields over several lines and blank lines',
    lines: [
      'primary_email,phone_number,full_name',
      'carol@example.com,+1 555 0200,"Carol',
      'of the',
      'North"',
      '',
      ',,',
      'bad,+1 555 0201,"x,""y"""',
      'dave@example.com,+1 555 0200,Dave',
    ],
    errors: [
      { line: 7, column: 'primary_email', message: 'primary_email "bad" is not a valid e-mail address' },
      {
        line: 8,
        column: 'phone_number',
        message:
          'phone_number "+1 555 0200" is already on line 2 for carol@example.com; a phone number may appear once',
      },
    ],
    counts: { added: 1, rows: 3 },
  },
];

describe.each(DB_KINDS)('user-list import: bad files change nothing (%s)', (kind) => {
  const t = seededHarness(kind);

  it.each(FILE_CASES)('refuses the file: $name', async (c) => {
    const res = await upload(t.admin, c.body, c.query ?? {});
    expect(res.status).toBe(c.status);
    expect(res.body.error.message).toBe(c.message);
    expect(await stored(t.h)).toEqual(BASE);
  });

  it.each(ROW_CASES)('strict: lists every bad row with its line, changes nothing: $name', async (c) => {
    const res = await upload(t.admin, csv(c.lines)).expect(200);
    expect(problems(res.body.errors)).toEqual(c.errors);
    expect(res.body).toMatchObject({ applied: false, mode: 'strict', dryRun: false, ...c.counts });
    expect(await stored(t.h)).toEqual(BASE);
    // The same file checked only (dry run, skip mode): the same report, nothing changes either.
    const dry = await upload(t.admin, csv(c.lines), { mode: 'skip', dryRun: 'true' }).expect(200);
    expect({ ...dry.body, mode: 'strict', dryRun: false }).toEqual(res.body);
    expect(await stored(t.h)).toEqual(BASE);
  });

  it('a 50 MB file: 413 with a clear message, nothing stored, the server still answers', async () => {
    const line = 'carol@example.com,Carol,Carol,Smith,+1 555 0200,work,,csv\r\n';
    const big = Buffer.from(HEADER + '\r\n' + line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    expect(big.length).toBeGreaterThan(50 * 1024 * 1024);
    const res = await upload(t.admin, big);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      code: 'payload_too_large',
      message: 'The file is larger than 25 MB; split it into smaller files',
      fields: { file: 'At most 25 MB' },
    });
    expect(await stored(t.h)).toEqual(BASE);
    const list = await t.admin.get('/api/v1/mivoice/users').expect(200);
    expect(list.body.total).toBe(BASE.length);
  });

  it('no file, or the file in another field: 400 naming the field', async () => {
    const none = await t.admin.post('/api/v1/mivoice/users/import').field('note', 'x');
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe('Send exactly one file, in the field "file", and nothing else');
    const other = await t.admin
      .post('/api/v1/mivoice/users/import')
      .attach('upload', Buffer.from(csv([HEADER])), 'users.csv');
    expect(other.status).toBe(400);
    expect(other.body.error.message).toBe('Send exactly one file, in the field "file", and nothing else');
    const json = await t.admin.post('/api/v1/mivoice/users/import').send({ file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toBe('Send the file as multipart/form-data in the field "file"');
    expect(await stored(t.h)).toEqual(BASE);
  });
});

describe.each(DB_KINDS)('user-list import: formats accepted (%s)', (kind) => {
  const t = seededHarness(kind);

  const CJK = '王小明';
  /** Carol in several encodings and layouts: every one reads the same three rows (checked dry, then applied). */
  const carol = (d: string) => [
    [
      'primary_email',
      'full_name',
      'given_name',
      'family_name',
      'phone_number',
      'phone_type',
      'mark_as_delete',
      'record_source',
    ].join(d),
    ['carol@example.com', `Carol ${CJK}`, 'Carol', 'Smith', '+33 1 23 45 67 89', 'Work', '', ''].join(d),
    ['carol@example.com', `Carol ${CJK}`, 'Carol', 'Smith', '0033123', '', 'no', 'hr'].join(d),
    ['alice@example.com', 'Alice Martin', 'Alice', 'Martin', '+1 555 0100', 'work', '', 'csv'].join(d),
  ];
  const CAROL_ROWS = [
    row({
      primary_email: 'carol@example.com',
      phone_number: '+33 1 23 45 67 89',
      full_name: `Carol ${CJK}`,
      given_name: 'Carol',
      family_name: 'Smith',
      phone_type: 'work',
    }),
    row({
      primary_email: 'carol@example.com',
      phone_number: '0033123',
      full_name: `Carol ${CJK}`,
      given_name: 'Carol',
      family_name: 'Smith',
      record_source: 'hr',
    }),
  ];
  const FORMATS: Array<{ name: string; body: string | Buffer; delimiter: string; encoding: string }> = [
    { name: 'UTF-8, CRLF', body: csv(carol(',')), delimiter: ',', encoding: 'utf-8' },
    { name: 'UTF-8 with BOM, CRLF', body: `\uFEFF${csv(carol(','))}`, delimiter: ',', encoding: 'utf-8' },
    {
      name: 'UTF-8, LF, no final line break',
      body: carol(',').join('\n'),
      delimiter: ',',
      encoding: 'utf-8',
    },
    {
      name: 'semicolons (European Excel)',
      body: `\uFEFF${csv(carol(';'))}`,
      delimiter: ';',
      encoding: 'utf-8',
    },
    { name: 'tabs', body: csv(carol('\t')), delimiter: '\t', encoding: 'utf-8' },
    {
      name: 'UTF-16 LE with BOM, tabs (Excel "Unicode Text")',
      body: utf16le(csv(carol('\t'))),
      delimiter: '\t',
      encoding: 'utf-16le',
    },
    { name: 'UTF-16 BE with BOM', body: utf16be(csv(carol(','))), delimiter: ',', encoding: 'utf-16be' },
    {
      name: 'every cell quoted',
      body: csv(
        carol(',').map((l) =>
          l
            .split(',')
            .map((c) => `"${c}"`)
            .join(','),
        ),
      ),
      delimiter: ',',
      encoding: 'utf-8',
    },
  ];

  it.each(FORMATS)('$name', async (f) => {
    const dry = await upload(t.admin, f.body, { dryRun: 'true' }).expect(200);
    expect(dry.body).toEqual({
      added: 2,
      updated: 0,
      deleted: 0,
      unchanged: 1,
      errors: [],
      errorCount: 0,
      badRows: 0,
      errorsTruncated: false,
      limitExceeded: null,
      rows: 3,
      dryRun: true,
      mode: 'strict',
      applied: false,
      delimiter: f.delimiter,
      encoding: f.encoding,
    });
    expect(await stored(t.h)).toEqual(BASE);
    const res = await upload(t.admin, f.body).expect(200);
    expect(res.body).toMatchObject({ added: 2, unchanged: 1, applied: true, errors: [] });
    const rows = await stored(t.h);
    const added = rows
      .filter((r) => r.email_key === 'carol@example.com')
      .map((r) => ({ ...r, updated_at: 1_700_000_000_000 }));
    expect(added).toEqual(CAROL_ROWS);
  });

  it('header names: any order, any case, blanks around them; columns left out keep what is stored', async () => {
    const res = await upload(
      t.admin,
      csv([' Phone_Number ;PRIMARY_EMAIL', '+1 555 0100;alice@example.com', '+1 555 0300;dan@example.com']),
    ).expect(200);
    expect(res.body).toMatchObject({ added: 1, updated: 0, unchanged: 1, delimiter: ';', applied: true });
    const rows = await stored(t.h);
    expect(rows.find((r) => r.phone_key === '+15550100')).toEqual(BASE[0]);
    expect(rows.find((r) => r.phone_key === '+15550300')).toMatchObject({
      primary_email: 'dan@example.com',
      full_name: '',
      phone_type: null,
      record_source: 'csv',
    });
  });

  it('quoted commas, quotes and line breaks in names are stored as they are; leading zeros, + and neutralised cells', async () => {
    const lines = [
      HEADER,
      `dan@example.com,"Martin, ""Dan""","Dan","O'Neil",'+44 20 7946 0000,home,,csv`,
      `dan@example.com,"Line one\r\nline two","'=cmd","'-x",007 123,,,'@src`,
      `dan@example.com,＝SUM(A1),'＝x,'' =y,00000000,,,csv`,
    ];
    const res = await upload(t.admin, csv(lines)).expect(200);
    expect(res.body).toMatchObject({ added: 3, errors: [], rows: 3 });
    const dan = (await stored(t.h)).filter((r) => r.email_key === 'dan@example.com');
    expect(
      dan.map((r) => [
        r.phone_number,
        r.full_name,
        r.given_name,
        r.family_name,
        r.phone_type,
        r.record_source,
      ]),
    ).toEqual([
      ['+44 20 7946 0000', 'Martin, "Dan"', 'Dan', "O'Neil", 'home', 'csv'],
      ['00000000', '＝SUM(A1)', '＝x', "'' =y", null, 'csv'],
      ['007 123', 'Line one\r\nline two', '=cmd', '-x', null, '@src'],
    ]);
  });
});
