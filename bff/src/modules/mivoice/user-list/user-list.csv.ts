import {
  DEFAULT_RECORD_SOURCE,
  decodeUserList as decodeUserListBytes,
  IssueList,
  readUserList,
  USER_LIST_COLUMNS,
  userListRowError,
  type CandidateRow,
  type ImportRowError,
  type IssueLimit,
  type ParsedUserList,
  type UserListColumn,
} from '@oig/shared';
import { csvReading, toAppError } from '../../../lib/csv-read.js';
import { sliceClock, type SliceClock } from '../../../lib/slices.js';
import type { MivoiceUsersTable } from '../../../db/schema.js';

/**
 * The user-list CSV on the server. Reading it — bytes to checked rows — is the shared rule
 * (`readUserList` in shared/src/csv/user-list.ts), which the console also runs before an upload,
 * so both give the same verdict; here its file-level errors become 400s, and the candidates are
 * planned against the rows stored for the file's phone numbers (`planImport`, pure: no database,
 * no clock). The service runs `parseUserList` outside the import transaction and `planImport`
 * inside it.
 */

export type { CandidateRow, IssueLimit, ParsedUserList };

/** Decodes an uploaded user list (see decodeTextUpload); a 400 when it cannot be. */
export const decodeUserList = (bytes: Uint8Array) => csvReading(() => decodeUserListBytes(bytes));

/**
 * Decodes, parses and checks every cell of a user-list file (see readUserList). File-level
 * problems (encoding, quotes, header) throw a 400; row problems are listed with their line. Other
 * requests run in between slices of rows (lib/slices).
 */
export async function parseUserList(bytes: Uint8Array, limit: IssueLimit = {}): Promise<ParsedUserList> {
  try {
    // Asked every 256 rows; the event loop turns whenever the slice's time is used.
    const clock = sliceClock();
    return await readUserList(bytes, { ...limit, pause: () => clock.pause(), pauseEvery: 256 });
  } catch (err) {
    throw toAppError(err);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Candidates + stored rows → plan                                                           */
/* ---------------------------------------------------------------------------------------- */

export type StoredUser = MivoiceUsersTable;

/**
 * The header of the import's full report (a file for people, not an import format): where, the
 * problem in English, and its code (`IMPORT_ROW_ERROR_CODES`) for tools.
 */
export const USER_LIST_REPORT_FIELDS = ['Line', 'Column', 'Problem', 'Code'] as const;

export interface ImportPlan {
  /** Rows to insert or overwrite (keyed by phone_key). */
  upserts: StoredUser[];
  /** phone_keys to delete. */
  deletes: string[];
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /**
   * Row errors found against the stored list (numbers owned by another e-mail): the first
   * `maxIssues`, at most one per row.
   */
  errors: ImportRowError[];
  /** How many there are in all (= the rows they are on). */
  errorCount: number;
}

const sameUser = (a: StoredUser, b: StoredUser) =>
  a.phone_number === b.phone_number &&
  a.primary_email === b.primary_email &&
  a.full_name === b.full_name &&
  a.given_name === b.given_name &&
  a.family_name === b.family_name &&
  a.phone_type === b.phone_type &&
  a.record_source === b.record_source;

/**
 * What the candidates do to the stored list. A row matching a stored (e-mail, phone number)
 * updates its names and phone_type (columns the file lacks keep their stored values; the stored
 * record_source — where the record came from — is kept); a new phone number is added; a
 * number owned by another e-mail is an error; mark_as_delete=yes removes the number (unchanged if
 * it is not stored — deleting twice is harmless — and an error if another e-mail owns it). Runs
 * in time-bounded slices (`clock`): 200,000 candidates are ~100 ms of work.
 */
export async function planImport(
  candidates: readonly CandidateRow[],
  stored: ReadonlyMap<string, StoredUser>,
  now: number,
  limit: IssueLimit = {},
  clock: SliceClock = sliceClock(),
): Promise<ImportPlan> {
  const errors = new IssueList<ImportRowError>(limit.maxIssues);
  const plan: ImportPlan = {
    upserts: [],
    deletes: [],
    added: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    errors: errors.items,
    errorCount: 0,
  };
  for (let k = 0; k < candidates.length; k++) {
    if (k % 512 === 511) await clock.pause();
    const c = candidates[k]!;
    const ex = stored.get(c.phoneKey);
    if (c.remove) {
      // Already gone: nothing to do (re-running a delete file is harmless).
      if (!ex) plan.unchanged++;
      else if (ex.email_key !== c.emailKey) {
        errors.push(
          userListRowError(c.line, 'mark_as_delete', 'deleted_by_other', {
            value: c.phone,
            owner: ex.primary_email,
            email: c.email,
          }),
        );
      } else {
        plan.deletes.push(c.phoneKey);
        plan.deleted++;
      }
      continue;
    }
    if (ex && ex.email_key !== c.emailKey) {
      errors.push(
        userListRowError(c.line, 'phone_number', 'owned_by_other', {
          value: c.phone,
          owner: ex.primary_email,
        }),
      );
      continue;
    }
    const next: StoredUser = {
      phone_key: c.phoneKey,
      phone_number: c.phone,
      primary_email: c.email,
      email_key: c.emailKey,
      full_name: c.fullName ?? ex?.full_name ?? '',
      given_name: c.givenName ?? ex?.given_name ?? '',
      family_name: c.familyName ?? ex?.family_name ?? '',
      phone_type: c.phoneType !== undefined ? c.phoneType : (ex?.phone_type ?? null),
      record_source: ex ? ex.record_source : (c.recordSource ?? DEFAULT_RECORD_SOURCE),
      updated_at: now,
    };
    if (!ex) {
      plan.added++;
      plan.upserts.push(next);
    } else if (sameUser(ex, next)) plan.unchanged++;
    else {
      plan.updated++;
      plan.upserts.push(next);
    }
  }
  plan.errorCount = errors.count;
  return plan;
}

const columnOrder = (c: string | null) => (c === null ? -1 : USER_LIST_COLUMNS.indexOf(c as UserListColumn));

/**
 * The first `max` of two lists of row errors, each in line order, merged in file order (line, then
 * column order; as a stable sort of both lists one after the other would give). Linear, in slices:
 * sorting 200,000 errors at once would hold the event loop.
 */
export async function mergeErrors(
  a: readonly ImportRowError[],
  b: readonly ImportRowError[],
  max: number,
  clock: SliceClock = sliceClock(),
): Promise<ImportRowError[]> {
  const out: ImportRowError[] = [];
  let i = 0;
  let j = 0;
  const group: ImportRowError[] = [];
  while (out.length < max && (i < a.length || j < b.length)) {
    const line = Math.min(i < a.length ? a[i]!.line : Infinity, j < b.length ? b[j]!.line : Infinity);
    group.length = 0;
    while (i < a.length && a[i]!.line === line) group.push(a[i++]!);
    while (j < b.length && b[j]!.line === line) group.push(b[j++]!);
    if (group.length > 1) group.sort((x, y) => columnOrder(x.column) - columnOrder(y.column));
    for (const e of group) if (out.length < max) out.push(e);
    if ((i + j) % 512 < group.length) await clock.pause();
  }
  return out;
}
