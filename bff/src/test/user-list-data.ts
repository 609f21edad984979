import { USER_LIST_COLUMNS, USER_LIST_MAX_BYTES } from '@oig/shared';
import type { MivoiceUsersTable } from '../db/schema.js';
import { createUserListRepo } from '../modules/mivoice/user-list/user-list.repo.js';
import type { AppContext } from '../context.js';

/**
 * MiVoice user lists of any size, fast, for tests and the bench: `seedUserList` fills the stored
 * list (through the repo's chunked writes, one transaction), `userListFile` writes the CSV file that
 * updates it. Row i is phone `+1 555 000 0000 + i` of user `user<⌊i/2⌋>@example.com` (two numbers a
 * user); both are deterministic, so a file made for n rows matches a list seeded with n rows.
 */

/** The phone number of row i: `+1 555 0000001` style, unique for i < 10,000,000. */
export const seededPhone = (i: number): string => `+1 555 ${String(i).padStart(7, '0')}`;
/** The e-mail of row i (two numbers per user). */
export const seededEmail = (i: number): string => `user${Math.floor(i / 2)}@example.com`;

/** Row i of a seeded list; `fill` characters lengthen its full name (to make a list or file of a given size). */
export function seededRow(i: number, fill = 0): MivoiceUsersTable {
  const u = Math.floor(i / 2);
  const phone = seededPhone(i);
  return {
    phone_key: phone.replace(/[\s.\-()]/g, ''),
    phone_number: phone,
    primary_email: seededEmail(i),
    email_key: seededEmail(i),
    full_name: `Given${u} Family${u}${fill > 0 ? ' '.padEnd(fill, 'x') : ''}`,
    given_name: `Given${u}`,
    family_name: `Family${u}`,
    phone_type: i % 2 === 0 ? 'work' : 'mobile',
    record_source: 'csv',
    updated_at: 1_700_000_000_000,
  };
}

/**
 * Replaces the stored user list with rows 0 … n−1 (seededRow; `fill`: characters added to each full
 * name — 36 makes 199,999 rows export as about 25 MiB). 200,000 rows take a few seconds on either
 * database.
 */
export async function seedUserList(
  h: { ctx: Pick<AppContext, 'db'> },
  n: number,
  opts: { fill?: number } = {},
): Promise<void> {
  const repo = createUserListRepo(h.ctx.db.db, h.ctx.db.kind, { writeChunk: 10_000 });
  await h.ctx.db.db.deleteFrom('mivoice_users').execute();
  const rows = Array.from({ length: n }, (_, i) => seededRow(i, opts.fill));
  await repo.importTransaction((tx) => tx.write([], rows));
}

/**
 * A user-list file (UTF-8, BOM, CRLF, every column) of `rows` data rows matching a seeded list's
 * rows 0 … rows−1, each renamed (an update); every `deleteEvery`-th row marked mark_as_delete=yes
 * (0: none); rows `newFrom` … on are new numbers; every `badEvery`-th row (0: none) has a phone
 * number that is not one (a row problem; with `badEvery: 1` the report has one per row). The full
 * names are padded so that the file is about `bytes` long (default: just under USER_LIST_MAX_BYTES,
 * the largest accepted).
 */
export function userListFile(
  rows: number,
  opts: { bytes?: number; deleteEvery?: number; newFrom?: number; badEvery?: number } = {},
): Buffer {
  const target = opts.bytes ?? USER_LIST_MAX_BYTES - 64 * 1024;
  const newFrom = opts.newFrom ?? rows;
  const line = (i: number, fill: number) => {
    const r = seededRow(i < newFrom ? i : 5_000_000 + i, fill);
    const del = opts.deleteEvery && i % opts.deleteEvery === 0 ? 'yes' : '';
    return [
      r.primary_email,
      `${r.full_name} v2`,
      r.given_name,
      r.family_name,
      opts.badEvery && i % opts.badEvery === 0 ? `x${i}` : r.phone_number,
      r.phone_type,
      del,
      r.record_source,
    ].join(',');
  };
  const header = USER_LIST_COLUMNS.join(',');
  let base = header.length + 5;
  for (let i = 0; i < rows; i++) base += line(i, 0).length + 2;
  const fill = Math.min(150, Math.max(0, Math.floor((target - base) / Math.max(1, rows))));
  const out: string[] = [header];
  for (let i = 0; i < rows; i++) out.push(line(i, fill));
  return Buffer.from(`\uFEFF${out.join('\r\n')}\r\n`, 'utf8');
}
