import { localizationImportReportSchema } from '@oig/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../../test/harness.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
const IMPORT = '/api/v1/mivoice/localization/import';
const JA_NAME = 'MiVoice Integration for Google_ja.csv';
const MB = 1024 * 1024;
const utf16le = (s: string) => Buffer.from(`\uFEFF${s}`, 'utf16le');

/**
 * Files that used to be stored wrongly, fail with a 500, or produce huge reports: a clear 4xx or a
 * bounded report, quickly.
 */
describe.each(DB_KINDS)('localization import: pathological files (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    admin = (await signIn(h)).agent;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const languages = async () =>
    (await admin.get('/api/v1/mivoice/localization').expect(200)).body.applications[0].languages.map(
      (l: { code: string }) => l.code,
    );
  const upload = async (content: Buffer | string) => {
    const res = await admin
      .post(IMPORT)
      .attach('file', typeof content === 'string' ? Buffer.from(content, 'utf8') : content, {
        filename: JA_NAME,
        contentType: 'text/csv',
      });
    // Nothing stored, and the server still answers.
    expect(await languages()).toEqual(['en']);
    return res;
  };

  it('UTF-16 with a NUL character (PostgreSQL rejects \\u0000): 400 naming the line, not a 500', async () => {
    const res = await upload(utf16le('messageKey,languageValue\r\nsave,保存\r\ncancel,x\u0000y\r\n'));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      message:
        'Line 3 contains a NUL character: this is not a text CSV file. Save it as "CSV UTF-8" or as "Unicode Text"',
      fields: { file: 'Line 3: NUL character' },
    });
  });

  it('1 MB of "a" lines: 400 naming the line limit', async () => {
    const res = await upload(
      Buffer.concat([Buffer.from('messageKey,languageValue\n'), Buffer.alloc(MB - 1024, 'a\n')]),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      message:
        /^The file has [\d,]+ lines; a localization file may have at most 20,000 lines\. Split it into smaller files$/,
      fields: { file: 'At most 20,000 lines' },
    });
  });

  it('19,999 bad rows (just under the limit): the first 1,000 errors, all counted, nothing stored', async () => {
    const res = await upload(
      Buffer.concat([Buffer.from('messageKey,languageValue\n'), Buffer.alloc(2 * 19_999, 'a\n')]),
    );
    expect(res.status).toBe(200);
    const report = localizationImportReportSchema.parse(res.body);
    expect(report).toMatchObject({ stored: false, errorCount: 19_999, errorsTruncated: true, translated: 0 });
    expect(report.errors).toHaveLength(1_000);
    expect(report.errors[0]).toEqual({
      line: 2,
      key: null,
      kind: 'bad_row',
      params: { found: '1' },
      message: 'Expected 2 fields (messageKey,languageValue), found 1',
    });
  });

  it.each([
    ['the header only', 'messageKey,languageValue\r\n'],
    ['the header and blank rows', 'messageKey,languageValue\r\n\r\n,\r\n  \r\n'],
  ])('%s: 400 naming file, no language of 0 strings stored', async (_name, content) => {
    const res = await upload(content);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      message:
        'The file has no strings: after the header messageKey,languageValue it needs one row per translated key (export a language to get a file to translate)',
      fields: { file: 'No strings after the header' },
    });
  });
});
