import {
  emailSchema,
  PHONE_NUMBER,
  PHONE_TYPES,
  restoreCell,
  USER_LIST_COLUMNS,
  USER_LIST_REQUIRED_COLUMNS,
  type ImportRowError,
  type ImportRowErrorCode,
  type PhoneType,
  type UserListColumn,
  type UserListImportReport,
} from '@oig/shared';
import {
  checkLineCount,
  decodeTextUpload,
  detectDelimiter,
  fileError,
  firstNonBlankLine,
  IssueList,
  normaliseHeaderCell,
  readCsvRecords,
  type CsvDelimiter,
  type TextEncoding,
} from '../../../lib/csv-read.js';
import type { MivoiceUsersTable } from '../../../db/schema.js';

/**
 * The user-list CSV, from bytes to a plan of changes (pure: no database, no clock). The service
 * runs `parseUserList` outside the import transaction and `planImport` inside it, against the
 * rows stored for the file's phone numbers.
 *
 * Line numbers are the file's physical lines (CRLF, LF or CR end a line, as everywhere in
 * lib/csv-read.ts): the header is line 1, a quoted field over several lines counts them all,
 * blank lines are skipped but counted. Bounded: at most USER_LIST_MAX_LINES lines and
 * USER_LIST_MAX_COLUMNS fields per line (else a 400), the first `maxIssues` errors kept (default
 * MAX_REPORTED_ISSUES; the full report CSV keeps them all).
 */

export type Encoding = TextEncoding;
export type Delimiter = CsvDelimiter;

export const MAX_PHONE_LENGTH = 32;
export const MAX_NAME_LENGTH = 200;
export const MAX_RECORD_SOURCE_LENGTH = 100;
export const DEFAULT_RECORD_SOURCE = 'csv';
/** Largest file accepted, in physical lines (header and blank lines included). */
export const USER_LIST_MAX_LINES = 200_000;
/** The rows checked between two turns of the event loop. */
const YIELD_EVERY_ROWS = 5_000;
/** Widest header accepted (the list has 8 columns). */
export const USER_LIST_MAX_COLUMNS = 50;
const SAVE_AS = 'Save it as "CSV UTF-8 (Comma delimited)" and upload it again';

/** The stored key of a phone number: as given, without blanks . - ( ). One e-mail owns each key. */
export const phoneKeyOf = (phone: string): string => phone.replace(/[\s.\-()]/g, '');
/** The stored key of an e-mail address: lower case. */
export const emailKeyOf = (email: string): string => email.toLowerCase();

const COLUMN_NAMES: ReadonlySet<string> = new Set(USER_LIST_COLUMNS);
export const isUserListColumn = (name: string) => COLUMN_NAMES.has(name);

/** Decodes an uploaded user list (see decodeTextUpload). */
export const decodeUserList = (bytes: Uint8Array) => decodeTextUpload(bytes, SAVE_AS);

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/* ---------------------------------------------------------------------------------------- */
/* Rows → candidate records                                                                  */
/* ---------------------------------------------------------------------------------------- */

/** A data row whose cells are all valid. Fields of a column the file does not have are undefined. */
export interface CandidateRow {
  line: number;
  email: string;
  emailKey: string;
  phone: string;
  phoneKey: string;
  remove: boolean;
  fullName?: string;
  givenName?: string;
  familyName?: string;
  phoneType?: PhoneType | null;
  recordSource?: string;
}

export interface ParsedUserList {
  encoding: Encoding;
  delimiter: Delimiter;
  /** Data rows read (blank lines not counted). */
  rows: number;
  candidates: CandidateRow[];
  /** Row errors found without the database (cells, field counts, duplicates within the file): the first `maxIssues`. */
  errors: ImportRowError[];
  /** How many there are in all. */
  errorCount: number;
  /** How many rows have at least one of them. */
  badRows: number;
}

/** How many issues a parse or plan keeps (all are counted). */
export interface IssueLimit {
  maxIssues?: number;
}

/** A value as a report quotes it: cut at 80 characters. */
const cut = (v: string) => (v.length > 80 ? `${v.slice(0, 80)}…` : v);
const shown = (v: string) => JSON.stringify(cut(v));

const PHONE_TYPE_CHOICES = PHONE_TYPES.join(', ').replace(/, (?=[^,]*$)/, ' or ');
const delimiterName = (d: Delimiter) => (d === '\t' ? 'tab' : d);

/** The English text of each row problem (the console has its own per language, from code and params). */
const ROW_MESSAGES: Record<
  ImportRowErrorCode,
  (column: string | null, p: Readonly<Record<string, string>>) => string
> = {
  field_count: (_c, p) =>
    `This row has ${p.fields} field${p.fields === '1' ? '' : 's'} but the header has ${p.expected ?? `${p.min} to ${p.max}`}: check the delimiter (${p.delimiter}) and the quotes`,
  unnamed_cell: (_c, p) =>
    `Field ${p.field} holds ${JSON.stringify(p.value)} but its column has no name in the header: name the column or empty the cell`,
  required: (c) => `${c} is required`,
  too_long: (c, p) => `${c} is longer than ${p.max} characters`,
  invalid_email: (c, p) => `${c} ${JSON.stringify(p.value)} is not a valid e-mail address`,
  invalid_phone: (c, p) =>
    `${c} ${JSON.stringify(p.value)} is not a phone number (digits, an optional leading +, blanks and . - ( ) only)`,
  invalid_phone_type: (c, p) => `${c} ${JSON.stringify(p.value)} must be ${PHONE_TYPE_CHOICES} (or empty)`,
  invalid_mark_as_delete: (c, p) => `${c} ${JSON.stringify(p.value)} must be yes, no or empty`,
  repeated_phone: (c, p) =>
    `${c} ${JSON.stringify(p.value)} is already on line ${p.firstLine}${p.owner ? ` for ${p.owner}` : ''}; a phone number may appear once`,
  owned_by_other: (c, p) => `${c} ${JSON.stringify(p.value)} already belongs to ${p.owner}`,
  deleted_by_other: (c, p) =>
    `${c}: phone_number ${JSON.stringify(p.value)} belongs to ${p.owner}, not ${p.email}: only its owner's row may delete it`,
};

/** A row problem: its code and params for the console, its English message for the API and the CSV report. */
function rowError(
  line: number,
  column: string | null,
  code: ImportRowErrorCode,
  params: Record<string, string> = {},
): ImportRowError {
  const p = params.value === undefined ? params : { ...params, value: cut(params.value) };
  return { line, column, code, params: p, message: ROW_MESSAGES[code](column, p) };
}

/** At most `max` names, then "… and N more". */
const listed = (names: readonly string[], max = 10) =>
  names.length <= max
    ? names.join(', ')
    : `${names.slice(0, max).join(', ')} … and ${(names.length - max).toLocaleString('en-US')} more`;

/**
 * The header's columns by name, and how many cells a row needs (`named`: up to the last named
 * column). Unnamed columns at the end — the trailing delimiters a spreadsheet writes when its
 * used range is wider than the data — are allowed; their cells must be empty.
 */
function checkHeader(cells: string[], line: number): { col: Map<UserListColumn, number>; named: number } {
  if (cells.length > USER_LIST_MAX_COLUMNS) {
    throw fileError(
      `Wrong header on line ${line}: ${cells.length.toLocaleString('en-US')} columns; a user list has at most ${USER_LIST_MAX_COLUMNS}. The first line must name the columns: ${USER_LIST_COLUMNS.join(', ')}`,
      `Line ${line}: more than ${USER_LIST_MAX_COLUMNS} columns`,
    );
  }
  const names = cells.map(normaliseHeaderCell);
  let named = names.length;
  while (named > 0 && names[named - 1] === '') named--;
  const problems: string[] = [];
  const unnamed = names.slice(0, named).flatMap((n, i) => (n === '' ? [i + 1] : []));
  const unknown = names.filter((n) => n !== '' && !isUserListColumn(n));
  const seenNames = new Set<string>();
  const duplicates = new Set<string>();
  for (const n of names) {
    if (n === '') continue;
    if (seenNames.has(n)) duplicates.add(n);
    else seenNames.add(n);
  }
  const missing = USER_LIST_REQUIRED_COLUMNS.filter((c) => !seenNames.has(c));
  if (unknown.length)
    problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${listed(unknown.map((n) => shown(n)))}`);
  if (unnamed.length)
    problems.push(
      `column${unnamed.length > 1 ? 's' : ''} ${listed(unnamed.map(String))} ha${unnamed.length > 1 ? 've' : 's'} no name`,
    );
  if (duplicates.size)
    problems.push(`duplicate column${duplicates.size > 1 ? 's' : ''} ${listed([...duplicates])}`);
  if (missing.length)
    problems.push(`missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (problems.length) {
    throw fileError(
      `Wrong header on line ${line}: ${problems.join('; ')}. The first line must name the columns (any order, any case): ${USER_LIST_COLUMNS.join(', ')}; primary_email and phone_number are required`,
    );
  }
  return { col: new Map(names.slice(0, named).map((n, i) => [n as UserListColumn, i])), named };
}

/** A cell's value: restoreCell, skipped for the cells that cannot need it (the hot path). */
const valueOf = (cell: string): string => (cell.charCodeAt(0) === 39 /* ' */ ? restoreCell(cell) : cell);

/**
 * Decodes, parses and checks every cell of a user-list file. File-level problems (encoding,
 * quotes, header) throw a 400; row problems are listed with their line.
 */
export async function parseUserList(bytes: Uint8Array, limit: IssueLimit = {}): Promise<ParsedUserList> {
  const { text, encoding } = decodeUserList(bytes);
  checkLineCount(text, USER_LIST_MAX_LINES, 'a user list');
  // The delimiter is the header's: the first line with something on it.
  const delimiter = detectDelimiter(firstNonBlankLine(text), isUserListColumn);
  const records = readCsvRecords(text, delimiter, { maxFields: USER_LIST_MAX_COLUMNS });
  let header: { line: number; cells: string[] } | undefined;
  for (let r = records.next(); !r.done; r = records.next()) {
    if (!isBlank(r.value.cells)) {
      header = r.value;
      break;
    }
  }
  if (!header)
    throw fileError(
      `The file has no header row: the first line must name the columns ${USER_LIST_COLUMNS.join(', ')}`,
    );
  const { col, named } = checkHeader(header.cells, header.line);
  const width = header.cells.length;
  const iEmail = col.get('primary_email')!;
  const iPhone = col.get('phone_number')!;
  const iFull = col.get('full_name');
  const iGiven = col.get('given_name');
  const iFamily = col.get('family_name');
  const iType = col.get('phone_type');
  const iDelete = col.get('mark_as_delete');
  const iSource = col.get('record_source');

  const errors = new IssueList<ImportRowError>(limit.maxIssues);
  let badRows = 0;
  const candidates: CandidateRow[] = [];
  /** Valid e-mails as emailSchema gives them (null: invalid); a user's rows share one. */
  const emailCache = new Map<string, string | null>();
  /** Each valid phone number's first row (index into firstLine/firstEmail), for duplicates within the file. */
  const seen = new Map<string, number>();
  const firstLine: number[] = [];
  const firstEmail: Array<string | null> = [];
  let rows = 0;

  let sinceYield = 0;
  for (const { line, cells } of records) {
    // Let other requests run while a big file is checked.
    if (++sinceYield === YIELD_EVERY_ROWS) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    // A row has a cell for every named column; the header's unnamed trailing columns may be cut off.
    if (cells.length < named || cells.length > width) {
      if (isBlank(cells)) continue;
      rows++;
      badRows++;
      const expected: Record<string, string> =
        named === width ? { expected: String(width) } : { min: String(named), max: String(width) };
      errors.push(
        rowError(line, null, 'field_count', {
          fields: String(cells.length),
          ...expected,
          delimiter: delimiterName(delimiter),
        }),
      );
      continue;
    }
    if (cells[iEmail]!.trim() === '' && cells[iPhone]!.trim() === '' && isBlank(cells)) continue;
    rows++;
    const before = errors.count;

    for (let i = named; i < cells.length; i++) {
      if (cells[i]!.trim() !== '') {
        errors.push(rowError(line, null, 'unnamed_cell', { field: String(i + 1), value: cells[i]! }));
        break;
      }
    }

    // primary_email
    const rawEmail = valueOf(cells[iEmail]!);
    let email = emailCache.get(rawEmail);
    if (email === undefined) {
      const p = rawEmail.trim() === '' ? undefined : emailSchema.safeParse(rawEmail);
      email = p?.success ? p.data : null;
      emailCache.set(rawEmail, email);
    }
    if (email === null) {
      errors.push(
        rawEmail.trim() === ''
          ? rowError(line, 'primary_email', 'required')
          : rowError(line, 'primary_email', 'invalid_email', { value: rawEmail }),
      );
    }
    const emailKey = email === null ? null : emailKeyOf(email);

    // phone_number
    const phone = valueOf(cells[iPhone]!).trim();
    let phoneKey: string | null = null;
    if (phone === '') errors.push(rowError(line, 'phone_number', 'required'));
    else if (phone.length > MAX_PHONE_LENGTH)
      errors.push(rowError(line, 'phone_number', 'too_long', { max: String(MAX_PHONE_LENGTH) }));
    else if (!PHONE_NUMBER.test(phone))
      errors.push(rowError(line, 'phone_number', 'invalid_phone', { value: phone }));
    else phoneKey = phoneKeyOf(phone);

    // names
    const fullName = iFull === undefined ? undefined : valueOf(cells[iFull]!);
    const givenName = iGiven === undefined ? undefined : valueOf(cells[iGiven]!);
    const familyName = iFamily === undefined ? undefined : valueOf(cells[iFamily]!);
    const nameMax = { max: String(MAX_NAME_LENGTH) };
    if (fullName !== undefined && fullName.length > MAX_NAME_LENGTH)
      errors.push(rowError(line, 'full_name', 'too_long', nameMax));
    if (givenName !== undefined && givenName.length > MAX_NAME_LENGTH)
      errors.push(rowError(line, 'given_name', 'too_long', nameMax));
    if (familyName !== undefined && familyName.length > MAX_NAME_LENGTH)
      errors.push(rowError(line, 'family_name', 'too_long', nameMax));

    // phone_type
    let phoneType: PhoneType | null | undefined;
    if (iType !== undefined) {
      const raw = valueOf(cells[iType]!).trim();
      const t = raw.toLowerCase();
      if (t === '') phoneType = null;
      else if (t === 'work' || t === 'mobile' || t === 'home') phoneType = t;
      else errors.push(rowError(line, 'phone_type', 'invalid_phone_type', { value: raw }));
    }

    // mark_as_delete
    let remove = false;
    if (iDelete !== undefined) {
      const raw = valueOf(cells[iDelete]!).trim();
      const d = raw.toLowerCase();
      if (d === 'yes') remove = true;
      else if (d !== '' && d !== 'no')
        errors.push(rowError(line, 'mark_as_delete', 'invalid_mark_as_delete', { value: raw }));
    }

    // record_source
    let recordSource: string | undefined;
    if (iSource !== undefined) {
      recordSource = valueOf(cells[iSource]!).trim() || DEFAULT_RECORD_SOURCE;
      if (recordSource.length > MAX_RECORD_SOURCE_LENGTH)
        errors.push(rowError(line, 'record_source', 'too_long', { max: String(MAX_RECORD_SOURCE_LENGTH) }));
    }

    // The same number twice in the file: the later line is wrong.
    if (phoneKey !== null) {
      const first = seen.get(phoneKey);
      if (first !== undefined) {
        const owner = firstEmail[first]!;
        const params: Record<string, string> = { value: phone, firstLine: String(firstLine[first]!) };
        if (owner !== null && emailKeyOf(owner) !== emailKey) params.owner = owner;
        errors.push(rowError(line, 'phone_number', 'repeated_phone', params));
      } else {
        seen.set(phoneKey, firstLine.length);
        firstLine.push(line);
        firstEmail.push(email);
      }
    }

    if (errors.count > before) badRows++;
    if (errors.count > before || email === null || emailKey === null || phoneKey === null) continue;
    const c: CandidateRow = { line, email, emailKey, phone, phoneKey, remove };
    if (fullName !== undefined) c.fullName = fullName;
    if (givenName !== undefined) c.givenName = givenName;
    if (familyName !== undefined) c.familyName = familyName;
    if (phoneType !== undefined) c.phoneType = phoneType;
    if (recordSource !== undefined) c.recordSource = recordSource;
    candidates.push(c);
  }
  return { encoding, delimiter, rows, candidates, errors: errors.items, errorCount: errors.count, badRows };
}

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
  /** Row errors found against the stored list (numbers owned by another e-mail): the first `maxIssues`, at most one per row. */
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
          rowError(c.line, 'mark_as_delete', 'deleted_by_other', {
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
        rowError(c.line, 'phone_number', 'owned_by_other', { value: c.phone, owner: ex.primary_email }),
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
