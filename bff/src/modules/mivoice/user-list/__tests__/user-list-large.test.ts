import pino from 'pino';
import {
  USER_LIST_COLUMNS,
  USER_LIST_MAX_STORED,
  userListImportReportSchema,
  type ImportRowError,
  type UserListColumn,
} from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { toCsv, withBom } from '../../../../lib/csv.js';
import { DB_KINDS } from '../../../../test/harness.js';
import { seededRow, seedUserList } from '../../../../test/user-list-data.js';
import { MAIL_PART_BYTES } from '../../../mail/index.js';
import { parseUserList, planImport } from '../user-list.csv.js';
import { createUserListRepo, type UserListRepoOptions } from '../user-list.repo.js';
import { createUserListService, renderUserListCsv } from '../user-list.service.js';
import { csv, HEADER, row, seed, seededHarness, stored, upload } from './user-list-fixtures.js';

/**
 * The user list at its limits: the most phone numbers stored (USER_LIST_MAX_STORED; the service
 * also takes a small maximum, so most of these run on a few rows), and the output made in bounded
 * pages — export, e-mail attachment, validation report CSV, filtered list — the same as when it was
 * made whole (small page sizes here, so that a few rows span several pages).
 */
const ACTOR = { username: 'admin', role: 'administrator' as const, address: null };
const file = (lines: string[]) => ({ name: 'users.csv', bytes: Buffer.from(csv(lines), 'utf8') });
/** Byte order of e-mail key, then phone key (ASCII keys here): the export's order. */
const byKeys = (a: { email_key: string; phone_key: string }, b: typeof a) =>
  a.email_key < b.email_key ? -1 : a.email_key > b.email_key ? 1 : a.phone_key < b.phone_key ? -1 : 1;

describe.each(DB_KINDS)('user list at its limits (%s)', (kind) => {
  const t = seededHarness(kind);
  const service = (maxStored?: number, repoOpts: UserListRepoOptions = {}) =>
    createUserListService({
      repo: createUserListRepo(t.h.ctx.db.db, t.h.ctx.db.kind, repoOpts),
      mail: t.h.ctx.mail,
      mivoiceSettings: { exportAddress: async () => 'ops@example.com' },
      audit: t.h.ctx.audit,
      logger: pino({ level: 'silent' }),
      ...(maxStored === undefined ? {} : { maxStored }),
    });
  const four = [0, 1, 2, 3].map((i) => seededRow(i));
  const adding = (n: number) =>
    file([HEADER, ...Array.from({ length: n }, (_, i) => `new${i}@example.com,,,,+33 1 00 00 00 ${i},,,`)]);

  describe('the most phone numbers stored', () => {
    it.each(['strict', 'skip'] as const)(
      '%s: a file that would leave more is refused whole, naming the limit, the size and the result',
      async (mode) => {
        await seed(t.h, four);
        const before = await stored(t.h);
        const report = await service(5).import(adding(2), { mode, dryRun: false }, ACTOR);
        expect(report).toMatchObject({ added: 2, applied: false, errorCount: 0 });
        expect(report.limitExceeded).toEqual({
          code: 'stored_limit',
          params: { max: '5', current: '4', after: '6' },
          message:
            'This file would leave 6 phone numbers in the user list, which holds 4; it may hold at most 5. ' +
            'Nothing is changed: delete numbers first (rows with mark_as_delete=yes) or import fewer',
        });
        expect(await stored(t.h)).toEqual(before);
      },
    );

    it('the dry run says so in advance; exactly the maximum passes', async () => {
      await seed(t.h, four);
      const dry = await service(5).import(adding(2), { mode: 'strict', dryRun: true }, ACTOR);
      expect(dry.limitExceeded?.params).toEqual({ max: '5', current: '4', after: '6' });
      expect(await service(5).import(adding(1), { mode: 'strict', dryRun: true }, ACTOR)).toMatchObject({
        limitExceeded: null,
      });
      const done = await service(5).import(adding(1), { mode: 'strict', dryRun: false }, ACTOR);
      expect(done).toMatchObject({ added: 1, applied: true, limitExceeded: null });
      expect(await stored(t.h)).toHaveLength(5);
    });

    it('deleted numbers count: a file adding 2 and deleting 1 reaches the maximum and passes', async () => {
      await seed(t.h, four);
      const r0 = seededRow(0);
      const f = file([
        HEADER,
        `${r0.primary_email},,,,${r0.phone_number},,yes,`,
        'new0@example.com,,,,+33 1 00 00 00 0,,,',
        'new1@example.com,,,,+33 1 00 00 00 1,,,',
      ]);
      const done = await service(5).import(f, { mode: 'strict', dryRun: false }, ACTOR);
      expect(done).toMatchObject({ added: 2, deleted: 1, applied: true, limitExceeded: null });
    });

    it('a list already over the maximum can still be updated and reduced, not grown', async () => {
      await seed(t.h, four);
      const r0 = seededRow(0);
      const update = file([HEADER, `${r0.primary_email},Renamed,,,${r0.phone_number},,,`]);
      expect(await service(3).import(update, { mode: 'strict', dryRun: false }, ACTOR)).toMatchObject({
        updated: 1,
        applied: true,
        limitExceeded: null,
      });
      const grow = await service(3).import(adding(1), { mode: 'skip', dryRun: false }, ACTOR);
      expect(grow.limitExceeded?.params).toEqual({ max: '3', current: '4', after: '5' });
      expect(grow.applied).toBe(false);
    });

    it(`over HTTP at the real maximum (${USER_LIST_MAX_STORED.toLocaleString('en-US')})`, async () => {
      await seedUserList(t.h, USER_LIST_MAX_STORED - 1);
      const over = await upload(
        t.admin,
        csv([HEADER, 'a@example.com,,,,+33 1,,,', 'b@example.com,,,,+33 2,,,']),
      );
      const report = userListImportReportSchema.parse(over.body);
      expect(report.limitExceeded?.params).toEqual({
        max: String(USER_LIST_MAX_STORED),
        current: String(USER_LIST_MAX_STORED - 1),
        after: String(USER_LIST_MAX_STORED + 1),
      });
      expect(report.applied).toBe(false);
      const { total } = (await t.admin.get('/api/v1/mivoice/users').expect(200)).body as { total: number };
      expect(total).toBe(USER_LIST_MAX_STORED - 1);
      const fits = await upload(t.admin, csv([HEADER, 'a@example.com,,,,+33 1,,,'])).expect(200);
      expect(fits.body).toMatchObject({ added: 1, applied: true, limitExceeded: null });
    }, 120_000);
  });

  describe('made in pages, the same bytes', () => {
    /** Cells the CSV must quote, neutralise or keep: each rendered in a page of its own. */
    const tricky = [
      row({ primary_email: 'a@example.com', phone_number: '+1 555 0100', full_name: '=SUM(A1)' }),
      row({
        primary_email: 'a@example.com',
        phone_number: '+1 555 0101',
        full_name: 'Line\nbreak, "quoted"',
      }),
      row({
        primary_email: 'b@example.com',
        phone_number: '0612345678',
        given_name: ' spaced ',
        phone_type: 'home',
      }),
      row({
        primary_email: 'c@example.com',
        phone_number: '+44 20',
        family_name: '王;tab\t',
        record_source: 'g',
      }),
      row({ primary_email: 'd@example.com', phone_number: '-1', full_name: '@x' }),
    ];

    it('export: a list over several pages is the whole-list CSV byte for byte', async () => {
      await seed(t.h, tricky);
      const expected = renderUserListCsv([...(await stored(t.h))].sort(byKeys));
      for (const readPage of [1, 2, 3, 100]) {
        const { chunks } = await service(undefined, { readPage }).exportCsv();
        expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
      }
      await seed(t.h, []);
      expect(
        Buffer.concat((await service(undefined, { readPage: 2 }).exportCsv()).chunks).toString('utf8'),
      ).toBe(renderUserListCsv([]));
    });

    it('GET /mivoice/users/export sends those bytes with their length', async () => {
      await seed(t.h, tricky);
      const res = await t.admin
        .get('/api/v1/mivoice/users/export')
        .buffer(true)
        .parse((r, cb) => {
          const parts: Buffer[] = [];
          r.on('data', (c: Buffer) => parts.push(c));
          r.on('end', () => cb(null, Buffer.concat(parts)));
        })
        .expect(200);
      const body = res.body as Buffer;
      expect(body.toString('utf8')).toBe(renderUserListCsv([...(await stored(t.h))].sort(byKeys)));
      expect(res.headers['content-length']).toBe(String(body.length));
    });

    it('e-mail: the attachment of a 20,000-number list (several pages and stored parts) is the CSV', async () => {
      await seedUserList(t.h, 20_000, { fill: 80 });
      const list = Array.from({ length: 20_000 }, (_, i) => seededRow(i, 80)).sort(byKeys);
      const expected = Buffer.from(renderUserListCsv(list), 'utf8');
      expect(expected.length).toBeGreaterThan(2 * 1536 * 1024);
      const { mailId } = await service(undefined, { readPage: 700 }).email(ACTOR);
      const { attachments, subject } = await t.h.ctx.db.db
        .selectFrom('mail_outbox')
        .select(['attachments', 'subject'])
        .where('id', '=', mailId)
        .executeTakeFirstOrThrow();
      const [a] = JSON.parse(attachments!) as Array<{ size: number; parts: number }>;
      expect(a).toMatchObject({ size: expected.length, parts: Math.ceil(expected.length / MAIL_PART_BYTES) });
      const parts = await t.h.ctx.db.db
        .selectFrom('mail_attachment_parts')
        .select('bytes')
        .where('mail_id', '=', mailId)
        .orderBy('part')
        .execute();
      expect(parts.length).toBeGreaterThan(2);
      expect(Buffer.concat(parts.map((p) => p.bytes)).equals(expected)).toBe(true);
      expect(subject).toBe('MiVoice Integration for Google user list (10,000 users)');
    }, 60_000);

    it('the report CSV of 6,000 problems (several chunks) is the whole report, in file order', async () => {
      await seed(t.h, [row({ primary_email: 'owner@example.com', phone_number: '+1 1' })]);
      // Each row: a cell problem, or (every third) a number another e-mail owns — two lists merged.
      const lines = [HEADER];
      for (let i = 0; i < 3_000; i++)
        lines.push(i % 3 === 0 ? `x${i}@example.com,,,,+1 1,,,` : `bad${i},,,,,,,`);
      const bytes = Buffer.from(csv(lines), 'utf8');
      const res = await t.admin
        .post('/api/v1/mivoice/users/import/report')
        .attach('file', bytes, 'u.csv')
        .buffer(true)
        .parse((r, cb) => {
          const parts: Buffer[] = [];
          r.on('data', (c: Buffer) => parts.push(c));
          r.on('end', () => cb(null, Buffer.concat(parts)));
        })
        .expect(200);
      // The report as it was made before: every problem sorted by line then column, one toCsv.
      const parsed = await parseUserList(bytes, { maxIssues: 100_000 });
      const before = new Map((await stored(t.h)).map((r) => [r.phone_key, r]));
      const plan = await planImport(parsed.candidates, before, 0, { maxIssues: 100_000 });
      const order = (c: string | null) => (c === null ? -1 : USER_LIST_COLUMNS.indexOf(c as UserListColumn));
      const all: ImportRowError[] = [...parsed.errors, ...plan.errors].sort(
        (a, b) => a.line - b.line || order(a.column) - order(b.column),
      );
      expect(all.length).toBeGreaterThan(4_000);
      const expected = withBom(
        toCsv({
          fields: ['Line', 'Column', 'Problem', 'Code'],
          data: all.map((e) => [String(e.line), e.column ?? '', e.message, e.code]),
        }),
      );
      expect((res.body as Buffer).toString('utf8')).toBe(expected);
      expect(res.headers['x-error-count']).toBe(String(all.length));
    });

    it('the filtered list: the same matches and pages whatever the scan chunk', async () => {
      const rows = Array.from({ length: 23 }, (_, i) =>
        row({
          primary_email: `user${String(i).padStart(2, '0')}@example.com`,
          phone_number: `+1 555 01${String(i).padStart(2, '0')}`,
          full_name: i % 3 === 0 ? 'Match Me' : 'Other',
        }),
      );
      await seed(t.h, rows);
      const want = (offset: number, limit: number, q: string) =>
        rows
          .filter((r) => r.full_name.toLowerCase().includes(q) || r.phone_key.includes(q.replace(/\s/g, '')))
          .sort(byKeys)
          .slice(offset, offset + limit)
          .map((r) => r.primary_email);
      for (const scanChunk of [1, 4, 7, 5_000])
        for (const [q, offset, limit] of [
          ['match', 0, 3],
          ['match', 2, 3],
          ['match', 6, 10],
          ['555 0110', 0, 5],
          ['nothing', 0, 5],
        ] as const) {
          const page = await service(undefined, { scanChunk }).list({ q, offset, limit });
          expect(page.items.map((u) => u.primaryEmail)).toEqual(want(offset, limit, q));
          expect(page.total).toBe(
            rows.filter(
              (r) => r.full_name.toLowerCase().includes(q) || r.phone_key.includes(q.replace(/\s/g, '')),
            ).length,
          );
        }
    });
  });
});
