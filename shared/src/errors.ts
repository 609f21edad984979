import { z } from 'zod';
import type { CsvReadErrorCode } from './csv/error.js';
import { OPEN_MEDIA_REASONS } from './open-media.js';

/** Stable error codes of the admin API; each maps to one HTTP status on the server. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  /** A peer we depend on (e.g. the Mitel Certificate Server) failed or timed out. */
  'upstream_failed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Every `reason` the admin API sends, in an error (`error.reason`) or for one field
 * (`error.fieldReasons[path].reason`, beside the generic VALIDATION_CODES of a failed schema).
 * Each comment names the params the reason comes with (all strings); the console says each in its
 * language (`common:serverErrors.<reason>`), the server's `message` stays English.
 */
export const ERROR_REASONS = [
  // --- The HTTP layer
  /** {} A body that is not JSON where JSON is expected (Content-Type). */
  'json_content_type_required',
  /** {detail} The body is not valid JSON (detail: the parser's English words). */
  'malformed_json',
  /** {limit} The body is larger than `limit` bytes. */
  'body_too_large',
  /** {} The body's encoding or charset is not supported. */
  'unsupported_encoding',
  /** {} The client stopped sending the body. */
  'request_aborted',
  /** {} Any other refusal of the HTTP layer. */
  'bad_request',
  /** {method, path} No endpoint answers this method and path. */
  'endpoint_not_found',
  /** {} The database is busy (a lock, a deadlock): try again in a moment. */
  'database_busy',
  /** {} An unexpected failure (the server log says more). */
  'internal_error',
  /** {} No (or an expired) console session. */
  'sign_in_required',
  /** {} The X-CSRF-Token header is missing or wrong. */
  'csrf_token_invalid',
  /** {} The action needs the administrator role. */
  'administrator_required',
  /** {field} The file of a multipart upload is missing (also its field's reason). */
  'file_required',
  /** {maxMegabytes} The uploaded file is larger than the limit (also its field's reason). */
  'file_too_large',
  /** {field} More than one file, or other parts besides it (also its field's reason). */
  'exactly_one_file',
  /** {detail} The multipart body cannot be read (also its field's reason). */
  'upload_unreadable',
  /** {name} The uploaded file is empty (also its field's reason). */
  'file_empty',
  // --- A body, query or path that fails its schema (fieldReasons: VALIDATION_CODES)
  /** {field} A value is not valid: `field` is the path of the first (its fieldReason says why). */
  'invalid_input',
  /** {fields} Keys that are not fields of the element (comma-separated); each field: `not_a_field`. */
  'unknown_fields',
  /** {} (field) Not a field of this kind of element. */
  'not_a_field',
  /** {} (field) A custom refinement: the new password is the current one. */
  'sameAsCurrent',
  /** {} (field) A custom refinement: the codes do not match the terms of the live-list query. */
  'codes_mismatch',
  /** {} (field) A custom refinement: give either session IDs or a filter, not both. */
  'ids_or_filter',
  // --- Console sign-in, password and users
  /** {} Wrong user name or password (or a disabled user). */
  'invalid_credentials',
  /** {minutes} Too many failed attempts: try again in `minutes` minutes. */
  'too_many_failures',
  /** {} The current password is wrong (also the field's reason). */
  'wrong_current_password',
  /** {username} No such console user. */
  'console_user_not_found',
  /** {username} The user name is taken; its field: `already_taken`. */
  'username_taken',
  /** {} (field) This value is already taken. */
  'already_taken',
  /** {} An administrator cannot disable themselves (also the field's reason). */
  'cannot_disable_self',
  /** {} An administrator cannot change their own role (also the field's reason). */
  'cannot_change_own_role',
  /** {username} The last enabled administrator must remain one (also the fields' reason). */
  'last_administrator',
  /** {username} The user has no lock to lift. */
  'user_not_locked',
  // --- Live sessions
  /** {} No such session (or a malformed ID). */
  'session_not_found',
  /** {} No such session: it may have ended already. */
  'session_ended',
  /** {max} More search terms than `max`. */
  'too_many_terms',
  /** {max} A search term longer than `max` characters. */
  'term_too_long',
  /** {} A blank search term. */
  'empty_term',
  /** {value?} A status code that is not one (value: the code given, when known). */
  'unknown_code',
  /** {max} A codes parameter longer than `max` characters. */
  'codes_too_long',
  /** {allowed} A sort column not in `allowed`. */
  'unknown_sort',
  /** {allowed} An order not in `allowed`. */
  'unknown_order',
  /** {field, min, max} A number out of its range. */
  'out_of_range',
  // --- Application accounts and the Access Control List
  /** {application, company} The application has no local password; its field: `has_no_local_password`. */
  'no_local_password',
  /** {} (field) The application has no local password. */
  'has_no_local_password',
  /** {application, company} The application is not in the ACL; its field: `not_in_acl`. */
  'application_not_in_acl',
  /** {} (field) Not in the Access Control List. */
  'not_in_acl',
  /** {application} The application has a local password already; its field: `has_local_password`. */
  'local_password_exists',
  /** {} (field) The application already has a local password. */
  'has_local_password',
  /** {source} No Mitel Certificate Server is configured; the list from `source` stays in use. */
  'mcs_not_configured',
  /** {url, detail, source} The MCS could not give the list; the list from `source` stays in use. */
  'mcs_fetch_failed',
  // --- Network elements
  /** {ipAddress} Another network element has this IP address; its field: `ip_address_taken`. */
  'ip_address_in_use',
  /** {} (field) Already used by another network element. */
  'ip_address_taken',
  /** {} Only one MiContact Center network element is allowed (also the field's reason). */
  'micc_exists',
  /** {max} At most `max` MiVoice Business network elements (also the field's reason). */
  'mivb_limit',
  /** {id} No such network element. */
  'network_element_not_found',
  /** {type} The type in the path is neither mivb nor micc; its field: `unknown_type`. */
  'unknown_network_element_type',
  /** {} (field) Must be mivb or micc. */
  'unknown_type',
  /** {} An Open Media password without a logon ID (also the field's reason). */
  'password_needs_logon_id',
  /** {} An empty logon ID with a password (also the field's reason). */
  'empty_logon_id_with_password',
  /** {} The MiCC's address or transport changed: type its password again (also the field's reason). */
  'password_again',
  // --- Open Media (a request's `problem` too)
  ...OPEN_MEDIA_REASONS,
  /** {} The queue start time is in the future (also the field's reason). */
  'queue_start_in_future',
  // --- Mail and usage reports
  /** {field} A mail header field holds a line break (also the field's reason). */
  'line_breaks_not_allowed',
  /** {} No such message in the outbox. */
  'outbox_message_not_found',
  /** {state} Only a failed message can be retried. */
  'retry_only_failed',
  /** {state} Only a queued or failed message can be discarded. */
  'discard_only_pending',
  /** {month} The month has not begun; its field: `month_in_future`. */
  'month_not_begun',
  /** {} (field) Choose the current month or an earlier one. */
  'month_in_future',
  /** {month} A report to send again is of the current month, not over yet (also the field's reason). */
  'usage_month_not_over',
  /** {month, latest} A report to send again is of a month to come; `latest` is the newest allowed. */
  'usage_month_in_future',
  /** {month, oldest, days} The history (kept `days` days) no longer holds `month` whole. */
  'usage_month_too_old',
  /** {} No usage report e-mail address is set; its field: `not_set`. */
  'usage_report_email_not_set',
  /** {} (field) Not set yet. */
  'not_set',
  // --- MiVoice
  /** {} The MiVoice administrator e-mail is not set; its field: `not_set`. */
  'admin_email_not_set',
  /** {fields} Google settings to save before a sync (comma-separated field names); each: `not_set`. */
  'google_settings_missing',
  /** {detail} Google refused or failed the sync (detail: English, as Google's error says it). */
  'google_sync_failed',
  /** {count} The contacts read could not be stored (the database is busy); the cache is kept. */
  'google_contacts_busy',
  /** {count} The contacts read could not be stored (a database error); the cache is kept. */
  'google_contacts_not_stored',
  /** {detail} The service-account key is not usable (also the field's reason; detail: English). */
  'service_account_key_invalid',
  /** {app, allowed} No such localization application. */
  'unknown_application',
  /** {language, allowed} No such language code. */
  'unknown_language',
  /** {app} English is built in and cannot be deleted. */
  'english_built_in',
  /** {code, language, app} The language is not imported for the application. */
  'language_not_imported',
  /** {} The localization file has no strings after its header; its field: `no_strings`. */
  'localization_no_strings',
  /** {} (field) No strings after the header. */
  'no_strings',
  /** {expected, name} The localization file's name is not `expected` (also the field's reason). */
  'localization_file_name',
  /** {app} The localization file's name does not end with .csv (also the field's reason). */
  'localization_file_extension',
  /** {code, allowed} The file name's language code is not one (also the field's reason). */
  'localization_file_language',
  /** {header} Line 1 is not the localization header (also the field's reason). */
  'localization_header',
  // --- An uploaded CSV file as a whole (CsvReadError codes; also the `file` field's reason)
  /** {} An Excel workbook or a ZIP archive, not a CSV file. */
  'csv_not_csv',
  /** {encoding} A UTF-16 byte-order mark but an odd length. */
  'csv_utf16_odd_length',
  /** {line, encoding} A UTF-16 byte-order mark but an unpaired surrogate on `line`. */
  'csv_utf16_lone_surrogate',
  /** {line} A NUL byte on `line`. */
  'csv_nul',
  /** {line, byte} Line `line` is not UTF-8 (at byte 0x`byte`). */
  'csv_not_utf8',
  /** {lines, max} More than `max` lines. */
  'csv_too_many_lines',
  /** {line} A quoted field is not closed on `line`. */
  'csv_quote_not_closed',
  /** {line} Text after a closing quote on `line`. */
  'csv_text_after_quote',
  /** {line, max} More than `max` fields on `line`. */
  'csv_too_many_fields',
  /** {line, columns, max} A header of `columns` columns, more than `max`. */
  'csv_too_many_columns',
  /** {} No header row. */
  'csv_no_header',
  /** {line} A header with unknown, unnamed, duplicate or missing columns. */
  'csv_wrong_header',
  // --- Configuration backup and restore
  /** {} The uploaded file is not an OIG configuration backup (also the `file` field's reason). */
  'backup_not_a_backup',
  /** {} The backup file's header is cut off or unreadable. */
  'backup_damaged',
  /** {} The passphrase is wrong, or the file was altered or cut off (the cipher cannot tell which). */
  'backup_wrong_passphrase',
  /** {version, supported} The backup was written by a newer product (format `version`). */
  'backup_newer_format',
  /** {problem} The backup decrypts but its content is not a valid configuration (BACKUP_PROBLEMS). */
  'backup_content_invalid',
  /** {} The backup has no enabled administrator: restoring it would leave nobody to sign in. */
  'backup_no_administrator',
  /** {} The file's scrypt cost is not one this product writes (p = 1, N·r at most 2^21): refused before any work. */
  'backup_unsupported_kdf',
  /** {} A restore or dry run is already running in this process (one at a time): try again when it ends. */
  'backup_busy',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/**
 * The params the console's text of each reason names (every one its comment above names, but an
 * optional one, or one that is for the log: a multipart field's name, an ID, an English name).
 */
export const ERROR_REASON_PARAMS: { readonly [R in ErrorReason]: readonly string[] } = {
  json_content_type_required: [],
  malformed_json: ['detail'],
  body_too_large: ['limit'],
  unsupported_encoding: [],
  request_aborted: [],
  bad_request: [],
  endpoint_not_found: ['method', 'path'],
  database_busy: [],
  internal_error: [],
  sign_in_required: [],
  csrf_token_invalid: [],
  administrator_required: [],
  file_required: [],
  file_too_large: ['maxMegabytes'],
  exactly_one_file: [],
  upload_unreadable: ['detail'],
  file_empty: ['name'],
  invalid_input: ['field'],
  unknown_fields: ['fields'],
  not_a_field: [],
  sameAsCurrent: [],
  codes_mismatch: [],
  ids_or_filter: [],
  invalid_credentials: [],
  too_many_failures: ['minutes'],
  wrong_current_password: [],
  console_user_not_found: ['username'],
  username_taken: ['username'],
  already_taken: [],
  cannot_disable_self: [],
  cannot_change_own_role: [],
  last_administrator: ['username'],
  user_not_locked: ['username'],
  session_not_found: [],
  session_ended: [],
  too_many_terms: ['max'],
  term_too_long: ['max'],
  empty_term: [],
  unknown_code: [],
  codes_too_long: ['max'],
  unknown_sort: ['allowed'],
  unknown_order: ['allowed'],
  out_of_range: ['field', 'min', 'max'],
  no_local_password: ['application', 'company'],
  has_no_local_password: [],
  application_not_in_acl: ['application', 'company'],
  not_in_acl: [],
  local_password_exists: ['application'],
  has_local_password: [],
  mcs_not_configured: ['source'],
  mcs_fetch_failed: ['url', 'detail', 'source'],
  ip_address_in_use: ['ipAddress'],
  ip_address_taken: [],
  micc_exists: [],
  mivb_limit: ['max'],
  network_element_not_found: [],
  unknown_network_element_type: ['type'],
  unknown_type: [],
  password_needs_logon_id: [],
  empty_logon_id_with_password: [],
  password_again: [],
  micc_not_configured: [],
  micc_unreachable: ['address'],
  micc_timeout: ['address'],
  micc_bad_answer: [],
  micc_invalid_user: [],
  micc_no_license: [],
  micc_router_disconnected: [],
  micc_invalid_data: [],
  micc_fault: [],
  too_many_requests: ['max'],
  request_not_found: ['openMediaId'],
  request_terminated: ['openMediaId'],
  group_closed: ['serviceGroup'],
  group_invalid: ['serviceGroup'],
  tenant_disabled: [],
  preferred_agent_logged_off: [],
  general_error: [],
  cancel_refused: ['openMediaId'],
  modify_refused: ['openMediaId'],
  options_refused: [],
  queue_start_in_future: [],
  line_breaks_not_allowed: ['field'],
  outbox_message_not_found: [],
  retry_only_failed: ['state'],
  discard_only_pending: ['state'],
  month_not_begun: ['month'],
  month_in_future: [],
  usage_month_not_over: ['month'],
  usage_month_in_future: ['month', 'latest'],
  usage_month_too_old: ['month', 'oldest', 'days'],
  usage_report_email_not_set: [],
  not_set: [],
  admin_email_not_set: [],
  google_settings_missing: ['fields'],
  google_sync_failed: ['detail'],
  google_contacts_busy: ['count'],
  google_contacts_not_stored: ['count'],
  service_account_key_invalid: ['detail'],
  unknown_application: ['app', 'allowed'],
  unknown_language: ['language', 'allowed'],
  english_built_in: ['app'],
  language_not_imported: ['code', 'app'],
  localization_no_strings: [],
  no_strings: [],
  localization_file_name: ['expected', 'name'],
  localization_file_extension: ['app'],
  localization_file_language: ['code', 'allowed'],
  localization_header: ['header'],
  csv_not_csv: [],
  csv_utf16_odd_length: ['encoding'],
  csv_utf16_lone_surrogate: ['line', 'encoding'],
  csv_nul: ['line'],
  csv_not_utf8: ['line', 'byte'],
  csv_too_many_lines: ['lines', 'max'],
  csv_quote_not_closed: ['line'],
  csv_text_after_quote: ['line'],
  csv_too_many_fields: ['line', 'max'],
  csv_too_many_columns: ['line', 'columns', 'max'],
  csv_no_header: [],
  csv_wrong_header: ['line'],
  backup_not_a_backup: [],
  backup_damaged: [],
  backup_wrong_passphrase: [],
  backup_newer_format: ['version', 'supported'],
  backup_content_invalid: ['problem'],
  backup_no_administrator: [],
  backup_unsupported_kdf: [],
  backup_busy: [],
};

/** The reason of a CsvReadError answered by the server. */
export const csvReadReason = (code: CsvReadErrorCode): ErrorReason & `csv_${string}` => `csv_${code}`;

const paramsSchema = z.record(z.string(), z.string());

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** Per-field messages (English), keyed by the dotted path of the field. */
    fields: z.record(z.string(), z.string()).optional(),
    /**
     * Why each field of `fields` failed: a generic validation code (VALIDATION_CODES), a custom
     * refinement's code, or one of ERROR_REASONS; with the values its message names.
     */
    fieldReasons: z
      .record(z.string(), z.object({ reason: z.string(), params: paramsSchema.optional() }))
      .optional(),
    /**
     * A finer, stable reason within `code` (one of ERROR_REASONS, e.g. `group_closed`) and the
     * values its message names, so the console can say it in its own language; `message` is the
     * English text. A plain string: a console older than its server still reads the answer.
     */
    reason: z.string().optional(),
    params: paramsSchema.optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
