import { z } from 'zod';
import { reasonOf } from './status-reasons.js';
import { mailOutcomeSchema } from './mail.js';
import { emailSchema } from './options.js';

/* ------------------------------------------------------------------------------------------ */
/* MiVoice tab: settings (administrator e-mail for exports)                                   */
/* ------------------------------------------------------------------------------------------ */

/** GET/PUT /mivoice/settings: where "Email User List" and "Email Language Strings" go (null = not set). */
export const mivoiceSettingsSchema = z.object({ adminEmail: z.string().nullable() });
export type MivoiceSettings = z.infer<typeof mivoiceSettingsSchema>;
export const updateMivoiceSettingsRequestSchema = z.object({ adminEmail: emailSchema.nullable() }).strict();
export type UpdateMivoiceSettingsRequest = z.infer<typeof updateMivoiceSettingsRequestSchema>;

/** POST /mivoice/…/email answers: the outbox message queued and where it goes. */
export const mivoiceEmailResponseSchema = z.object({
  mailId: z.string(),
  to: z.string(),
  /** What became of it: sent in the background, or saved to a file (no SMTP server). */
  mail: mailOutcomeSchema,
});
export type MivoiceEmailResponse = z.infer<typeof mivoiceEmailResponseSchema>;

/* ------------------------------------------------------------------------------------------ */
/* Google corporate directory                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** A Google Workspace domain name, e.g. example.com. */
export const googleDomainSchema = z
  .string({ error: 'Google domain is required' })
  .trim()
  .toLowerCase()
  .min(1, 'Google domain is required')
  .max(253, 'Google domain is at most 253 characters')
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'Enter a domain name such as example.com (no scheme, no @)',
  );

/**
 * Why the last Google sync failed (`lastErrorReason.code`). `phase` is `token` (the OAuth token
 * request) or `users` (users.list, with `page`); `status` and `google` are Google's HTTP status
 * and its own words when it gave them. Params: `service_account_refused` {adminEmail, scope,
 * phase, page, status?, google?}; `not_authorised` {adminEmail, domain, status?, google?};
 * `unknown_domain` {domain, status?, google?}; `rate_limited` {status?, google?};
 * `google_unavailable` and `refused` {phase, page, status?, google?}; `timeout` {phase, page,
 * seconds}; `network` {phase, page, code}; `bad_answer` and `not_users_list` {phase, page};
 * `no_access_token`; `too_many_users` {domain, max}; `repeated_page_token` {page}; `other` {phase,
 * page, detail}; `unexpected`; `not_stored` {count, busy: 'yes'|'no'}.
 */
export const GOOGLE_SYNC_FAILURES = [
  'service_account_refused',
  'not_authorised',
  'unknown_domain',
  'rate_limited',
  'google_unavailable',
  'refused',
  'timeout',
  'network',
  'bad_answer',
  'not_users_list',
  'no_access_token',
  'too_many_users',
  'repeated_page_token',
  'other',
  'unexpected',
  'not_stored',
] as const;
export type GoogleSyncFailure = (typeof GOOGLE_SYNC_FAILURES)[number];

/**
 * GET /mivoice/google: the directory settings (the service-account key is write-only: only its
 * client e-mail and key id are shown) and the state of the local cache.
 */
export const googleDirectorySchema = z.object({
  adminEmail: z.string().nullable(),
  domain: z.string().nullable(),
  serviceAccountKeySet: z.boolean(),
  /** client_email of the stored key, to tell keys apart without showing them. */
  serviceAccountEmail: z.string().nullable(),
  /** Last successful sync (ISO), null if never. */
  lastSyncAt: z.string().nullable(),
  /** Contacts in the local cache (from the last successful sync). */
  contactCount: z.number().int(),
  /** The last sync's failure, null once a sync succeeds. */
  lastError: z.string().nullable(),
  /** `lastError` as a code (GOOGLE_SYNC_FAILURES) and params; null without one or when stored before reasons. */
  lastErrorReason: reasonOf(GOOGLE_SYNC_FAILURES).nullable(),
  lastErrorAt: z.string().nullable(),
});
export type GoogleDirectory = z.infer<typeof googleDirectorySchema>;

/**
 * PUT /mivoice/google. `serviceAccountKey`: the JSON key file's text; omitted keeps the stored
 * key, null removes it.
 */
export const updateGoogleDirectoryRequestSchema = z
  .object({
    adminEmail: emailSchema,
    domain: googleDomainSchema,
    serviceAccountKey: z
      .string()
      .max(20_000, 'The service-account key is at most 20,000 characters')
      .nullable()
      .optional(),
  })
  .strict();
export type UpdateGoogleDirectoryRequest = z.infer<typeof updateGoogleDirectoryRequestSchema>;

/** One contact of the cached Google directory. */
/**
 * The most users a Google sync reads (the product's capacity: the directory cache and the sync
 * within the event-loop budget were measured at this size). A larger domain is refused, naming it.
 */
export const GOOGLE_DIRECTORY_MAX_USERS = 50_000;

export const googleContactSchema = z.object({
  primaryEmail: z.string(),
  fullName: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  phones: z.array(z.object({ value: z.string(), type: z.string() })),
});
export type GoogleContact = z.infer<typeof googleContactSchema>;

const pageQuery = {
  q: z.string().max(200, 'Filter is at most 200 characters').optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int()
    .min(1, 'limit must be 1–500')
    .max(500, 'limit must be 1–500')
    .default(50),
  offset: z.coerce
    .number({ error: 'offset must be a number' })
    .int()
    .min(0, 'offset must be ≥ 0')
    .max(10_000_000)
    .default(0),
};

/** GET /mivoice/google/contacts: the cache, filtered by name, e-mail or phone. */
export const googleContactsQuerySchema = z.object(pageQuery);
export type GoogleContactsQuery = z.infer<typeof googleContactsQuerySchema>;
export const googleContactsPageSchema = z.object({
  total: z.number().int(),
  items: z.array(googleContactSchema),
});
export type GoogleContactsPage = z.infer<typeof googleContactsPageSchema>;

/* ------------------------------------------------------------------------------------------ */
/* User list (MiVoice Integration for Google users)                                           */
/* ------------------------------------------------------------------------------------------ */

export const PHONE_TYPES = ['work', 'mobile', 'home'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

/** The columns of the user-list CSV, in the order the export writes them. */
export const USER_LIST_COLUMNS = [
  'primary_email',
  'full_name',
  'given_name',
  'family_name',
  'phone_number',
  'phone_type',
  'mark_as_delete',
  'record_source',
] as const;
export type UserListColumn = (typeof USER_LIST_COLUMNS)[number];
export const USER_LIST_REQUIRED_COLUMNS = [
  'primary_email',
  'phone_number',
] as const satisfies readonly UserListColumn[];

/** Largest user-list file accepted (bytes). */
export const USER_LIST_MAX_BYTES = 25 * 1024 * 1024;
/** Largest localization file accepted (bytes). */
export const LOCALIZATION_MAX_BYTES = 1024 * 1024;

export const mivoiceUserSchema = z.object({
  primaryEmail: z.string(),
  fullName: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  phoneNumber: z.string(),
  phoneType: z.enum(PHONE_TYPES).nullable(),
  recordSource: z.string(),
  updatedAt: z.string(),
});
export type MivoiceUser = z.infer<typeof mivoiceUserSchema>;

/** GET /mivoice/users: filter (e-mail, names, phone) and paging. */
export const mivoiceUsersQuerySchema = z.object(pageQuery);
export type MivoiceUsersQuery = z.infer<typeof mivoiceUsersQuerySchema>;
export const mivoiceUsersPageSchema = z.object({
  total: z.number().int(),
  items: z.array(mivoiceUserSchema),
});
export type MivoiceUsersPage = z.infer<typeof mivoiceUsersPageSchema>;

export const IMPORT_MODES = ['strict', 'skip'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * POST /mivoice/users/import query: strict (default: any bad row → nothing changes) or skip bad
 * rows; dryRun = check only.
 */
export const userListImportQuerySchema = z
  .object({
    mode: z.enum(IMPORT_MODES, { error: 'mode must be strict or skip' }).default('strict'),
    dryRun: z
      .enum(['true', 'false'], { error: 'dryRun must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();
export type UserListImportQuery = z.infer<typeof userListImportQuerySchema>;

/**
 * The file name of an import's validation report: "users.csv" → "users-report.csv" (letters,
 * digits, blanks and . _ - kept, anything else "_"; "import" when nothing is left).
 */
export const importReportFileName = (fileName: string): string =>
  `${
    fileName
      .replace(/\.csv$/i, '')
      .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
      .trim() || 'import'
  }-report.csv`;

/** The problems listed in a user-list import report (the full list: POST /mivoice/users/import/report, CSV). */
export const USER_LIST_REPORTED_ERRORS = 1_000;

/**
 * What is wrong with a row, for the console to say in its own language (the `params` are
 * strings: values as found, cut at 80 characters; numbers as digits).
 * - field_count {fields, delimiter, expected | min, max}: the row has another number of fields than
 *   the header (min–max when the header ends with unnamed columns)
 * - unnamed_cell {field, value}: a value under a header column without a name
 * - required: the cell is empty; too_long {max}
 * - invalid_email, invalid_phone, invalid_phone_type, invalid_mark_as_delete {value}
 * - repeated_phone {value, firstLine, owner?}: the number is on an earlier line of the file
 * - owned_by_other {value, owner}: the number belongs to another e-mail in the stored list
 * - deleted_by_other {value, owner, email}: mark_as_delete=yes on another e-mail's number
 */
export const IMPORT_ROW_ERROR_CODES = [
  'field_count',
  'unnamed_cell',
  'required',
  'too_long',
  'invalid_email',
  'invalid_phone',
  'invalid_phone_type',
  'invalid_mark_as_delete',
  'repeated_phone',
  'owned_by_other',
  'deleted_by_other',
] as const;
export type ImportRowErrorCode = (typeof IMPORT_ROW_ERROR_CODES)[number];

/** A bad row: its line in the file (the header is line 1; a quoted field over several lines counts them all). */
export const importRowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.enum(IMPORT_ROW_ERROR_CODES),
  params: z.record(z.string(), z.string()),
  /** The same in English (the API's and the CSV report's text). */
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

/**
 * Why a whole import is refused although its rows may be good — stored_limit {max, current, after}:
 * it would leave `after` phone numbers stored, more than `max` (USER_LIST_MAX_STORED) and more than
 * the `current` list. Params are digits.
 */
export const userListLimitIssueSchema = z.object({
  code: z.literal('stored_limit'),
  params: z.object({ max: z.string(), current: z.string(), after: z.string() }),
  /** The same in English. */
  message: z.string(),
});
export type UserListLimitIssue = z.infer<typeof userListLimitIssueSchema>;

/** The validation report of a user-list import (SPEC §10 fields, and more). */
export const userListImportReportSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  /** Rows identical to what is stored. */
  unchanged: z.number().int(),
  /**
   * The problems found, in file order (line, then column): the first USER_LIST_REPORTED_ERRORS.
   * A row may have several (one per bad cell). POST /mivoice/users/import/report gives them all as CSV.
   */
  errors: z.array(importRowErrorSchema),
  /** How many problems there are in all (may exceed errors.length). */
  errorCount: z.number().int(),
  /** How many rows have at least one problem: the rows a "skip bad rows" import leaves out. */
  badRows: z.number().int(),
  /** Whether errors holds only the first ones (errorCount > errors.length). */
  errorsTruncated: z.boolean(),
  /** Data rows read (blank lines not counted). */
  rows: z.number().int(),
  dryRun: z.boolean(),
  mode: z.enum(IMPORT_MODES),
  /** Whether the stored list was changed by this request. */
  applied: z.boolean(),
  /**
   * Set when the file would take the list over its maximum (USER_LIST_MAX_STORED): then nothing is
   * applied, in either mode; a dry run says so in advance.
   */
  limitExceeded: userListLimitIssueSchema.nullable(),
  /** What was detected: the delimiter and the encoding. */
  delimiter: z.enum([',', ';', '\t']),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be']),
});
export type UserListImportReport = z.infer<typeof userListImportReportSchema>;

/* ------------------------------------------------------------------------------------------ */
/* Localization                                                                               */
/* ------------------------------------------------------------------------------------------ */

export const LOCALIZATION_APPS = ['google', 'salesforce'] as const;
export type LocalizationApp = (typeof LOCALIZATION_APPS)[number];
/** The application names of the file-name rule: `MiVoice Integration for Google_xx.csv`. */
export const LOCALIZATION_APP_NAMES: Record<LocalizationApp, string> = {
  google: 'MiVoice Integration for Google',
  salesforce: 'MiVoice Integration for Salesforce',
};

/** Appendix B: the languages a localization file may carry (codes lower-case; matched case-insensitively). */
export const LANGUAGES = [
  { code: 'zh-cn', name: 'Chinese (Simplified)' },
  { code: 'zh-tw', name: 'Chinese (Traditional)' },
  { code: 'da', name: 'Danish' },
  { code: 'nl', name: 'Dutch' },
  { code: 'en', name: 'English' },
  { code: 'fi', name: 'Finnish' },
  { code: 'fr', name: 'French' },
  { code: 'de', name: 'German' },
  { code: 'it', name: 'Italian' },
  { code: 'ja', name: 'Japanese' },
  { code: 'ko', name: 'Korean' },
  { code: 'nb', name: 'Norwegian Bokmål' },
  { code: 'pt-pt', name: 'Portuguese (Portugal)' },
  { code: 'pt-br', name: 'Portuguese (Brazil)' },
  { code: 'ru', name: 'Russian' },
  { code: 'es', name: 'Spanish' },
  { code: 'sv', name: 'Swedish' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as unknown as readonly [
  LanguageCode,
  ...LanguageCode[],
];

/** The two columns of a localization file. */
export const LOCALIZATION_COLUMNS = ['messageKey', 'languageValue'] as const;

/** `{app}` and `{lang}` path parameters (lang case-insensitive). */
export const localizationAppSchema = z.enum(LOCALIZATION_APPS, {
  error: 'Application must be google or salesforce',
});
export const languageCodeSchema = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(
    z.enum(LANGUAGE_CODES, { error: `Language must be one of ${LANGUAGES.map((l) => l.code).join(', ')}` }),
  );

/** One language of one application: how complete it is. English is built in (Appendix A). */
export const localizationLanguageSchema = z.object({
  code: z.enum(LANGUAGE_CODES),
  name: z.string(),
  /**
   * Of the application's keys (`total`, its English set): those whose stored value differs from
   * English (`translated`), those stored with the English text unchanged (`sameAsEnglish`), and
   * those not stored (`missing`, shown in English); the three add up to `total`. English is the
   * imported `en` where it has the key, else the built-in text. Built-in English: all translated.
   */
  translated: z.number().int(),
  sameAsEnglish: z.number().int(),
  missing: z.number().int(),
  total: z.number().int(),
  /** Built-in English (not imported; cannot be deleted). */
  builtIn: z.boolean(),
  importedAt: z.string().nullable(),
  importedBy: z.string().nullable(),
  fileName: z.string().nullable(),
});
export type LocalizationLanguage = z.infer<typeof localizationLanguageSchema>;

/** GET /mivoice/localization: the languages of each application. */
export const localizationOverviewSchema = z.object({
  applications: z.array(
    z.object({
      application: z.enum(LOCALIZATION_APPS),
      fileNamePrefix: z.string(),
      languages: z.array(localizationLanguageSchema),
    }),
  ),
});
export type LocalizationOverview = z.infer<typeof localizationOverviewSchema>;

export const localizationIssueSchema = z.object({
  /** Line in the file (header = 1); null for a missing key. */
  line: z.number().int().nullable(),
  key: z.string().nullable(),
  kind: z.enum([
    'unknown_key',
    'duplicate_key',
    'missing_key',
    'placeholder_mismatch',
    'empty_value',
    'bad_row',
  ]),
  /**
   * For the console to say it in its own language (strings): unknown_key {application};
   * duplicate_key {firstLine}; missing_key {english}; placeholder_mismatch {english, expected,
   * found} (placeholders joined with ", ", empty for none); bad_row {found}; empty_value {}.
   */
  params: z.record(z.string(), z.string()),
  /** The same in English. */
  message: z.string(),
});
export type LocalizationIssue = z.infer<typeof localizationIssueSchema>;

/**
 * POST /mivoice/localization/import: errors refuse the whole file (nothing stored); warnings
 * (missing keys, which fall back to English) do not.
 */
export const localizationImportReportSchema = z.object({
  application: z.enum(LOCALIZATION_APPS),
  language: z.enum(LANGUAGE_CODES),
  fileName: z.string(),
  stored: z.boolean(),
  /** The file's good rows whose value differs from English / equals it (as in the overview). */
  translated: z.number().int(),
  sameAsEnglish: z.number().int(),
  total: z.number().int(),
  /** The errors in file order: the first 1,000 (see errorCount). */
  errors: z.array(localizationIssueSchema),
  /** How many errors there are in all (may exceed errors.length). */
  errorCount: z.number().int(),
  /** Whether errors holds only the first ones (errorCount > errors.length). */
  errorsTruncated: z.boolean(),
  warnings: z.array(localizationIssueSchema),
});
export type LocalizationImportReport = z.infer<typeof localizationImportReportSchema>;

/** Public: GET /mitel/oig/rest/resources/v1/localization/{app}/{lang} → every key, English where not translated. */
export const localizationStringsSchema = z.record(z.string(), z.string());
export type LocalizationStrings = z.infer<typeof localizationStringsSchema>;
