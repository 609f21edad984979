import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_MAGIC,
  BACKUP_MAX_DOCUMENT_LINE_BYTES,
  BACKUP_MAX_LINE_BYTES,
  BACKUP_MAX_PLAIN_BYTES,
  BACKUP_PROBLEM_TEXTS,
  BACKUP_USER_ROWS_PER_LINE,
  backupDocumentSchema,
  backupLanguageSchema,
  backupUserRowSchema,
  type BackupDocument,
  type BackupLanguage,
  type BackupProblem,
  type BackupUserRow,
} from '@oig/shared';
import { AppError } from '../../http/app-error.js';
import { nextTurn, sliceClock } from '../../lib/slices.js';

/**
 * The backup file (docs/architecture.md, "backup"): `OIG-BACKUP`, a 2-byte big-endian header
 * length, the header (JSON), the AES-256-GCM ciphertext and its 16-byte tag. The key is scrypt of
 * the passphrase with the header's salt and cost; the whole header is the cipher's additional data.
 * The plaintext is gzip of JSON lines: the document, one line per imported language, then the
 * user list a thousand rows a line — each line parsed and checked on its own, so no step holds
 * the event loop for long even at the largest list.
 */
const MAGIC = Buffer.from(BACKUP_MAGIC, 'ascii');
const TAG_BYTES = 16;
const NONCE_BYTES = 12;
const SALT_BYTES = 16;
/** Bytes encrypted or decrypted between two turns of the event loop. */
const CIPHER_CHUNK = 1024 * 1024;

/** scrypt's cost: N = 2^17, r = 8, p = 1 (128 MiB, a few hundred ms, on libuv's thread pool). */
export interface KdfCost {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_KDF: KdfCost = { N: 2 ** 17, r: 8, p: 1 };
/** The most memory a file's scrypt cost may ask for (a crafted header cannot ask for more). */
const KDF_MAX_MEMORY = 256 * 1024 * 1024;
/**
 * The costs a file may ask for, checked before any work: p = 1 (what this product writes) and
 * N·r at most 2^21 (twice the default's 2^20: one pool thread for at most ~1 s). The KDF runs
 * before the file is authenticated, so a crafted header must not be able to ask for more.
 */
export const KDF_MAX_NR = 2 ** 21;
export const kdfSupported = (cost: KdfCost): boolean => cost.p === 1 && cost.N * cost.r <= KDF_MAX_NR;

const headerSchema = z.object({
  format: z.number().int().positive(),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.base64(),
  }),
  cipher: z.literal('aes-256-gcm'),
  nonce: z.base64(),
});
type Header = z.infer<typeof headerSchema>;

const deriveKey = (passphrase: string, salt: Buffer, cost: KdfCost): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const opts: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: KDF_MAX_MEMORY + 1024 * 1024 };
    scrypt(passphrase.normalize('NFC'), salt, 32, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });

/** Runs a cipher over `data` a chunk at a time, the event loop turning between chunks. */
async function runCipher(c: { update(b: Buffer): Buffer }, data: Buffer): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let at = 0; at < data.length; at += CIPHER_CHUNK) {
    out.push(c.update(data.subarray(at, at + CIPHER_CHUNK)));
    await nextTurn();
  }
  return out;
}

/** Encrypts a plaintext into a backup file. */
export async function seal(plain: Buffer, passphrase: string, cost: KdfCost = DEFAULT_KDF): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header: Header = {
    format: BACKUP_FORMAT_VERSION,
    kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    nonce: nonce.toString('base64'),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(json.length);
  const head = Buffer.concat([MAGIC, length, json]);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, cost), nonce);
  cipher.setAAD(head);
  const body = await runCipher(cipher, plain);
  body.push(cipher.final());
  return Buffer.concat([head, ...body, cipher.getAuthTag()]);
}

const notABackup = () =>
  new AppError('bad_request', 'backup_not_a_backup', 'The file is not an OIG configuration backup');
const damaged = () =>
  new AppError('bad_request', 'backup_damaged', 'The backup file is damaged: its header cannot be read');

/** Decrypts a backup file: its plaintext, or a clear 400 (not a backup, damaged, newer, wrong passphrase). */
export async function open(file: Buffer, passphrase: string): Promise<Buffer> {
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw notABackup();
  if (file.length < MAGIC.length + 2) throw damaged();
  const headerEnd = MAGIC.length + 2 + file.readUInt16BE(MAGIC.length);
  if (file.length < headerEnd + TAG_BYTES) throw damaged();
  let raw: unknown;
  try {
    raw = JSON.parse(file.subarray(MAGIC.length + 2, headerEnd).toString('utf8'));
  } catch {
    throw damaged();
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format > BACKUP_FORMAT_VERSION) throw newerFormat(format);
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw damaged();
  const header = parsed.data;
  const nonce = Buffer.from(header.nonce, 'base64');
  const salt = Buffer.from(header.kdf.salt, 'base64');
  if (nonce.length !== NONCE_BYTES || salt.length < 8) throw damaged();
  if (!kdfSupported(header.kdf) || 128 * header.kdf.N * header.kdf.r > KDF_MAX_MEMORY)
    throw new AppError(
      'bad_request',
      'backup_unsupported_kdf',
      `The backup's key derivation cost is not one this product writes (scrypt N=${header.kdf.N}, ` +
        `r=${header.kdf.r}, p=${header.kdf.p}; p must be 1 and N·r at most ${KDF_MAX_NR})`,
    );
  const key = await deriveKey(passphrase, salt, header.kdf);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(file.subarray(0, headerEnd));
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  const body = await runCipher(decipher, file.subarray(headerEnd, file.length - TAG_BYTES));
  try {
    body.push(decipher.final());
  } catch {
    throw new AppError(
      'bad_request',
      'backup_wrong_passphrase',
      'Wrong passphrase, or the backup file is damaged (it was altered or cut off)',
    );
  }
  return Buffer.concat(body);
}

export const newerFormat = (version: number) =>
  new AppError(
    'bad_request',
    'backup_newer_format',
    `The backup was written by a newer version of the product (format ${version}); ` +
      `this one reads format ${BACKUP_FORMAT_VERSION}`,
    { params: { version: String(version), supported: String(BACKUP_FORMAT_VERSION) } },
  );

const EMPTY = Buffer.alloc(0);
/**
 * Why a backup's content is refused: a code the console translates
 * (`common:backupProblems.<problem>`), the English detail only in the message.
 */
export const invalid = (problem: BackupProblem, detail: string = BACKUP_PROBLEM_TEXTS[problem]) =>
  new AppError('bad_request', 'backup_content_invalid', `The backup's content is not valid: ${detail}`, {
    params: { problem },
  });

/** A backup's plain content. */
export interface BackupContent {
  document: BackupDocument;
  localization: BackupLanguage[];
  userList: BackupUserRow[];
}

/** The plain content as gzip of its lines, made a chunk at a time. */
export async function encodeContent(content: BackupContent): Promise<Buffer> {
  const { document, localization, userList } = content;
  async function* lines() {
    yield `${JSON.stringify(document)}\n`;
    for (const language of localization) {
      yield `${JSON.stringify(language)}\n`;
      await nextTurn();
    }
    for (let i = 0; i < userList.length; i += BACKUP_USER_ROWS_PER_LINE) {
      yield `${JSON.stringify(userList.slice(i, i + BACKUP_USER_ROWS_PER_LINE))}\n`;
      await nextTurn();
    }
  }
  const out: Buffer[] = [];
  await pipeline(Readable.from(lines()), createGzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) out.push(chunk);
  });
  return Buffer.concat(out);
}

const issueText = (error: z.ZodError) => {
  const i = error.issues[0];
  return i ? `${i.path.join('.') || 'value'}: ${i.message}` : 'invalid';
};

/**
 * Reads the plain content back: gunzip (bounded), cut into lines as it arrives (no copy of the
 * whole plaintext: only a line's pieces are joined), then each line parsed and checked in slices.
 */
export async function decodeContent(gz: Buffer): Promise<BackupContent> {
  const lines: Buffer[] = [];
  let pieces: Buffer[] = [];
  let pieceBytes = 0;
  let size = 0;
  /** Why reading stopped early (the stream's own error may be what reaches the catch). */
  let over: 'plain' | 'line' | undefined;
  // A line longer than its maximum is refused as it arrives (never joined, never parsed).
  const lineMax = () => (lines.length === 0 ? BACKUP_MAX_DOCUMENT_LINE_BYTES : BACKUP_MAX_LINE_BYTES);
  try {
    await pipeline(Readable.from([gz]), createGunzip(), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > BACKUP_MAX_PLAIN_BYTES) throw new RangeError((over = 'plain'));
        let from = 0;
        for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, from)) {
          if (pieceBytes + nl - from > lineMax()) throw new RangeError((over = 'line'));
          pieces.push(chunk.subarray(from, nl));
          lines.push(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces));
          pieces = [];
          pieceBytes = 0;
          from = nl + 1;
        }
        if (from < chunk.length) {
          pieces.push(chunk.subarray(from));
          pieceBytes += chunk.length - from;
          if (pieceBytes > lineMax()) throw new RangeError((over = 'line'));
        }
      }
    });
  } catch {
    if (over === undefined) throw invalid('not_gzip');
    throw invalid('too_large', over === 'line' ? 'a line is longer than its maximum' : undefined);
  }
  // Text after the last line break: the content does not end as written.
  if (pieces.length > 0) throw invalid('ends_early');
  const clock = sliceClock();
  let at = 0;
  const nextLine = (): unknown => {
    const line = lines[at];
    if (line === undefined) throw invalid('ends_early');
    lines[at++] = EMPTY;
    try {
      return JSON.parse(line.toString('utf8'));
    } catch {
      throw invalid('not_json');
    }
  };
  const first = nextLine();
  const version = (first as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) throw newerFormat(version);
  const doc = backupDocumentSchema.safeParse(first);
  if (!doc.success) throw invalid('document', issueText(doc.error));
  const localization: BackupLanguage[] = [];
  for (let i = 0; i < doc.data.localizationLanguages; i++) {
    const language = backupLanguageSchema.safeParse(nextLine());
    if (!language.success) throw invalid('localization', `localization: ${issueText(language.error)}`);
    localization.push(language.data);
    await clock.pause();
  }
  const rowsSchema = z.array(backupUserRowSchema).max(BACKUP_USER_ROWS_PER_LINE);
  const userList: BackupUserRow[] = [];
  while (userList.length < doc.data.userListRows) {
    const rows = rowsSchema.safeParse(nextLine());
    if (!rows.success) throw invalid('user_list', `user list: ${issueText(rows.error)}`);
    for (const r of rows.data) userList.push(r);
    await clock.pause();
  }
  if (userList.length !== doc.data.userListRows || at !== lines.length) throw invalid('length');
  return { document: doc.data, localization, userList };
}
