import {
  emailSchema,
  PHONE_NUMBER,
  PHONE_TYPES,
  restoreCell,
  USER_LIST_COLUMNS,
  USER_LIST_REQUIRED_COLUMNS,
  type ImportRowError,
  type PhoneType,
  type UserListColumn,
  type UserListImportReport,
} from '@oig/shared';
import Papa from 'papaparse';
import { AppError } from '../../../http/app-error.js';
import type { MivoiceUsersTable } from '../../../db/schema.js';

/**
 * The user-list CSV, from bytes to a plan of changes (pure: no database, no clock). The service
 * runs `parseUserList` outside the import transaction and `planImport` inside it, against the
 * rows stored for the file's phone numbers.
 *
 * Line numbers are the file's physical lines: the header is line 1, a quoted field over several
 * lines counts them all, blank lines are skipped but counted.
 */

export type Encoding = UserListImportReport['encoding'];
export type Delimiter = UserListImportReport['delimiter'];

export const MAX_PHONE_LENGTH = 32;
export const MAX_NAME_LENGTH = 200;
export const MAX_RECORD_SOURCE_LENGTH = 100;
export const DEFAULT_RECORD_SOURCE = 'csv';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];
const SAVE_AS = 'Save it as "CSV UTF-8 (Comma delimited)" and upload it again';

/** The stored key of a phone number: as given, without blanks . - ( ). One e-mail owns each key. */
export const phoneKeyOf = (phone: string): string => phone.replace(/[\s.\-()]/g, '');
/** The stored key of an e-mail address: lower case. */
export const emailKeyOf = (email: string): string => email.toLowerCase();

/** A file-level problem: a 400 naming the file (and the line when there is one). */
const fileError = (message: string) => new AppError('validation_failed', message, { file: message });

/* ---------------------------------------------------------------------------------------- */
/* Bytes → text                                                                              */
/* ---------------------------------------------------------------------------------------- */

/** The line (1-based, counted on LF bytes) of a byte offset. */
function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (-1: none). */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let i = from;
  while (i < to) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    if (i + n >= to) return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Decodes an uploaded file: UTF-8 with or without BOM, or UTF-16 LE/BE with a BOM (Excel's
 * "Unicode Text"). Anything else — Latin-1/Windows-1252, mixed encodings, binary — is refused
 * with the first line that is wrong.
 */
export function decodeUserList(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw fileError(`This is an Excel workbook or a ZIP archive, not a CSV file. ${SAVE_AS}`);
  }
  let encoding: Encoding = 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';

  let text: string;
  if (encoding === 'utf-8') {
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      throw fileError(`Line ${lineOfOffset(bytes, nul)} contains a NUL byte: this is not a text CSV file (binary, or UTF-16 without a byte-order mark). ${SAVE_AS}`);
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const bad = firstInvalidUtf8(bytes);
      const at = bad === -1 ? bytes.length - 1 : bad;
      const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
      throw fileError(
        `Line ${lineOfOffset(bytes, at)} is not UTF-8 (byte 0x${hex}): the file is in another encoding such as Latin-1/Windows-1252, or mixes encodings. ${SAVE_AS}`,
      );
    }
  } else {
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      throw fileError(`The file starts with a UTF-16 byte-order mark but is not valid UTF-16. ${SAVE_AS}`);
    }
    const nul = text.indexOf('\u0000');
    if (nul !== -1) throw fileError(`Line ${countChar(text, '\n', 0, nul) + 1} contains a NUL character: this is not a text CSV file. ${SAVE_AS}`);
  }
  return { text, encoding };
}

function countChar(s: string, ch: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = s.indexOf(ch, from); i !== -1 && i < to; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/* ---------------------------------------------------------------------------------------- */
/* Text → rows                                                                               */
/* ---------------------------------------------------------------------------------------- */

const normaliseHeader = (cell: string) => restoreCell(cell).trim().toLowerCase();
const unquote = (cell: string) => (cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1) : cell);

/** The delimiter of the header line: the one that splits it into the most known column names (then the most fields). */
export function detectDelimiter(headerLine: string): Delimiter {
  let best: Delimiter = ',';
  let bestScore = [-1, -1];
  for (const d of DELIMITERS) {
    const parts = headerLine.split(d);
    const known = parts.filter((p) => (USER_LIST_COLUMNS as readonly string[]).includes(normaliseHeader(unquote(p.trim())))).length;
    const score = [known, parts.length - 1];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) [best, bestScore] = [d, score];
  }
  return best;
}

/** The line break of the file: the one that ends the header line. */
function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr !== -1 && (lf === -1 || cr < lf)) return text[cr + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

interface RawRow {
  line: number;
  cells: string[];
}

/**
 * A file whose lines end in CRLF and LF both (lines added in another editor): CRLF outside
 * quoted fields becomes LF, so that every line ends the same. Quoted fields keep their CRLFs.
 */
function unifyLineEnds(text: string, delimiter: Delimiter): string {
  const out: string[] = [];
  let from = 0;
  let fieldStart = true;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (fieldStart && ch === '"') {
      quoted = true;
      fieldStart = false;
    } else if (ch === delimiter) fieldStart = true;
    else if (ch === '\r' && text[i + 1] === '\n') {
      out.push(text.slice(from, i));
      from = i + 1;
      fieldStart = true;
      i++;
    } else fieldStart = ch === '\n';
  }
  out.push(text.slice(from));
  return out.join('');
}

/** Parses the text with papaparse (everything as text) and gives each row its physical line. */
export function splitRows(text: string, delimiter: Delimiter): RawRow[] {
  let newline = detectNewline(text);
  if (newline !== '\r') {
    const crlf = countChar(text, '\r\n');
    if (crlf > 0 && crlf !== countChar(text, '\n')) {
      text = unifyLineEnds(text, delimiter);
      newline = '\n';
    }
  }
  const result = Papa.parse<string[]>(text, { delimiter, newline, header: false, dynamicTyping: false, skipEmptyLines: false, comments: false, quoteChar: '"', escapeChar: '"' });
  const lineCh = newline === '\r' ? '\r' : '\n';
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const line = countChar(text, lineCh, 0, Math.max(0, (quoteError.index ?? 1) - 1)) + 1;
    throw fileError(
      quoteError.code === 'MissingQuotes'
        ? `Line ${line}: a quoted field is never closed (its opening " has no closing " before the end of the file). Check the quotes on that line`
        : `Line ${line}: a quoted field has text after its closing quote. Inside a quoted field, write a " as ""`,
    );
  }
  const rows: RawRow[] = new Array(result.data.length);
  // Only a quoted field can hold a line break.
  const mayHoldBreaks = text.includes('"');
  let line = 1;
  for (let i = 0; i < result.data.length; i++) {
    const cells = result.data[i]!;
    rows[i] = { line, cells };
    line++;
    if (mayHoldBreaks) for (const c of cells) if (c.includes(lineCh)) line += countChar(c, lineCh);
  }
  return rows;
}

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
  /** Row errors found without the database (cells, field counts, duplicates within the file). */
  errors: ImportRowError[];
}

const shown = (v: string) => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);

function checkHeader(cells: string[], line: number): Map<UserListColumn, number> {
  const names = cells.map(normaliseHeader);
  const problems: string[] = [];
  const unnamed = names.flatMap((n, i) => (n === '' ? [i + 1] : []));
  const unknown = names.filter((n) => n !== '' && !(USER_LIST_COLUMNS as readonly string[]).includes(n));
  const duplicates = [...new Set(names.filter((n, i) => n !== '' && names.indexOf(n) !== i))];
  const missing = USER_LIST_REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (unknown.length) problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => shown(n)).join(', ')}`);
  if (unnamed.length) problems.push(`column${unnamed.length > 1 ? 's' : ''} ${unnamed.join(', ')} ha${unnamed.length > 1 ? 've' : 's'} no name`);
  if (duplicates.length) problems.push(`duplicate column${duplicates.length > 1 ? 's' : ''} ${duplicates.join(', ')}`);
  if (missing.length) problems.push(`missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (problems.length) {
    throw fileError(
      `Wrong header on line ${line}: ${problems.join('; ')}. The first line must name the columns (any order, any case): ${USER_LIST_COLUMNS.join(', ')}; primary_email and phone_number are required`,
    );
  }
  return new Map(names.map((n, i) => [n as UserListColumn, i]));
}

/** A cell's value: restoreCell, skipped for the cells that cannot need it (the hot path). */
const valueOf = (cell: string): string => (cell.charCodeAt(0) === 39 /* ' */ ? restoreCell(cell) : cell);
const phoneMessage = (phone: string) => `phone_number ${shown(phone)} is not a phone number (digits, an optional leading +, blanks and . - ( ) only)`;

/**
 * Decodes, parses and checks every cell of a user-list file. File-level problems (encoding,
 * quotes, header) throw a 400; row problems are listed with their line.
 */
export function parseUserList(bytes: Uint8Array): ParsedUserList {
  const { text, encoding } = decodeUserList(bytes);
  // The delimiter is the header's: the first line with something on it.
  const delimiter = detectDelimiter(/[^\r\n]*\S[^\r\n]*/.exec(text)?.[0] ?? '');
  const all = splitRows(text, delimiter);
  let headerAt = 0;
  while (headerAt < all.length && isBlank(all[headerAt]!.cells)) headerAt++;
  if (headerAt === all.length) throw fileError(`The file has no header row: the first line must name the columns ${USER_LIST_COLUMNS.join(', ')}`);
  const header = all[headerAt]!;
  const col = checkHeader(header.cells, header.line);
  const width = header.cells.length;
  const iEmail = col.get('primary_email')!;
  const iPhone = col.get('phone_number')!;
  const iFull = col.get('full_name');
  const iGiven = col.get('given_name');
  const iFamily = col.get('family_name');
  const iType = col.get('phone_type');
  const iDelete = col.get('mark_as_delete');
  const iSource = col.get('record_source');

  const errors: ImportRowError[] = [];
  const candidates: CandidateRow[] = [];
  /** Valid e-mails as emailSchema gives them (null: invalid); a user's rows share one. */
  const emailCache = new Map<string, string | null>();
  /** Each valid phone number's first row (index into firstLine/firstEmail), for duplicates within the file. */
  const seen = new Map<string, number>();
  const firstLine: number[] = [];
  const firstEmail: Array<string | null> = [];
  let rows = 0;

  for (let r = headerAt + 1; r < all.length; r++) {
    const { line, cells } = all[r]!;
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    if (cells.length !== width) {
      if (isBlank(cells)) continue;
      rows++;
      errors.push({ line, column: null, message: `This row has ${cells.length} field${cells.length === 1 ? '' : 's'} but the header has ${width}: check the delimiter (${delimiter === '\t' ? 'tab' : delimiter}) and the quotes` });
      continue;
    }
    if (cells[iEmail]!.trim() === '' && cells[iPhone]!.trim() === '' && isBlank(cells)) continue;
    rows++;
    const before = errors.length;

    // primary_email
    const rawEmail = valueOf(cells[iEmail]!);
    let email = emailCache.get(rawEmail);
    if (email === undefined) {
      const p = rawEmail.trim() === '' ? undefined : emailSchema.safeParse(rawEmail);
      email = p?.success ? p.data : null;
      emailCache.set(rawEmail, email);
    }
    if (email === null) {
      errors.push({ line, column: 'primary_email', message: rawEmail.trim() === '' ? 'primary_email is required' : `primary_email ${shown(rawEmail)} is not a valid e-mail address` });
    }
    const emailKey = email === null ? null : emailKeyOf(email);

    // phone_number
    const phone = valueOf(cells[iPhone]!).trim();
    let phoneKey: string | null = null;
    if (phone === '') errors.push({ line, column: 'phone_number', message: 'phone_number is required' });
    else if (phone.length > MAX_PHONE_LENGTH) errors.push({ line, column: 'phone_number', message: `phone_number is longer than ${MAX_PHONE_LENGTH} characters` });
    else if (!PHONE_NUMBER.test(phone)) errors.push({ line, column: 'phone_number', message: phoneMessage(phone) });
    else phoneKey = phoneKeyOf(phone);

    // names
    const fullName = iFull === undefined ? undefined : valueOf(cells[iFull]!);
    const givenName = iGiven === undefined ? undefined : valueOf(cells[iGiven]!);
    const familyName = iFamily === undefined ? undefined : valueOf(cells[iFamily]!);
    if (fullName !== undefined && fullName.length > MAX_NAME_LENGTH) errors.push({ line, column: 'full_name', message: `full_name is longer than ${MAX_NAME_LENGTH} characters` });
    if (givenName !== undefined && givenName.length > MAX_NAME_LENGTH) errors.push({ line, column: 'given_name', message: `given_name is longer than ${MAX_NAME_LENGTH} characters` });
    if (familyName !== undefined && familyName.length > MAX_NAME_LENGTH) errors.push({ line, column: 'family_name', message: `family_name is longer than ${MAX_NAME_LENGTH} characters` });

    // phone_type
    let phoneType: PhoneType | null | undefined;
    if (iType !== undefined) {
      const raw = valueOf(cells[iType]!).trim();
      const t = raw.toLowerCase();
      if (t === '') phoneType = null;
      else if (t === 'work' || t === 'mobile' || t === 'home') phoneType = t;
      else errors.push({ line, column: 'phone_type', message: `phone_type ${shown(raw)} must be ${PHONE_TYPES.join(', ').replace(/, (?=[^,]*$)/, ' or ')} (or empty)` });
    }

    // mark_as_delete
    let remove = false;
    if (iDelete !== undefined) {
      const raw = valueOf(cells[iDelete]!).trim();
      const d = raw.toLowerCase();
      if (d === 'yes') remove = true;
      else if (d !== '' && d !== 'no') errors.push({ line, column: 'mark_as_delete', message: `mark_as_delete ${shown(raw)} must be yes, no or empty` });
    }

    // record_source
    let recordSource: string | undefined;
    if (iSource !== undefined) {
      recordSource = valueOf(cells[iSource]!).trim() || DEFAULT_RECORD_SOURCE;
      if (recordSource.length > MAX_RECORD_SOURCE_LENGTH) errors.push({ line, column: 'record_source', message: `record_source is longer than ${MAX_RECORD_SOURCE_LENGTH} characters` });
    }

    // The same number twice in the file: the later line is wrong.
    if (phoneKey !== null) {
      const first = seen.get(phoneKey);
      if (first !== undefined) {
        const owner = firstEmail[first]!;
        const other = owner !== null && emailKeyOf(owner) !== emailKey ? ` for ${owner}` : '';
        errors.push({ line, column: 'phone_number', message: `phone_number ${shown(phone)} is already on line ${firstLine[first]!}${other}; a phone number may appear once` });
      } else {
        seen.set(phoneKey, firstLine.length);
        firstLine.push(line);
        firstEmail.push(email);
      }
    }

    if (errors.length > before || email === null || emailKey === null || phoneKey === null) continue;
    const c: CandidateRow = { line, email, emailKey, phone, phoneKey, remove };
    if (fullName !== undefined) c.fullName = fullName;
    if (givenName !== undefined) c.givenName = givenName;
    if (familyName !== undefined) c.familyName = familyName;
    if (phoneType !== undefined) c.phoneType = phoneType;
    if (recordSource !== undefined) c.recordSource = recordSource;
    candidates.push(c);
  }
  return { encoding, delimiter, rows, candidates, errors };
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
  /** Row errors found against the stored list (ownership, deleting what does not exist). */
  errors: ImportRowError[];
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
 * updates it (columns the file lacks keep their stored values); a new phone number is added; a
 * number owned by another e-mail is an error; mark_as_delete=yes removes the number (an error
 * if it is not stored, or stored for another e-mail).
 */
export function planImport(candidates: readonly CandidateRow[], stored: ReadonlyMap<string, StoredUser>, now: number): ImportPlan {
  const plan: ImportPlan = { upserts: [], deletes: [], added: 0, updated: 0, deleted: 0, unchanged: 0, errors: [] };
  for (const c of candidates) {
    const ex = stored.get(c.phoneKey);
    if (c.remove) {
      if (!ex) plan.errors.push({ line: c.line, column: 'mark_as_delete', message: `mark_as_delete: phone_number ${shown(c.phone)} is not in the user list` });
      else if (ex.email_key !== c.emailKey) plan.errors.push({ line: c.line, column: 'mark_as_delete', message: `mark_as_delete: phone_number ${shown(c.phone)} belongs to ${ex.primary_email}, not ${c.email}` });
      else {
        plan.deletes.push(c.phoneKey);
        plan.deleted++;
      }
      continue;
    }
    if (ex && ex.email_key !== c.emailKey) {
      plan.errors.push({ line: c.line, column: 'phone_number', message: `phone_number ${shown(c.phone)} already belongs to ${ex.primary_email}` });
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
      record_source: c.recordSource ?? ex?.record_source ?? DEFAULT_RECORD_SOURCE,
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
  return plan;
}

/** Row errors in file order (line, then column order). */
export function sortErrors(errors: ImportRowError[]): ImportRowError[] {
  const order = (c: string | null) => (c === null ? -1 : USER_LIST_COLUMNS.indexOf(c as UserListColumn));
  return errors.sort((a, b) => a.line - b.line || order(a.column) - order(b.column));
}
