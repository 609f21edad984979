import Papa from 'papaparse';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, PG_URL, signIn, startHarness } from '../../../../test/harness.js';
import { FULL_REPORT_MAX_ERRORS } from '../user-list.service.js';
import { BASE, csv, problems, seed, seededHarness, stored, upload } from './user-list-fixtures.js';

const REPORT = '/api/v1/mivoice/users/import/report';

/** The report CSV as rows of cells (BOM checked and dropped). */
function cells(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
}

describe.each(DB_KINDS)('user-list validation report, full CSV (%s)', (kind) => {
  const t = seededHarness(kind);
  const auditTotal = async () => (await t.admin.get('/api/v1/audit').expect(200)).body.total as number;

  it('lists every problem of every bad row in file order — past the 1,000 of the JSON report — and changes nothing', async () => {
    // 1,200 rows with two bad cells each, one row whose number another e-mail owns, good rows between.
    const lines = ['primary_email,phone_number,phone_type'];
    for (let i = 0; i < 1_200; i++)
      lines.push(
        `user${i}.example.com,+1 555 ${String(i).padStart(6, '0')},fax`,
        `ok${i}@example.com,+44 20 ${String(i).padStart(8, '0')},work`,
      );
    lines.push('mallory@example.com,0612345678,');
    const file = csv(lines);
    const before = await auditTotal();

    const json = await upload(t.admin, file, { dryRun: 'true' }).expect(200);
    expect(json.body).toMatchObject({
      errorCount: 2_401,
      badRows: 1_201,
      errorsTruncated: true,
      added: 1_200,
    });
    expect(json.body.errors).toHaveLength(1_000);

    const res = await t.admin
      .post(REPORT)
      .attach('file', Buffer.from(file, 'utf8'), 'My users (v2).csv')
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('My users _v2_-report.csv');
    expect(res.headers['x-error-count']).toBe('2401');
    const rows = cells(res.text);
    expect(rows[0]).toEqual(['Line', 'Column', 'Problem', 'Code']);
    expect(rows).toHaveLength(1 + 2_401);
    // Row i of the file is line 2 + 2i: e-mail first, then phone_type (column order).
    expect(rows[1]).toEqual([
      '2',
      'primary_email',
      'primary_email "user0.example.com" is not a valid e-mail address',
      'invalid_email',
    ]);
    expect(rows[2]).toEqual([
      '2',
      'phone_type',
      'phone_type "fax" must be work, mobile or home (or empty)',
      'invalid_phone_type',
    ]);
    expect(rows[2 * 1_199 + 1]![0]).toBe(String(2 + 2 * 1_199));
    expect(rows.at(-1)).toEqual([
      '2402',
      'phone_number',
      'phone_number "0612345678" already belongs to Bob@Example.com',
      'owned_by_other',
    ]);
    // The JSON report's first 1,000 are the CSV's first 1,000.
    expect(rows.slice(1, 1_001).map((r) => ({ line: Number(r[0]), column: r[1], message: r[2] }))).toEqual(
      problems(json.body.errors),
    );

    expect(await stored(t.h)).toEqual(BASE);
    expect(await auditTotal()).toBe(before);
  });

  it('at most FULL_REPORT_MAX_ERRORS problems, then a last line counting the others', async () => {
    // 60,000 rows with two bad cells each: 120,000 problems.
    const lines = ['primary_email,phone_number'];
    for (let i = 0; i < 60_000; i++) lines.push('x,');
    const res = await t.admin
      .post(REPORT)
      .attach('file', Buffer.from(csv(lines), 'utf8'), 'users.csv')
      .expect(200);
    expect(res.headers['x-error-count']).toBe('120000');
    const rows = cells(res.text);
    expect(rows).toHaveLength(1 + FULL_REPORT_MAX_ERRORS + 1);
    expect(rows[FULL_REPORT_MAX_ERRORS]![0]).toBe(
      String(2 + (FULL_REPORT_MAX_ERRORS - 1 - ((FULL_REPORT_MAX_ERRORS - 1) % 2)) / 2),
    );
    expect(rows.at(-1)).toEqual(['', '', '… and 20,000 more problems not listed', '']);
  });

  it('a clean file: the header only', async () => {
    const res = await t.admin
      .post(REPORT)
      .attach(
        'file',
        Buffer.from(csv(['primary_email,phone_number', 'carol@example.com,+1 555 0200']), 'utf8'),
        'users.csv',
      )
      .expect(200);
    expect(res.headers['x-error-count']).toBe('0');
    expect(cells(res.text)).toEqual([['Line', 'Column', 'Problem', 'Code']]);
  });

  it('a cell a spreadsheet would run is quoted back neutralised', async () => {
    const res = await t.admin
      .post(REPORT)
      .attach(
        'file',
        Buffer.from(csv(['primary_email,phone_number', '=HYPERLINK("http://evil"),+1 555 0200']), 'utf8'),
        'users.csv',
      )
      .expect(200);
    // The message starts with the column name, so no cell starts with '='; the value is quoted inside it.
    expect(cells(res.text)[1]).toEqual([
      '2',
      'primary_email',
      'primary_email "=HYPERLINK(\\"http://evil\\")" is not a valid e-mail address',
      'invalid_email',
    ]);
  });

  it('a problem with the whole file is the same 400 as the import, as JSON', async () => {
    const res = await t.admin
      .post(REPORT)
      .attach('file', Buffer.from(csv(['email,phone']), 'utf8'), 'users.csv')
      .expect(400);
    expect(res.body.error.message).toMatch(/^Wrong header on line 1: unknown columns "email", "phone"/);
    const none = await t.admin.post(REPORT).expect(400);
    expect(none.body.error.message).toMatch(/file/i);
    expect(await stored(t.h)).toEqual(BASE);
  });
});

describe('a dry run locks nothing (PostgreSQL)', () => {
  it('checks a file while another transaction holds the import lock; the real import waits for it', async () => {
    const db = freshDb('postgres');
    const h = await startHarness(db);
    const other = new pg.Client({ connectionString: PG_URL });
    try {
      const admin = (await signIn(h)).agent;
      await seed(h, BASE);
      await other.connect();
      await other.query(`set search_path to "${db.env.OIG_DB_SCHEMA}"`);
      await other.query('begin');
      await other.query('lock table mivoice_users in share row exclusive mode');
      const file = csv([
        'primary_email,phone_number',
        'carol@example.com,+1 555 0200',
        'mallory@example.com,0612345678',
      ]);
      // Would hang (and time the test out) if the dry run took the lock.
      const dry = await upload(admin, file, { dryRun: 'true' }).expect(200);
      expect(dry.body).toMatchObject({ added: 1, badRows: 1, applied: false });
      const report = await admin
        .post(REPORT)
        .attach('file', Buffer.from(file, 'utf8'), 'users.csv')
        .expect(200);
      expect(report.headers['x-error-count']).toBe('1');

      let settled = false;
      const real = upload(admin, file, { mode: 'skip' }).then((r) => {
        settled = true;
        return r;
      });
      // The real import is waiting for the lock: a round trip through the database later it has not answered.
      await other.query('select pg_sleep(0.3)');
      expect(settled).toBe(false);
      await other.query('commit');
      expect((await real).body).toMatchObject({ added: 1, applied: true });
    } finally {
      await other.end().catch(() => undefined);
      await h.dispose();
    }
  });
});
