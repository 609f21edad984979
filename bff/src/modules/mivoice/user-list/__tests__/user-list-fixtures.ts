import type { ImportRowError } from '@oig/shared';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { DbKind } from '../../../../db/db.js';
import { freshDb, signIn, startHarness, type Harness } from '../../../../test/harness.js';
import type { MivoiceUsersTable } from '../../../../db/schema.js';

export type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
export const IMPORT = '/api/v1/mivoice/users/import';
export const HEADER =
  'primary_email,full_name,given_name,family_name,phone_number,phone_type,mark_as_delete,record_source';

/** A CSV file from lines (CRLF by default). */
export const csv = (lines: readonly string[], eol = '\r\n') => lines.join(eol) + eol;

/** POSTs a file to the import route. */
export function upload(
  agent: Agent,
  content: string | Buffer,
  query: Record<string, string> = {},
  name = 'users.csv',
) {
  return agent
    .post(IMPORT)
    .query(query)
    .attach('file', typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name);
}

/** Every stored row, in key order: compare before/after to prove nothing changed. */
export async function stored(h: Harness): Promise<MivoiceUsersTable[]> {
  const rows = await h.ctx.db.db.selectFrom('mivoice_users').selectAll().orderBy('phone_key').execute();
  return rows.map((r) => ({ ...r, updated_at: Number(r.updated_at) }));
}

export const row = (
  r: Partial<MivoiceUsersTable> & { phone_number: string; primary_email: string },
): MivoiceUsersTable => ({
  phone_key: r.phone_number.replace(/[\s.\-()]/g, ''),
  email_key: r.primary_email.toLowerCase(),
  full_name: '',
  given_name: '',
  family_name: '',
  phone_type: null,
  record_source: 'csv',
  updated_at: 1_700_000_000_000,
  ...r,
});

/** Replaces the stored list (tests only). */
export async function seed(h: Harness, rows: readonly MivoiceUsersTable[]): Promise<void> {
  await h.ctx.db.db.deleteFrom('mivoice_users').execute();
  for (let i = 0; i < rows.length; i += 500)
    await h.ctx.db.db
      .insertInto('mivoice_users')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The list the semantics tests start from. */
export const BASE: MivoiceUsersTable[] = [
  row({
    primary_email: 'alice@example.com',
    phone_number: '+1 555 0100',
    full_name: 'Alice Martin',
    given_name: 'Alice',
    family_name: 'Martin',
    phone_type: 'work',
  }),
  row({
    primary_email: 'alice@example.com',
    phone_number: '+1 555 0101',
    full_name: 'Alice Martin',
    given_name: 'Alice',
    family_name: 'Martin',
    phone_type: 'mobile',
  }),
  row({
    primary_email: 'Bob@Example.com',
    phone_number: '0612345678',
    full_name: 'Bob Durand',
    given_name: 'Bob',
    family_name: 'Durand',
    phone_type: 'home',
    record_source: 'google',
  }),
];

/**
 * A row problem as the tables of these tests give it: line, column and the English message (code
 * and params have their own test).
 */
export type RowProblem = Pick<ImportRowError, 'line' | 'column' | 'message'>;
export const problems = (errors: readonly ImportRowError[]): RowProblem[] =>
  errors.map(({ line, column, message }) => ({ line, column, message }));

/**
 * For a describe block: a fresh database of `kind` with a signed-in administrator (`t.h`,
 * `t.admin`), the stored list reset to BASE before each test, disposed at the end.
 */
export function seededHarness(kind: DbKind): { readonly h: Harness; readonly admin: Agent } {
  const t = {} as { h: Harness; admin: Agent };
  beforeAll(async () => {
    t.h = await startHarness(freshDb(kind));
    t.admin = (await signIn(t.h)).agent;
  });
  afterAll(async () => {
    await t.h?.dispose();
  });
  beforeEach(async () => {
    await seed(t.h, BASE);
  });
  return t;
}
