import type { ColumnType } from 'kysely';

/** Table shapes as Kysely sees them. Times are epoch milliseconds; booleans are 0/1. */
export interface ConsoleUsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: 'administrator' | 'support';
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface ConsoleSessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface AccountsTable {
  company_name: string;
  application_name: string;
  local_password_hash: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface AppSessionsTable {
  handle: string;
  token_hash: string;
  token_last4: string;
  company_name: string;
  application_name: string;
  service_type: 'standard' | 'advanced';
  protocol: 'soap' | 'rest';
  client_address: string;
  created_at: number;
  last_activity_at: number;
  keepalive_ms: number;
  /** JSON array of the license types this session holds. */
  licenses: string;
  challenge: string | null;
  challenge_expires_at: number | null;
  certificate_pem: string | null;
  /**
   * Application, company, client address and "…" + last four digits of the session id, lower-cased
   * (JavaScript's toLowerCase) and joined by line breaks: what a filter term is looked for in
   * (migration 0012; written at login, optional on insert for rows written directly by tests).
   */
  search_text: ColumnType<string, string | undefined, string>;
}

/** An ended session: what it was (without its secrets), plus when and why it ended. */
export interface SessionHistoryTable extends Omit<
  AppSessionsTable,
  'token_hash' | 'keepalive_ms' | 'challenge' | 'challenge_expires_at' | 'certificate_pem' | 'search_text'
> {
  ended_at: number;
  end_reason: string;
}

export interface LicenseUsageTable {
  license_type: string;
  used: number;
}

export interface NetworkElementsTable {
  id: string;
  type: 'mivb' | 'micc';
  setup: 'default' | 'custom';
  ip_address: string;
  version: string | null;
  /** JSON object of the custom settings (only for setup = custom). */
  settings: string | null;
  status: 'reachable' | 'unreachable' | 'unknown';
  /** Why the last probe failed; null when reachable or never probed (migration 0002). */
  status_detail: string | null;
  /**
   * JSON { code, params, text }: status_detail as a code (PROBE_REASONS) and params, `text` the
   * status_detail it was written with (migration 0013; optional on insert, null before).
   */
  status_reason: ColumnType<string | null, string | null | undefined, string | null>;
  last_checked_at: number | null;
  created_at: number;
  updated_at: number;
  /** The MiCC's Open Media credentials (migration 0006); null without authentication. */
  open_media_logon_id: string | null;
  open_media_password: string | null;
}

/** Small persisted settings (Options, network-element defaults, the fetched ACL): JSON values by key. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor: string;
  actor_role: string;
  address: string | null;
  action: string;
  target: string;
  /** JSON objects with secrets masked, or null. */
  before: string | null;
  after: string | null;
}

/** 'saved': written as an .eml file (no SMTP server configured), not e-mailed (migration 0008). */
export type MailState = 'queued' | 'sending' | 'sent' | 'saved' | 'failed' | 'discarded';

/**
 * The mail outbox (migration 0003): every message, from enqueue to sent | saved | failed | discarded.
 * While 'sending', next_attempt_at is the end of the sender's lease (see mail.repo.ts).
 */
export interface MailOutboxTable {
  id: string;
  /** Message-ID header, generated at enqueue and kept on every attempt. */
  message_id: string;
  kind: string;
  /** Unique when set: enqueueing the same key again returns the existing row. */
  idempotency_key: string | null;
  from_address: string;
  /** JSON array of addresses. */
  to_addresses: string;
  subject: string;
  html: string | null;
  text_body: string | null;
  /** JSON object of extra header values, or null. */
  headers: string | null;
  /**
   * JSON array of { filename, contentType, size, parts } (content in mail_attachment_parts,
   * migration 0011), or null. Rows enqueued before 0011: { filename, contentType, contentBase64 }.
   */
  attachments: string | null;
  state: MailState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  /**
   * JSON { code, params, text }: last_error as a code (MAIL_DELIVERY_ERRORS) and params, `text` the
   * last_error it was written with (migration 0013; null before).
   */
  last_error_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON: the values the console says the subject with (see MAIL_KINDS; migration 0013; null before). */
  subject_params: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: number;
  updated_at: number;
  /** When it was delivered: accepted by the SMTP server (sent) or written to its file (saved). */
  sent_at: number | null;
  /** The .eml file's name in `<dataDir>/outbox` (state 'saved'), else null (migration 0008). */
  file_name: string | null;
}

/**
 * An attachment's content in order (migration 0011): part `part` of attachment `attachment` (both
 * from 0) of message `mail_id`, at most MAIL_PART_BYTES. Deleted with its message (ON DELETE CASCADE).
 */
export interface MailAttachmentPartsTable {
  mail_id: string;
  attachment: number;
  part: number;
  bytes: Uint8Array;
}

/**
 * Usage of one finished day, written once when the day is over (SPEC §5): the peak of each
 * license counter (subject_kind 'counter'), and each application's sessions and peak
 * concurrent sessions (subject_kind 'application', subject `appKey(company, application)`). A row
 * with subject_kind 'day' marks the day as recorded (also when nothing was used).
 */
export interface UsageDailyTable {
  time_zone: string;
  day: string;
  subject_kind: 'day' | 'counter' | 'application';
  subject: string;
  peak: number;
  peak_at: number | null;
  sessions: number;
}

/** Months the monthly usage report scheduler has handled (one row each, across processes). */
export interface UsageReportRunsTable {
  month: string;
  outcome: 'queued' | 'skipped';
  mail_id: string | null;
  handled_at: number;
}

/**
 * MiVoice Integration for Google users (the user list of the MiVoice tab). `phone_key` is the
 * phone number without blanks, dots, dashes or parentheses: a number is owned by one e-mail.
 * `email_key` is the e-mail in lower case.
 */
export interface MivoiceUsersTable {
  phone_key: string;
  phone_number: string;
  primary_email: string;
  email_key: string;
  full_name: string;
  given_name: string;
  family_name: string;
  phone_type: 'work' | 'mobile' | 'home' | null;
  record_source: string;
  updated_at: number;
}

/** The local cache of the Google corporate directory (replaced as a whole by each successful sync). */
export interface GoogleContactsTable {
  id: string;
  primary_email: string;
  full_name: string;
  given_name: string;
  family_name: string;
  /** JSON: [{ value, type }]. */
  phones: string;
  synced_at: number;
}

/** Imported languages of the MiVoice Integration applications (English is built in, not stored). */
export interface LocalizationLanguagesTable {
  application: 'google' | 'salesforce';
  language: string;
  file_name: string;
  imported_at: number;
  imported_by: string;
}

export interface LocalizationStringsTable {
  application: 'google' | 'salesforce';
  language: string;
  message_key: string;
  value: string;
}

/**
 * A failure counter of a throttle (migration 0007): `points` failures (or attempts under way) of
 * `key` within the window ending at `expires_at`. `subject` names what a lock concerns when the
 * console shows it (the lower-case console user name for the per-user sign-in throttle).
 */
export interface ThrottleCountersTable {
  scope: string;
  key: string;
  subject: string | null;
  points: number;
  expires_at: number;
}

/**
 * A refused application login (migration 0014): `attempts` identical refusals written together,
 * the first at `at`, the last at `last_at`. Never the password tried.
 */
export interface RefusedLoginsTable {
  id: string;
  at: number;
  last_at: number;
  attempts: number;
  company_name: string;
  application_name: string;
  protocol: 'soap' | 'rest';
  client_address: string;
  reason: string;
  license: string | null;
  detail: string | null;
}

export interface Database {
  refused_logins: RefusedLoginsTable;
  throttle_counters: ThrottleCountersTable;
  mivoice_users: MivoiceUsersTable;
  google_contacts: GoogleContactsTable;
  localization_languages: LocalizationLanguagesTable;
  localization_strings: LocalizationStringsTable;
  usage_daily: UsageDailyTable;
  usage_report_runs: UsageReportRunsTable;
  console_users: ConsoleUsersTable;
  console_sessions: ConsoleSessionsTable;
  accounts: AccountsTable;
  app_sessions: AppSessionsTable;
  session_history: SessionHistoryTable;
  license_usage: LicenseUsageTable;
  network_elements: NetworkElementsTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  mail_attachment_parts: MailAttachmentPartsTable;
}
