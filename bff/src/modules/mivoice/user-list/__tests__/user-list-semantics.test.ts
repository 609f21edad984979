import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../../test/harness.js';
import { BASE, csv, HEADER, problems, row, seed, stored, upload, type Agent } from './user-list-fixtures.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');

describe.each(DB_KINDS)('user-list import semantics (%s)', (kind) => {
  const clock = { t: T0 };
  let h: Harness;
  let admin: Agent;
  const audits = async () =>
    (await admin.get('/api/v1/audit').query({ action: 'mivoice.users.import' }).expect(200)).body;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { context: { now: () => clock.t } });
    admin = (await signIn(h)).agent;
  });
  afterAll(async () => {
    await h?.dispose();
  });
  beforeEach(async () => {
    await seed(h, BASE);
    await h.ctx.db.db.deleteFrom('audit_log').execute();
    clock.t += 60_000;
  });

  const MIXED = [
    HEADER,
    // same (e-mail, number): new names → update
    'alice@example.com,Alice Martin-Dupont,Alice,Martin-Dupont,+1 555 0100,work,,csv',
    // same as stored → unchanged
    'alice@example.com,Alice Martin,Alice,Martin,+1 555 0101,mobile,,csv',
    // existing e-mail, new number → add
    'alice@example.com,Alice Martin,Alice,Martin,+1 555 0102,home,,csv',
    // delete (e-mail compared case-insensitively)
    'bob@example.com,,,,06 12 34 56 78,,Yes,',
    // new e-mail → add
    'carol@example.com,Carol Smith,Carol,Smith,+1 555 0200,,no,',
  ];

  it('update, unchanged, add to an existing e-mail, delete, add a new e-mail: one report, stored exactly', async () => {
    const res = await upload(admin, csv(MIXED)).expect(200);
    expect(res.body).toEqual({
      added: 2,
      updated: 1,
      deleted: 1,
      unchanged: 1,
      errors: [],
      errorCount: 0,
      badRows: 0,
      errorsTruncated: false,
      limitExceeded: null,
      rows: 5,
      dryRun: false,
      mode: 'strict',
      applied: true,
      delimiter: ',',
      encoding: 'utf-8',
    });
    expect(await stored(h)).toEqual([
      row({
        primary_email: 'alice@example.com',
        phone_number: '+1 555 0100',
        full_name: 'Alice Martin-Dupont',
        given_name: 'Alice',
        family_name: 'Martin-Dupont',
        phone_type: 'work',
        updated_at: clock.t,
      }),
      BASE[1],
      row({
        primary_email: 'alice@example.com',
        phone_number: '+1 555 0102',
        full_name: 'Alice Martin',
        given_name: 'Alice',
        family_name: 'Martin',
        phone_type: 'home',
        updated_at: clock.t,
      }),
      row({
        primary_email: 'carol@example.com',
        phone_number: '+1 555 0200',
        full_name: 'Carol Smith',
        given_name: 'Carol',
        family_name: 'Smith',
        updated_at: clock.t,
      }),
    ]);
    const audit = await audits();
    expect(audit.total).toBe(1);
    expect(audit.entries[0]).toMatchObject({
      actor: 'admin',
      action: 'mivoice.users.import',
      target: 'User list import "users.csv"',
      after: {
        file: 'users.csv',
        mode: 'strict',
        rows: 5,
        added: 2,
        updated: 1,
        deleted: 1,
        unchanged: 1,
        badRows: 0,
        errors: 0,
      },
    });
  });

  it('the same number spelled differently, or the e-mail in another case, updates the stored spelling', async () => {
    const res = await upload(
      admin,
      csv(['primary_email,phone_number', 'ALICE@example.com,+1-555-0100', 'alice@example.com,+1 555 0101']),
    ).expect(200);
    expect(res.body).toMatchObject({ updated: 1, unchanged: 1, added: 0 });
    const rows = await stored(h);
    expect(rows[0]).toEqual({
      ...BASE[0],
      primary_email: 'ALICE@example.com',
      phone_number: '+1-555-0100',
      updated_at: clock.t,
    });
    expect(rows[1]).toEqual(BASE[1]);
  });

  it('one e-mail may own many numbers; a number owned by another e-mail is refused', async () => {
    const res = await upload(
      admin,
      csv([
        'primary_email,phone_number',
        ...Array.from({ length: 20 }, (_, i) => `dave@example.com,+44 20 7946 ${String(i).padStart(4, '0')}`),
      ]),
    ).expect(200);
    expect(res.body).toMatchObject({ added: 20, applied: true });
    const steal = await upload(
      admin,
      csv(['primary_email,phone_number', 'erin@example.com,+44 20 7946 0007']),
    ).expect(200);
    expect(steal.body).toMatchObject({ applied: false });
    expect(problems(steal.body.errors)).toEqual([
      {
        line: 2,
        column: 'phone_number',
        message: 'phone_number "+44 20 7946 0007" already belongs to dave@example.com',
      },
    ]);
    expect((await stored(h)).filter((r) => r.email_key === 'dave@example.com')).toHaveLength(20);
  });

  describe('a file with good and bad rows', () => {
    const FILE = csv([
      ...MIXED,
      // line 7: Bob's number for Carol → owned by another e-mail
      'carol@example.com,Carol Smith,Carol,Smith,0612345678,,,',
      // line 8: bad e-mail
      'carol@,x,x,x,+1 555 0201,,,',
    ]);
    const ERRORS = [
      {
        line: 7,
        column: 'phone_number',
        message:
          'phone_number "0612345678" is already on line 5 for bob@example.com; a phone number may appear once',
      },
      { line: 8, column: 'primary_email', message: 'primary_email "carol@" is not a valid e-mail address' },
    ];
    const COUNTS = { added: 2, updated: 1, deleted: 1, unchanged: 1, rows: 7, errors: ERRORS };

    it('strict (default): nothing changes, every bad row listed, not audited', async () => {
      const res = await upload(admin, FILE).expect(200);
      expect(res.body).toMatchObject({ ...COUNTS, mode: 'strict', dryRun: false, applied: false });
      expect(await stored(h)).toEqual(BASE);
      expect((await audits()).total).toBe(0);
    });

    it('dry run: the same report, nothing changes, not audited (strict and skip)', async () => {
      for (const mode of ['strict', 'skip']) {
        const res = await upload(admin, FILE, { mode, dryRun: 'true' }).expect(200);
        expect(res.body).toMatchObject({ ...COUNTS, mode, dryRun: true, applied: false });
      }
      expect(await stored(h)).toEqual(BASE);
      expect((await audits()).total).toBe(0);
    });

    it('skip: the good rows are applied, the bad ones reported; audited with the error count', async () => {
      const res = await upload(admin, FILE, { mode: 'skip' }).expect(200);
      expect(res.body).toMatchObject({ ...COUNTS, mode: 'skip', dryRun: false, applied: true });
      const rows = await stored(h);
      expect(rows.map((r) => r.phone_key)).toEqual(['+15550100', '+15550101', '+15550102', '+15550200']);
      const audit = await audits();
      expect(audit.entries[0].after).toMatchObject({ mode: 'skip', added: 2, errors: 2 });
    });
  });

  it('a number deleted and added again in the same file: the later line is refused', async () => {
    const res = await upload(
      admin,
      csv([
        'primary_email,phone_number,mark_as_delete',
        'bob@example.com,0612345678,yes',
        'carol@example.com,0612345678,',
      ]),
    ).expect(200);
    expect(problems(res.body.errors)).toEqual([
      {
        line: 3,
        column: 'phone_number',
        message:
          'phone_number "0612345678" is already on line 2 for bob@example.com; a phone number may appear once',
      },
    ]);
    expect(await stored(h)).toEqual(BASE);
  });

  it('line numbers: quoted fields over several lines (LF and CRLF inside), blank lines, a BOM', async () => {
    const text =
      '\uFEFFprimary_email,full_name,phone_number\r\n' +
      '\r\n' + // line 2: blank
      'carol@example.com,"Carol\r\nSmith",+1 555 0200\r\n' + // lines 3-4
      'dave@example.com,"Dave\nthe\nthird",+1 555 0201\r\n' + // lines 5-7
      ',,\r\n' + // line 8: empty cells only
      'erin@example.com,"Erin, ""E""",phone?\r\n' + // line 9
      'frank@example.com,"Frank\r\n\r\n",+1 555 0200\r\n' + // lines 10-12
      'gina@example.com,Gina,+1 555 0203'; // line 13 (no final break)
    const res = await upload(admin, text).expect(200);
    expect(problems(res.body.errors)).toEqual([
      {
        line: 9,
        column: 'phone_number',
        message:
          'phone_number "phone?" is not a phone number (digits, an optional leading +, blanks and . - ( ) only)',
      },
      {
        line: 10,
        column: 'phone_number',
        message:
          'phone_number "+1 555 0200" is already on line 3 for carol@example.com; a phone number may appear once',
      },
    ]);
    expect(res.body.rows).toBe(5);
    const quote = await upload(admin, text.replace('"Dave\nthe\nthird"', '"Dave\nthe\nthird')).expect(400);
    expect(quote.body.error.message).toMatch(/^Line 5: a quoted field/);
  });

  it('an update keeps where the record came from (record_source): only the names and phone_type change', async () => {
    // Bob's number came from Google; a file saying csv (or nothing) does not rewrite that.
    const res = await upload(
      admin,
      csv([
        HEADER,
        'bob@example.com,Bob Durand-Roy,Bob,Durand-Roy,0612345678,work,,csv',
        'alice@example.com,Alice Martin,Alice,Martin,+1 555 0101,mobile,,hr',
      ]),
    ).expect(200);
    expect(res.body).toMatchObject({ updated: 1, unchanged: 1, added: 0 });
    const rows = await stored(h);
    expect(rows.find((r) => r.phone_key === '0612345678')).toMatchObject({
      full_name: 'Bob Durand-Roy',
      family_name: 'Durand-Roy',
      phone_type: 'work',
      record_source: 'google',
    });
    expect(rows.find((r) => r.phone_key === '+15550101')).toEqual(BASE[1]);
    // A new number takes the file's record_source (csv when blank).
    await upload(
      admin,
      csv([
        'primary_email,phone_number,record_source',
        'carol@example.com,+1 555 0200,hr',
        'carol@example.com,+1 555 0201,',
      ]),
    ).expect(200);
    const carol = (await stored(h))
      .filter((r) => r.email_key === 'carol@example.com')
      .map((r) => r.record_source);
    expect(carol).toEqual(['hr', 'csv']);
  });

  it("trailing unnamed columns (a spreadsheet's extra delimiters) are allowed while their cells are empty", async () => {
    const res = await upload(
      admin,
      csv([
        'primary_email,phone_number,full_name,,,',
        'carol@example.com,+1 555 0200,Carol,,,',
        // Cut off after the named columns: fine too.
        'dave@example.com,+1 555 0201,Dave',
        'erin@example.com,+1 555 0202,Erin,,note,',
        'frank@example.com,+1 555 0203',
      ]),
      { mode: 'skip' },
    ).expect(200);
    expect(problems(res.body.errors)).toEqual([
      {
        line: 4,
        column: null,
        message:
          'Field 5 holds "note" but its column has no name in the header: name the column or empty the cell',
      },
      {
        line: 5,
        column: null,
        message: 'This row has 2 fields but the header has 3 to 6: check the delimiter (,) and the quotes',
      },
    ]);
    expect(res.body).toMatchObject({ added: 2, badRows: 2, errorCount: 2, applied: true });
    expect(
      (await stored(h))
        .filter((r) => r.email_key !== 'alice@example.com' && r.email_key !== 'bob@example.com')
        .map((r) => [r.primary_email, r.full_name]),
    ).toEqual([
      ['carol@example.com', 'Carol'],
      ['dave@example.com', 'Dave'],
    ]);
  });

  it('several problems on one row count once as a bad row (the rows skip leaves out)', async () => {
    const res = await upload(
      admin,
      csv([
        'primary_email,phone_number,phone_type,mark_as_delete',
        'nobody,phone?,fax,maybe',
        'carol@example.com,+1 555 0200,work,',
        'x@,,,',
      ]),
    ).expect(200);
    expect(res.body).toMatchObject({ errorCount: 6, badRows: 2, added: 1, applied: false });
    expect(res.body.errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`)).toEqual([
      '2:primary_email',
      '2:phone_number',
      '2:phone_type',
      '2:mark_as_delete',
      '4:primary_email',
      '4:phone_number',
    ]);
  });

  it('markup in names is data: stored, listed and exported exactly as written', async () => {
    const xss = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '"><svg onload=alert(1)>',
      "Robert'); DROP TABLE mivoice_users;--",
    ];
    const file = csv([
      'primary_email,phone_number,full_name,given_name',
      ...xss.map((x, i) => `x${i}@example.com,+1 555 030${i},${Papa.unparse([[x]])},${i}`),
    ]);
    expect((await upload(admin, file).expect(200)).body).toMatchObject({ added: 4, errorCount: 0 });
    const list = await admin.get('/api/v1/mivoice/users').query({ q: 'example.com', limit: 100 }).expect(200);
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    expect(
      list.body.items
        .filter((u: { primaryEmail: string }) => u.primaryEmail.startsWith('x'))
        .map((u: { fullName: string }) => u.fullName),
    ).toEqual(xss);
    const exported = await admin.get('/api/v1/mivoice/users/export').expect(200);
    for (const x of xss) expect(exported.text).toContain(Papa.unparse([[x]]));
    // …and the export imports back unchanged.
    expect((await upload(admin, exported.text).expect(200)).body).toMatchObject({
      added: 0,
      updated: 0,
      deleted: 0,
      errorCount: 0,
    });
  });

  it('two imports at once: one after the other, never mixed', async () => {
    const fileA = csv([
      'primary_email,phone_number',
      ...Array.from({ length: 3_000 }, (_, i) => `anna@example.com,+49 30 ${String(i).padStart(6, '0')}`),
    ]);
    const fileB = csv([
      'primary_email,phone_number',
      ...Array.from(
        { length: 3_000 },
        (_, i) => `ben@example.com,+49 30 ${String(i + 1_500).padStart(6, '0')}`,
      ),
    ]);
    const [a, b] = await Promise.all([upload(admin, fileA), upload(admin, fileB)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const applied = [a.body, b.body].filter((r) => r.applied);
    const refused = [a.body, b.body].filter((r) => !r.applied);
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(1);
    // 1,500 bad rows: the first 1,000 listed, all counted.
    expect(refused[0].errors).toHaveLength(1_000);
    expect(refused[0]).toMatchObject({ errorCount: 1_500, badRows: 1_500, errorsTruncated: true });
    const lines = refused[0].errors.map((e: { line: number }) => e.line);
    expect(lines).toEqual([...lines].sort((x, y) => x - y));
    const owners = new Set(
      (await stored(h)).filter((r) => r.phone_key.startsWith('+4930')).map((r) => r.email_key),
    );
    expect(owners.size).toBe(1);
    expect((await stored(h)).length).toBe(BASE.length + 3_000);
  });
});

describe('two processes import at once on one PostgreSQL: the table lock serialises them', () => {
  it('exactly one file applies; the other sees its rows and changes nothing', async () => {
    const db = freshDb('postgres');
    const h1 = await startHarness(db);
    const h2 = await startHarness(db);
    try {
      const a1 = (await signIn(h1)).agent;
      const a2 = (await signIn(h2)).agent;
      const file = (who: string) =>
        csv([
          'primary_email,phone_number',
          ...Array.from(
            { length: 5_000 },
            (_, i) => `${who}@example.com,+33 1 ${String(i).padStart(8, '0')}`,
          ),
        ]);
      for (let round = 0; round < 3; round++) {
        await seed(h1, []);
        const [r1, r2] = await Promise.all([upload(a1, file('one')), upload(a2, file('two'))]);
        expect([r1.status, r2.status]).toEqual([200, 200]);
        expect([r1.body.applied, r2.body.applied].sort()).toEqual([false, true]);
        const rows = await stored(h1);
        expect(rows).toHaveLength(5_000);
        expect(new Set(rows.map((r) => r.email_key)).size).toBe(1);
      }
    } finally {
      await h2.close();
      await h1.dispose();
    }
  });
});

describe('row problems carry a code and params (the console says them in its language)', () => {
  it('every code, with exactly its params; values cut at 80 characters', async () => {
    const h = await startHarness(freshDb('sqlite'));
    try {
      const admin = (await signIn(h)).agent;
      await seed(h, BASE);
      const long = `+${'1'.repeat(40)}`;
      const file = csv([
        'primary_email,phone_number,full_name,phone_type,mark_as_delete,,',
        'no-at-sign,+1 555 0200,,,,,', // 2
        ',phone?,,,,,', // 3
        `carol@example.com,${long},,,,,`, // 4
        `carol@example.com,+1 555 0201,${'n'.repeat(201)},fax,maybe,,`, // 5
        'carol@example.com,+1 555 0202,,,,x,', // 6
        'dave@example.com,+1 555 0202,,,,,', // 7
        'carol@example.com,0612345678,,,,,', // 8
        'carol@example.com,+1 555 0100,,,yes,,', // 9
        'carol@example.com,+1 555 0203', // 10
        `erin@example.com,+1 555 0204,,${'w'.repeat(100)},,,`, // 11
      ]);
      const res = await upload(admin, file).expect(200);
      expect(
        res.body.errors.map((e: { line: number; column: string | null; code: string; params: object }) => [
          e.line,
          e.column,
          e.code,
          e.params,
        ]),
      ).toEqual([
        [2, 'primary_email', 'invalid_email', { value: 'no-at-sign' }],
        [3, 'primary_email', 'required', {}],
        [3, 'phone_number', 'invalid_phone', { value: 'phone?' }],
        [4, 'phone_number', 'too_long', { max: '32' }],
        [5, 'full_name', 'too_long', { max: '200' }],
        [5, 'phone_type', 'invalid_phone_type', { value: 'fax' }],
        [5, 'mark_as_delete', 'invalid_mark_as_delete', { value: 'maybe' }],
        [6, null, 'unnamed_cell', { field: '6', value: 'x' }],
        [
          7,
          'phone_number',
          'repeated_phone',
          { value: '+1 555 0202', firstLine: '6', owner: 'carol@example.com' },
        ],
        [8, 'phone_number', 'owned_by_other', { value: '0612345678', owner: 'Bob@Example.com' }],
        [
          9,
          'mark_as_delete',
          'deleted_by_other',
          { value: '+1 555 0100', owner: 'alice@example.com', email: 'carol@example.com' },
        ],
        [10, null, 'field_count', { fields: '2', min: '5', max: '7', delimiter: ',' }],
        [11, 'phone_type', 'invalid_phone_type', { value: `${'w'.repeat(80)}…` }],
      ]);
      // Same number again for the same e-mail: no owner named.
      const again = await upload(
        admin,
        csv(['primary_email,phone_number', 'carol@example.com,+1 555 0300', 'carol@example.com,+1 555 0300']),
      ).expect(200);
      expect(again.body.errors[0]).toMatchObject({
        code: 'repeated_phone',
        params: { value: '+1 555 0300', firstLine: '2' },
      });
      expect(again.body.errors[0].params).not.toHaveProperty('owner');
    } finally {
      await h.dispose();
    }
  });
});
