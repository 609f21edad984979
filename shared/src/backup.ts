import { OIG_VERSION } from './constants.js';
/**
 * Configuration backup and restore (Options tab, `npm run backup` / `npm run restore`): the plain
 * backup document, the passphrase rule, and what a restore (or its dry run) answers.
 *
 * The file: `OIG-BACKUP` (10 bytes), a 2-byte big-endian length, a JSON header (container format,
 * scrypt N/r/p and salt, the AES-256-GCM nonce), then the ciphertext and its 16-byte tag; the header
 * is the cipher's additional data, so it cannot be altered unseen. The plaintext is gzip of lines:
 * line 1 the document below, then one line per imported language, then the user list as JSON
 * arrays of row tuples.
 * Sessions, session history, usage, the audit log, the mail outbox and the Google contacts cache are
 * not configuration and are not in it.
 */
import { z } from 'zod';
import { MAX_MICC_ELEMENTS, MAX_MIVB_ELEMENTS } from './network-elements.js';

/** The first bytes of every backup file. */
export const BACKUP_MAGIC = 'OIG-BACKUP';
/** The container and document format this product writes and reads (newer ones are refused). */
export const BACKUP_FORMAT_VERSION = 1;
/** The product version written into a backup (informative): the version the console shows. */
export const BACKUP_PRODUCT_VERSION = OIG_VERSION;
/** The file name a backup is downloaded as (the date is the backup's, UTC). */
export const backupFileName = (createdAt: Date): string =>
  `oig-backup-${createdAt.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.oigbackup`;

export const BACKUP_PASSPHRASE_MIN = 12;
export const BACKUP_PASSPHRASE_MAX = 1024;
/**
 * The largest backup file a restore takes (64 MiB): the largest user list (199,999 numbers, every
 * field long) compresses to well under it; everything else is small.
 */
export const BACKUP_MAX_BYTES = 64 * 1024 * 1024;
/**
 * The most the plain (decompressed) content of a backup may be (a file that inflates more is
 * refused): 128 MiB, over twice the largest legitimate configuration (~50 MB: the largest user list
 * with every field long, the rest small), so the lines held while a file is read stay bounded.
 */
export const BACKUP_MAX_PLAIN_BYTES = 128 * 1024 * 1024;
/**
 * The longest line of the plain content: the document (32 MiB: its sections and settings,
 * parsed in one go — about 1,500 accounts and 250 elements make under 1 MB) and any other line
 * (8 MiB: an imported language of at most 1 MiB of file, or 1,000 user-list rows).
 */
export const BACKUP_MAX_DOCUMENT_LINE_BYTES = 32 * 1024 * 1024;
export const BACKUP_MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * Why a backup's content is refused (`backup_content_invalid` {problem}): the console says it in
 * its language (`common:backupProblems.<problem>`); the English here is the error's message.
 */
export const BACKUP_PROBLEM_TEXTS = {
  too_large: 'larger than the largest configuration',
  not_gzip: 'not gzip data',
  ends_early: 'the content ends early',
  not_json: 'a line is not JSON',
  document: 'the document does not have the expected shape',
  localization: 'an imported language does not have the expected shape',
  user_list: 'the user list does not have the expected shape',
  length: 'the user list is not as long as announced',
  duplicate: 'a section lists the same item twice',
  duplicate_id: 'two network elements or console users have the same id',
} as const;
export type BackupProblem = keyof typeof BACKUP_PROBLEM_TEXTS;
export const BACKUP_PROBLEMS = Object.keys(BACKUP_PROBLEM_TEXTS) as BackupProblem[];

export const backupPassphraseSchema = z
  .string({ error: 'Passphrase is required' })
  .min(BACKUP_PASSPHRASE_MIN, `Passphrase must be at least ${BACKUP_PASSPHRASE_MIN} characters`)
  .max(BACKUP_PASSPHRASE_MAX, `Passphrase must be at most ${BACKUP_PASSPHRASE_MAX} characters`);

/** POST /backup. */
export const backupRequestSchema = z.object({ passphrase: backupPassphraseSchema }).strict();
export type BackupRequest = z.infer<typeof backupRequestSchema>;

/** POST /backup/restore?dryRun=true|false (multipart: `file`, and the field `passphrase`). */
export const restoreQuerySchema = z
  .object({
    dryRun: z
      .enum(['true', 'false'], { error: 'dryRun must be true or false' })
      .default('true')
      .transform((v) => v === 'true'),
  })
  .strict();
export type RestoreQuery = z.infer<typeof restoreQuerySchema>;
export const restoreFieldsSchema = z.object({ passphrase: backupPassphraseSchema }).strict();

/** The sections of a backup, in the order they are shown and applied. */
export const BACKUP_SECTIONS = [
  'accounts',
  'acl',
  'networkElements',
  'defaults',
  'openMedia',
  'options',
  'mail',
  'consoleUsers',
  'mivoiceSettings',
  'userList',
  'localization',
] as const;
export type BackupSection = (typeof BACKUP_SECTIONS)[number];

const text = (max: number) => z.string().max(max);
const time = z.number().int().nonnegative();
/** A stored setting's JSON value (checked by its module when read), or null when not set. */
const setting = z.unknown().nullable();

export const backupAccountSchema = z.object({
  companyName: text(200).min(1),
  applicationName: text(200).min(1),
  localPasswordHash: text(1000).min(1),
  enabled: z.boolean(),
  createdAt: time,
  updatedAt: time,
});
export const backupNetworkElementSchema = z.object({
  id: text(100).min(1),
  type: z.enum(['mivb', 'micc']),
  setup: z.enum(['default', 'custom']),
  ipAddress: text(100).min(1),
  version: text(200).nullable(),
  settings: z.unknown().nullable(),
  createdAt: time,
  updatedAt: time,
});
/** The MiCC's Open Media credentials, by the element's address. */
export const backupOpenMediaSchema = z.object({
  ipAddress: text(100).min(1),
  logonId: text(1000).nullable(),
  password: text(1000).nullable(),
});
export const backupConsoleUserSchema = z.object({
  id: text(100).min(1),
  username: text(200).min(1),
  passwordHash: text(1000).min(1),
  role: z.enum(['administrator', 'support']),
  disabled: z.boolean(),
  createdAt: time,
  updatedAt: time,
});
export const backupLanguageSchema = z.object({
  application: z.enum(['google', 'salesforce']),
  language: text(20).min(1),
  fileName: text(500),
  importedAt: time,
  importedBy: text(200),
  strings: z.record(z.string().max(500), z.string().max(1_048_576)),
});
/**
 * A user-list row: phone key, phone number, primary e-mail, e-mail key, full, given and family
 * name, phone type, record source, last change (ms).
 */
export const backupUserRowSchema = z.tuple([
  text(200).min(1),
  text(200),
  text(500),
  text(500),
  text(1000),
  text(1000),
  text(1000),
  z.enum(['work', 'mobile', 'home']).nullable(),
  text(200),
  time,
]);
export type BackupUserRow = z.infer<typeof backupUserRowSchema>;

/**
 * Every section but localization and the user list, which follow the document in the file: one
 * line per language, then the user list in lines of at most BACKUP_USER_ROWS_PER_LINE rows.
 */
export const backupSectionsSchema = z.object({
  accounts: z.array(backupAccountSchema).max(100_000),
  /** The ACL fetched from the MCS (settings `acl.mcs`, passwords as scrypt hashes), or null. */
  acl: setting,
  networkElements: z.array(backupNetworkElementSchema).max(MAX_MIVB_ELEMENTS + MAX_MICC_ELEMENTS),
  defaults: z.object({ mivb: setting, micc: setting }),
  openMedia: z.array(backupOpenMediaSchema).max(MAX_MICC_ELEMENTS),
  options: setting,
  mail: setting,
  consoleUsers: z.array(backupConsoleUserSchema).max(10_000),
  mivoiceSettings: z.object({ settings: setting, google: setting }),
});
export type BackupSections = z.infer<typeof backupSectionsSchema>;

/** The plain document's first line. */
export const backupDocumentSchema = z.object({
  formatVersion: z.number().int().positive(),
  productVersion: z.string().max(100),
  createdAt: z.iso.datetime(),
  sections: backupSectionsSchema,
  /** How many localization lines (one imported language each) follow the document. */
  localizationLanguages: z.number().int().nonnegative().max(200),
  /** How many user-list rows follow them. */
  userListRows: z.number().int().nonnegative().max(1_000_000),
});
export const BACKUP_USER_ROWS_PER_LINE = 1_000;
export type BackupLanguage = z.infer<typeof backupLanguageSchema>;
export type BackupDocument = z.infer<typeof backupDocumentSchema>;

/** One section of a restore against the stored configuration. */
export const sectionDiffSchema = z.object({
  section: z.enum(BACKUP_SECTIONS),
  added: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** A few names of each (at most BACKUP_DIFF_EXAMPLES). */
  examples: z.object({
    added: z.array(z.string()),
    changed: z.array(z.string()),
    removed: z.array(z.string()),
  }),
});
export type SectionDiff = z.infer<typeof sectionDiffSchema>;
export const BACKUP_DIFF_EXAMPLES = 5;

/** POST /backup/restore's answer: what changes (dry run) or changed. */
export const restoreReportSchema = z.object({
  dryRun: z.boolean(),
  /** True when the restore was carried out (never on a dry run). */
  applied: z.boolean(),
  formatVersion: z.number().int(),
  productVersion: z.string(),
  /** When the backup was made (ISO 8601). */
  createdAt: z.string(),
  sections: z.array(sectionDiffSchema),
  /** True when the restoring user is not an enabled user of the backup: the restore signs them out. */
  signsYouOut: z.boolean(),
  /**
   * Console users kept whose password the backup changes: their sessions end, as on any password
   * change (the restoring administrator's own session stays).
   */
  passwordsChanged: z.number().int().nonnegative(),
});
export type RestoreReport = z.infer<typeof restoreReportSchema>;
