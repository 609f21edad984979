import { userListImportReportSchema } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { DB_KINDS } from '../../../../test/harness.js';
import { BASE, csv, seededHarness, stored, upload } from './user-list-fixtures.js';

/**
 * Pathological files just under the 25 MB upload limit: each is answered with a clear 4xx (or a
 * bounded report) within seconds, nothing changes, and the server still answers afterwards.
 */
const MB = 1024 * 1024;
const UNDER_25_MB = 25 * MB - 4096;

describe.each(DB_KINDS)('user-list import: pathological files (%s)', (kind) => {
  const t = seededHarness(kind);

  /**
   * Uploads, and checks the server still answers with the list unchanged (how long it takes is the
   * benchmark's: phase 7 measures the largest files with the gateway's event-loop budget).
   */
  const timed = async (body: string | Buffer, query: Record<string, string> = {}) => {
    const res = await upload(t.admin, body, query);
    expect(await stored(t.h)).toEqual(BASE);
    expect((await t.admin.get('/api/v1/mivoice/users').expect(200)).body.total).toBe(BASE.length);
    return res;
  };

  it('a 5 MB line of blanks before the header: found in linear time, the file read', async () => {
    const res = await timed(
      `${' '.repeat(5 * MB)}\r\n${csv(['primary_email;phone_number', 'Bob@Example.com;0612345678'])}`,
      { dryRun: 'true' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ delimiter: ';', rows: 1, unchanged: 1, errors: [] });
  });

  it('a 5 MB line of blanks and nothing else: 400, no header', async () => {
    const res = await timed(`${' \t'.repeat(2.5 * MB)}\r\n`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^The file has no header row/);
  });

  it('a header of 100,000 columns: 400 at once, a short message', async () => {
    const res = await timed(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\r\n`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Line 1 has more than 50 fields: this is not the expected file, or its delimiter or quotes are wrong',
    );
  });

  it('a header of 50 columns, 48 unknown or duplicated: the names listed are at most 10, then "… and N more"', async () => {
    const unknown = await timed(
      csv([['primary_email', 'phone_number', ...Array.from({ length: 48 }, (_, i) => `x${i}`)].join(',')]),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /^Wrong header on line 1: unknown columns "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9" … and 38 more\. /,
    );
    const dup = await timed(
      csv([['primary_email', 'phone_number', ...Array.from({ length: 48 }, () => 'full_name')].join(',')]),
    );
    expect(dup.body.error.message).toMatch(/^Wrong header on line 1: duplicate column full_name\. /);
  });

  it.each([
    ['12 million rows of "a"', () => Buffer.alloc(UNDER_25_MB, 'a\n')],
    [
      '8 million rows of "x," under a header',
      () => Buffer.concat([Buffer.from(`primary_email,phone_number\n`), Buffer.alloc(UNDER_25_MB, 'x,\n')]),
    ],
    ['25 million blank lines', () => Buffer.alloc(UNDER_25_MB, '\n')],
  ])('%s: 400 naming the line limit', async (_name, body) => {
    const res = await timed(body());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^The file has [\d,]+ lines; a user list may have at most 200,000 lines\. Split it into smaller files$/,
    );
    expect(res.body.error.fields).toEqual({ file: 'At most 200,000 lines' });
  });

  it('199,999 bad rows (just under the limit): 200, the first 1,000 errors listed, all counted', async () => {
    const res = await timed(
      Buffer.concat([Buffer.from(`primary_email,phone_number\n`), Buffer.alloc(3 * 199_999, 'x,\n')]),
    );
    expect(res.status).toBe(200);
    const report = userListImportReportSchema.parse(res.body);
    expect(report).toMatchObject({
      rows: 199_999,
      errorCount: 2 * 199_999,
      badRows: 199_999,
      errorsTruncated: true,
      applied: false,
      added: 0,
    });
    expect(report.errors).toHaveLength(1_000);
    expect(report.errors.slice(0, 2)).toEqual([
      {
        line: 2,
        column: 'primary_email',
        code: 'invalid_email',
        params: { value: 'x' },
        message: 'primary_email "x" is not a valid e-mail address',
      },
      { line: 2, column: 'phone_number', code: 'required', params: {}, message: 'phone_number is required' },
    ]);
    expect(report.errors.at(-1)!.line).toBe(501);
  });

  it('a delete file run twice: the second run finds the numbers gone and counts them unchanged (no error)', async () => {
    const file = csv([
      'primary_email,phone_number,mark_as_delete',
      'alice@example.com,+1 555 0100,yes',
      'Bob@example.com,0612345678,yes',
    ]);
    const first = await upload(t.admin, file).expect(200);
    expect(first.body).toMatchObject({ deleted: 2, unchanged: 0, errorCount: 0, applied: true });
    const after = await stored(t.h);
    expect(after.map((r) => r.phone_key)).toEqual(['+15550101']);
    const again = await upload(t.admin, file).expect(200);
    expect(again.body).toMatchObject({
      deleted: 0,
      unchanged: 2,
      errors: [],
      errorCount: 0,
      errorsTruncated: false,
      applied: false,
    });
    expect(await stored(t.h)).toEqual(after);
  });
});
