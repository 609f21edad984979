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
 * requests run every few thousand rows.
 */
export async function parseUserList(bytes: Uint8Array, limit: IssueLimit = {}): Promise<ParsedUserList> {
  try {
    return await readUserList(bytes, { ...limit, pause: nextTurn });
  } catch (err) {
    throw toAppError(err);
  }
}

/** Lets other requests run (the next turn of the event loop). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/* ---------------------------------------------------------------------------------------- */
/* Candidates + stored rows → plan                                                           */
/* ---------------------------------------------------------------------------------------- */

export type StoredUser = MivoiceUsersTable;

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
 * it is not stored — deleting twice is harmless — and an error if another e-mail owns it).
 */
export function planImport(
  candidates: readonly CandidateRow[],
  stored: ReadonlyMap<string, StoredUser>,
  now: number,
  limit: IssueLimit = {},
): ImportPlan {
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
  for (const c of candidates) {
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

/** Row errors in file order (line, then column order). */
export function sortErrors(errors: ImportRowError[]): ImportRowError[] {
  const order = (c: string | null) => (c === null ? -1 : USER_LIST_COLUMNS.indexOf(c as UserListColumn));
  return errors.sort((a, b) => a.line - b.line || order(a.column) - order(b.column));
}
