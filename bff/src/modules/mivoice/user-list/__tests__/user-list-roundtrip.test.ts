import { PHONE_TYPES, phoneKeyOf } from '@oig/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, startHarness, type Harness } from '../../../../test/harness.js';
import type { Actor } from '../../../audit/index.js';
import type { StoredUser } from '../user-list.csv.js';
import { renderUserListCsv } from '../user-list.service.js';
import { seed, stored } from './user-list-fixtures.js';

const ACTOR: Actor = { username: 'admin', role: 'administrator', address: null };
const T = 1_800_000_000_000;

/**
 * Characters that stress a CSV round trip: formula starts (also full-width), quotes, delimiters,
 * line breaks, CJK, emoji.
 */
const TRICKY = [
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
const text = (maxLength: number) => fc.string({ unit: tricky, maxLength });

/** Valid addresses, including ones a spreadsheet would read as formulas (+x@…, -x@…) and upper case. */
const email = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9_'+-]{0,6}[A-Za-z0-9_+-]$/),
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,5}\.[A-Za-z]{2,4}$/),
  )
  .map(([local, domain]) => `${local}@${domain}`);
/** Valid phone numbers (no blanks around: the importer trims them), leading zeros and + included. */
const phone = fc.stringMatching(/^\+?[0-9]([0-9 ().-]{0,20}[0-9])?$/);
const source = text(20).filter((s) => s.trim() === s && s !== '' && s.length <= 100);

const user = fc.record({
  primary_email: email,
  phone_number: phone,
  full_name: text(30),
  given_name: text(12),
  family_name: text(12),
  phone_type: fc.constantFrom(null, ...PHONE_TYPES),
  record_source: source,
});
/** A user list as stored: one owner per phone key. */
const users = fc
  .uniqueArray(user, { selector: (u) => phoneKeyOf(u.phone_number), maxLength: 25 })
  .map((list) =>
    list.map((u): StoredUser => ({
      ...u,
      phone_key: phoneKeyOf(u.phone_number),
      email_key: u.primary_email.toLowerCase(),
      updated_at: T,
    })),
  );
const byKey = (rows: StoredUser[]) =>
  [...rows].sort((a, b) => (a.phone_key < b.phone_key ? -1 : a.phone_key > b.phone_key ? 1 : 0));

describe.each(DB_KINDS)('user list round trip (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { start: false, context: { now: () => T + 1 } });
  });
  afterAll(async () => {
    await h?.dispose();
  });
  const runs = kind === 'sqlite' ? 60 : 20;

  it('any stored list → export → import of that file: everything unchanged, the list identical (property)', async () => {
    await fc.assert(
      fc.asyncProperty(users, fc.constantFrom('utf-8', 'utf-16le'), async (list, encoding) => {
        await seed(h, list);
        const before = await stored(h);
        const csv = Buffer.concat((await h.ctx.userList.exportCsv()).chunks).toString('utf8');
        const bytes =
          encoding === 'utf-8'
            ? Buffer.from(csv, 'utf8')
            : Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.slice(1), 'utf16le')]);
        const report = await h.ctx.userList.import(
          { name: 'mivoice-users.csv', bytes },
          { mode: 'strict', dryRun: false },
          ACTOR,
        );
        expect(report).toMatchObject({
          errors: [],
          added: 0,
          updated: 0,
          deleted: 0,
          unchanged: list.length,
          rows: list.length,
          applied: false,
          encoding,
        });
        expect(await stored(h)).toEqual(before);
      }),
      { numRuns: runs },
    );
  });

  it('any list written as an export file → import into an empty list: stored exactly as written (property)', async () => {
    await fc.assert(
      fc.asyncProperty(users, async (list) => {
        await seed(h, []);
        const report = await h.ctx.userList.import(
          { name: 'users.csv', bytes: Buffer.from(renderUserListCsv(list), 'utf8') },
          { mode: 'strict', dryRun: false },
          ACTOR,
        );
        expect(report).toMatchObject({ errors: [], added: list.length, unchanged: 0 });
        expect(await stored(h)).toEqual(byKey(list.map((u) => ({ ...u, updated_at: T + 1 }))));
      }),
      { numRuns: runs },
    );
  });
});
