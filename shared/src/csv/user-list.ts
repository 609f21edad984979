import { PHONE_NUMBER, restoreCell } from '../csv-cells.js';
import {
  PHONE_TYPES,
  USER_LIST_COLUMNS,
  USER_LIST_REQUIRED_COLUMNS,
  type ImportRowError,
  type ImportRowErrorCode,
  type PhoneType,
  type UserListLimitIssue,
  type UserListColumn,
} from '../mivoice.js';
import { emailSchema } from '../options.js';
import { decodeTextUpload, type TextEncoding } from './decode.js';
import { detectDelimiter, normaliseHeaderCell, type CsvDelimiter } from './delimiter.js';
import { CsvReadError } from './error.js';
import { IssueList } from './issues.js';
import { checkLineCount, firstNonBlankLine } from './lines.js';
import { readCsvRecords } from './read.js';

/**
 * The user-list CSV rules, applied by the server's import and by the console's check before
 * upload, so that both always give the same verdict: bytes → text (strict), the delimiter, the
 * header, every row's cells (pure: no database, no clock, no Node or browser API).
 *
 * Line numbers are the file's physical lines (CRLF, LF or CR end a line): the header is line 1,
 * a quoted field over several lines counts them all, blank lines are skipped but counted.
 * Bounded: at most USER_LIST_MAX_LINES lines and USER_LIST_MAX_COLUMNS fields per line (else a
 * CsvReadError), the first `maxIssues` errors kept (default MAX_REPORTED_ISSUES).
 */

export const MAX_PHONE_LENGTH = 32;
export const MAX_NAME_LENGTH = 200;
export const MAX_RECORD_SOURCE_LENGTH = 100;
export const DEFAULT_RECORD_SOURCE = 'csv';
/** Largest file accepted, in physical lines (header and blank lines included). */
export const USER_LIST_MAX_LINES = 200_000;
/**
 * Most phone numbers the stored user list may hold: one less than USER_LIST_MAX_LINES, so that one
 * full file always fits an empty list and the export of a full list (its header and one line per
 * number) is one file the importer takes back. An import that would leave more is refused
 * (`stored_limit`), unless it does not make the list larger (a list grown before the limit existed
 * can still be updated and reduced).
 */
export const USER_LIST_MAX_STORED = USER_LIST_MAX_LINES - 1;

/** The `stored_limit` refusal of an import: its params, and its English message. */
export function userListStoredLimit(
  current: number,
  after: number,
  max = USER_LIST_MAX_STORED,
): UserListLimitIssue {
  const n = (v: number) => v.toLocaleString('en-US');
  return {
    code: 'stored_limit',
    params: { max: String(max), current: String(current), after: String(after) },
    message:
      `This file would leave ${n(after)} phone numbers in the user list, which holds ${n(current)}; ` +
      `it may hold at most ${n(max)}. Nothing is changed: delete numbers first ` +
      '(rows with mark_as_delete=yes) or import fewer',
  };
}

/** Whether an import taking a list of `current` numbers to `after` is refused by USER_LIST_MAX_STORED. */
export const exceedsStoredLimit = (current: number, after: number, max = USER_LIST_MAX_STORED): boolean =>
  after > max && after > current;
/** The rows checked between two pauses (see UserListReadOptions.pause). */
export const USER_LIST_PAUSE_EVERY_ROWS = 5_000;
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

/** The delimiter (`,` `;` or tab): the header's, the first line with something on it. */
export const detectUserListDelimiter = (text: string): CsvDelimiter =>
  detectDelimiter(firstNonBlankLine(text), isUserListColumn);

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

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
  encoding: TextEncoding;
  delimiter: CsvDelimiter;
  /** The header's cells as compared with column names. */
  columns: string[];
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
const delimiterName = (d: CsvDelimiter) => (d === '\t' ? 'tab' : d);

/** The English text of each row problem (the console has its own per language, from code and params). */
const ROW_MESSAGES: Record<
  ImportRowErrorCode,
  (column: string | null, p: Readonly<Record<string, string>>) => string
> = {
  field_count: (_c, p) =>
    `This row has ${p.fields} field${p.fields === '1' ? '' : 's'} but the header has ` +
    `${p.expected ?? `${p.min} to ${p.max}`}: check the delimiter (${p.delimiter}) and the quotes`,
  unnamed_cell: (_c, p) =>
    `Field ${p.field} holds ${JSON.stringify(p.value)} but its column has no name in the header: ` +
    'name the column or empty the cell',
  required: (c) => `${c} is required`,
  too_long: (c, p) => `${c} is longer than ${p.max} characters`,
  invalid_email: (c, p) => `${c} ${JSON.stringify(p.value)} is not a valid e-mail address`,
  invalid_phone: (c, p) =>
    `${c} ${JSON.stringify(p.value)} is not a phone number (digits, an optional leading +, blanks and . - ( ) only)`,
  invalid_phone_type: (c, p) => `${c} ${JSON.stringify(p.value)} must be ${PHONE_TYPE_CHOICES} (or empty)`,
  invalid_mark_as_delete: (c, p) => `${c} ${JSON.stringify(p.value)} must be yes, no or empty`,
  repeated_phone: (c, p) =>
    `${c} ${JSON.stringify(p.value)} is already on line ${p.firstLine}${p.owner ? ` for ${p.owner}` : ''}` +
    '; a phone number may appear once',
  owned_by_other: (c, p) => `${c} ${JSON.stringify(p.value)} already belongs to ${p.owner}`,
  deleted_by_other: (c, p) =>
    `${c}: phone_number ${JSON.stringify(p.value)} belongs to ${p.owner}, not ${p.email}: ` +
    "only its owner's row may delete it",
};

/** A row problem: its code and params for the console, its English message for the API and the CSV report. */
export function userListRowError(
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

/** The header of a user list as the importer reads it, and what is wrong with it (nothing: all four lists empty). */
export interface UserListHeader {
  /** Each cell as compared with column names (normaliseHeaderCell). */
  names: string[];
  /** Cells up to the last named one: a row has at least these (unnamed trailing columns may be cut off). */
  named: number;
  /** The index of each named column. */
  columns: Map<UserListColumn, number>;
  /** Names the importer does not know, in header order (a name given twice is listed twice). */
  unknown: string[];
  /** Positions (1-based) of the columns without a name before the last named one. */
  unnamed: number[];
  /** Names given more than once. */
  duplicates: string[];
  /** Required columns the header does not name. */
  missing: UserListColumn[];
}

/**
 * The header's columns by name, and how many cells a row needs (`named`: up to the last named
 * column). Unnamed columns at the end — the trailing delimiters a spreadsheet writes when its
 * used range is wider than the data — are allowed; their cells must be empty.
 */
export function analyseUserListHeader(cells: readonly string[]): UserListHeader {
  const names = cells.map(normaliseHeaderCell);
  let named = names.length;
  while (named > 0 && names[named - 1] === '') named--;
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
  const columns = new Map(names.slice(0, named).map((n, i) => [n as UserListColumn, i]));
  return { names, named, columns, unknown, unnamed, duplicates: [...duplicates], missing };
}

/** Whether a file with this header may be imported. */
export const userListHeaderOk = (h: UserListHeader): boolean =>
  h.unknown.length === 0 && h.unnamed.length === 0 && h.duplicates.length === 0 && h.missing.length === 0;

/** A header that cannot be imported; `header` says why (the console lists it in its own words). */
export class UserListHeaderError extends CsvReadError {
  constructor(
    readonly header: UserListHeader,
    line: number,
    /** How the file was read up to its header. */
    readonly format: { encoding: TextEncoding; delimiter: CsvDelimiter },
  ) {
    const { unknown, unnamed, duplicates, missing } = header;
    const problems: string[] = [];
    if (unknown.length)
      problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${listed(unknown.map((n) => shown(n)))}`);
    if (unnamed.length)
      problems.push(
        `column${unnamed.length > 1 ? 's' : ''} ${listed(unnamed.map(String))} ` +
          `ha${unnamed.length > 1 ? 've' : 's'} no name`,
      );
    if (duplicates.length)
      problems.push(`duplicate column${duplicates.length > 1 ? 's' : ''} ${listed(duplicates)}`);
    if (missing.length)
      problems.push(`missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    super(
      'wrong_header',
      `Wrong header on line ${line}: ${problems.join('; ')}. ` +
        'The first line must name the columns (any order, any case): ' +
        `${USER_LIST_COLUMNS.join(', ')}; primary_email and phone_number are required`,
      undefined,
      line,
    );
  }
}

/** The header, or a CsvReadError: too wide, or a UserListHeaderError. */
function checkHeader(
  cells: string[],
  line: number,
  format: { encoding: TextEncoding; delimiter: CsvDelimiter },
): UserListHeader {
  if (cells.length > USER_LIST_MAX_COLUMNS) {
    throw new CsvReadError(
      'too_many_columns',
      `Wrong header on line ${line}: ${cells.length.toLocaleString('en-US')} columns; ` +
        `a user list has at most ${USER_LIST_MAX_COLUMNS}. The first line must name the columns: ` +
        `${USER_LIST_COLUMNS.join(', ')}`,
      `Line ${line}: more than ${USER_LIST_MAX_COLUMNS} columns`,
      line,
      { columns: String(cells.length), max: String(USER_LIST_MAX_COLUMNS) },
    );
  }
  const header = analyseUserListHeader(cells);
  if (!userListHeaderOk(header)) throw new UserListHeaderError(header, line, format);
  return header;
}

/** A cell's value: restoreCell, skipped for the cells that cannot need it (the hot path). */
const valueOf = (cell: string): string => (cell.charCodeAt(0) === 39 /* ' */ ? restoreCell(cell) : cell);

/** What a read keeps, and how it lets other work run. */
export interface UserListReadOptions extends IssueLimit {
  /**
   * Awaited every USER_LIST_PAUSE_EVERY_ROWS rows with the fraction of the lines read, so that other
   * work runs while a big file is checked (the server: other requests; the console: the page).
   */
  pause?: (progress: number) => Promise<void>;
  /** Rows between two calls of `pause` (default USER_LIST_PAUSE_EVERY_ROWS). */
  pauseEvery?: number;
}

/**
 * Decodes, parses and checks every cell of a user-list file: the server's import and the console's
 * check before upload. File-level problems (encoding, size, quotes, header) throw a CsvReadError;
 * row problems are listed with their line.
 */
export async function readUserList(
  bytes: Uint8Array,
  opts: UserListReadOptions = {},
): Promise<ParsedUserList> {
  const { pause, pauseEvery = USER_LIST_PAUSE_EVERY_ROWS, ...limit } = opts;
  const { text, encoding } = decodeUserList(bytes);
  const lines = checkLineCount(text, USER_LIST_MAX_LINES, 'a user list');
  const delimiter = detectUserListDelimiter(text);
  const records = readCsvRecords(text, delimiter, { maxFields: USER_LIST_MAX_COLUMNS });
  let header: { line: number; cells: string[] } | undefined;
  for (let r = records.next(); !r.done; r = records.next()) {
    if (!isBlank(r.value.cells)) {
      header = r.value;
      break;
    }
  }
  if (!header)
    throw new CsvReadError(
      'no_header',
      `The file has no header row: the first line must name the columns ${USER_LIST_COLUMNS.join(', ')}`,
    );
  const {
    names: columns,
    columns: col,
    named,
  } = checkHeader(header.cells, header.line, { encoding, delimiter });
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
    // Let other work run while a big file is checked.
    if (++sinceYield === pauseEvery) {
      sinceYield = 0;
      if (pause) await pause(lines === 0 ? 1 : Math.min(1, line / lines));
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
        userListRowError(line, null, 'field_count', {
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
        errors.push(userListRowError(line, null, 'unnamed_cell', { field: String(i + 1), value: cells[i]! }));
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
          ? userListRowError(line, 'primary_email', 'required')
          : userListRowError(line, 'primary_email', 'invalid_email', { value: rawEmail }),
      );
    }
    const emailKey = email === null ? null : emailKeyOf(email);

    // phone_number
    const phone = valueOf(cells[iPhone]!).trim();
    let phoneKey: string | null = null;
    if (phone === '') errors.push(userListRowError(line, 'phone_number', 'required'));
    else if (phone.length > MAX_PHONE_LENGTH)
      errors.push(userListRowError(line, 'phone_number', 'too_long', { max: String(MAX_PHONE_LENGTH) }));
    else if (!PHONE_NUMBER.test(phone))
      errors.push(userListRowError(line, 'phone_number', 'invalid_phone', { value: phone }));
    else phoneKey = phoneKeyOf(phone);

    // names
    const fullName = iFull === undefined ? undefined : valueOf(cells[iFull]!);
    const givenName = iGiven === undefined ? undefined : valueOf(cells[iGiven]!);
    const familyName = iFamily === undefined ? undefined : valueOf(cells[iFamily]!);
    const nameMax = { max: String(MAX_NAME_LENGTH) };
    if (fullName !== undefined && fullName.length > MAX_NAME_LENGTH)
      errors.push(userListRowError(line, 'full_name', 'too_long', nameMax));
    if (givenName !== undefined && givenName.length > MAX_NAME_LENGTH)
      errors.push(userListRowError(line, 'given_name', 'too_long', nameMax));
    if (familyName !== undefined && familyName.length > MAX_NAME_LENGTH)
      errors.push(userListRowError(line, 'family_name', 'too_long', nameMax));

    // phone_type
    let phoneType: PhoneType | null | undefined;
    if (iType !== undefined) {
      const raw = valueOf(cells[iType]!).trim();
      const t = raw.toLowerCase();
      if (t === '') phoneType = null;
      else if (t === 'work' || t === 'mobile' || t === 'home') phoneType = t;
      else errors.push(userListRowError(line, 'phone_type', 'invalid_phone_type', { value: raw }));
    }

    // mark_as_delete
    let remove = false;
    if (iDelete !== undefined) {
      const raw = valueOf(cells[iDelete]!).trim();
      const d = raw.toLowerCase();
      if (d === 'yes') remove = true;
      else if (d !== '' && d !== 'no')
        errors.push(userListRowError(line, 'mark_as_delete', 'invalid_mark_as_delete', { value: raw }));
    }

    // record_source
    let recordSource: string | undefined;
    if (iSource !== undefined) {
      recordSource = valueOf(cells[iSource]!).trim() || DEFAULT_RECORD_SOURCE;
      if (recordSource.length > MAX_RECORD_SOURCE_LENGTH)
        errors.push(
          userListRowError(line, 'record_source', 'too_long', { max: String(MAX_RECORD_SOURCE_LENGTH) }),
        );
    }

    // The same number twice in the file: the later line is wrong.
    if (phoneKey !== null) {
      const first = seen.get(phoneKey);
      if (first !== undefined) {
        const owner = firstEmail[first]!;
        const params: Record<string, string> = { value: phone, firstLine: String(firstLine[first]!) };
        if (owner !== null && emailKeyOf(owner) !== emailKey) params.owner = owner;
        errors.push(userListRowError(line, 'phone_number', 'repeated_phone', params));
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
  return {
    encoding,
    delimiter,
    columns,
    rows,
    candidates,
    errors: errors.items,
    errorCount: errors.count,
    badRows,
  };
}
