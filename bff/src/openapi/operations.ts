import {
  accountListSchema,
  accountSchema,
  aclResponseSchema,
  auditPageSchema,
  auditQuerySchema,
  logsPageSchema,
  logsQuerySchema,
  changeLocalPasswordRequestSchema,
  changeOwnPasswordRequestSchema,
  consoleUserListSchema,
  consoleUserSchema,
  createAccountRequestSchema,
  createUserRequestSchema,
  liveSessionListSchema,
  liveSessionsQuerySchema,
  refusedLoginPageSchema,
  refusedLoginsQuerySchema,
  loginRequestSchema,
  mailSettingsSchema,
  outboxMessageSchema,
  outboxPageSchema,
  outboxQuerySchema,
  testMailRequestSchema,
  testMailResponseSchema,
  updateMailSettingsRequestSchema,
  meSchema,
  sessionProbeSchema,
  miccSettingsSchema,
  mivbSettingsSchema,
  networkElementInputSchema,
  networkElementListSchema,
  networkElementSchema,
  openMediaIdSchema,
  optionsSchema,
  sendUsageReportRequestSchema,
  sendUsageReportResponseSchema,
  usageDailyQuerySchema,
  usageDailySchema,
  usageReportQuerySchema,
  usageReportSchema,
  usageReportStatusSchema,
  googleContactsPageSchema,
  googleContactsQuerySchema,
  googleDirectorySchema,
  LANGUAGE_CODES,
  localizationAppSchema,
  localizationImportReportSchema,
  localizationOverviewSchema,
  mivoiceEmailResponseSchema,
  mivoiceSettingsSchema,
  mivoiceUsersPageSchema,
  mivoiceUsersQuerySchema,
  updateGoogleDirectoryRequestSchema,
  updateMivoiceSettingsRequestSchema,
  userListImportQuerySchema,
  userListImportReportSchema,
  overviewSchema,
  resetPasswordRequestSchema,
  sessionHistoryListSchema,
  sessionHistoryQuerySchema,
  terminateManyRequestSchema,
  terminateResultSchema,
  updateAccountRequestSchema,
  updateOptionsRequestSchema,
  updateUserRequestSchema,
  backupRequestSchema,
  restoreFieldsSchema,
  restoreQuerySchema,
  restoreReportSchema,
} from '@oig/shared';
import { z } from 'zod';
import { OPEN_MEDIA_OPERATIONS } from './open-media.operations.js';

/**
 * Who may call an operation: anyone (sign-in), any signed-in user, any signed-in user on their
 * own behalf (sign-out, own password), or administrators only (every other mutation).
 */
export type Access = 'public' | 'signed-in' | 'self' | 'administrator';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Under /api/v1, in OpenAPI form (`{id}`). */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  /** The body may be left out (its fields are all optional). */
  bodyOptional?: boolean;
  query?: z.ZodObject;
  /** Success status and its JSON body (none for 204 or non-JSON answers). */
  status: number;
  response?: z.ZodType;
  /** Non-JSON success answer, e.g. text/csv. */
  produces?: string;
  /** A multipart/form-data upload: the name of its one file field. */
  upload?: string;
  /** Text fields sent beside the uploaded file (multipart). */
  uploadFields?: z.ZodObject;
  /** Error statuses beyond the usual ones, or a more precise text for one of them. */
  errors?: Record<number, string>;
}

/** Path parameters that are not free text. */
export const PATH_PARAMS: Record<string, z.ZodType> = {
  type: z.enum(['mivb', 'micc']),
  id: z.string().uuid(),
  app: localizationAppSchema,
  lang: z.enum(LANGUAGE_CODES),
  openMediaId: openMediaIdSchema,
};
const mivbOrMiccSettings = z.union([mivbSettingsSchema, miccSettingsSchema]);
const accepted = z.object({ accepted: z.literal(true) });

/** Every operation of the admin API. A test checks this list against the routes the app really serves. */
export const OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/auth/login',
    tag: 'Sign-in',
    summary: 'Sign in; sets the session cookie and returns the CSRF token',
    access: 'public',
    body: loginRequestSchema,
    status: 200,
    response: meSchema,
  },
  {
    method: 'get',
    path: '/auth/me',
    tag: 'Sign-in',
    summary: 'The signed-in user (restores the console after a reload)',
    access: 'signed-in',
    status: 200,
    response: meSchema,
  },
  {
    method: 'get',
    path: '/auth/session',
    tag: 'Sign-in',
    summary:
      'Whether there is a console session: 200 either way, {signedIn:false} and nothing else without ' +
      "one, {signedIn:true, me} with one (the console's first load; /auth/me answers 401 without one)",
    access: 'public',
    status: 200,
    response: sessionProbeSchema,
  },
  { method: 'post', path: '/auth/logout', tag: 'Sign-in', summary: 'Sign out', access: 'self', status: 204 },
  {
    method: 'post',
    path: '/auth/password',
    tag: 'Sign-in',
    summary: 'Change your own password (needs the current one); your other console sessions end',
    access: 'self',
    body: changeOwnPasswordRequestSchema,
    status: 204,
  },

  {
    method: 'get',
    path: '/overview',
    tag: 'Overview',
    summary: 'Counts, version and licensing',
    access: 'signed-in',
    status: 200,
    response: overviewSchema,
  },

  {
    method: 'get',
    path: '/acl',
    tag: 'Application Accounts',
    summary: 'The Access Control List in use, its source and time',
    access: 'signed-in',
    status: 200,
    response: aclResponseSchema,
  },
  {
    method: 'post',
    path: '/acl/refresh',
    tag: 'Application Accounts',
    summary:
      'Get the latest application list from the Mitel Certificate Server (502 keeps the previous list)',
    access: 'administrator',
    status: 200,
    response: aclResponseSchema,
  },
  {
    method: 'get',
    path: '/accounts',
    tag: 'Application Accounts',
    summary: 'Allowed applications (those with a local password)',
    access: 'signed-in',
    status: 200,
    response: accountListSchema,
  },
  {
    method: 'post',
    path: '/accounts',
    tag: 'Application Accounts',
    summary: 'Create an application local password',
    access: 'administrator',
    body: createAccountRequestSchema,
    status: 201,
    response: accountSchema,
  },
  {
    method: 'put',
    path: '/accounts/{companyName}/{applicationName}/password',
    tag: 'Application Accounts',
    summary: 'Change the local password (current sessions continue)',
    access: 'administrator',
    body: changeLocalPasswordRequestSchema,
    status: 200,
    response: accountSchema,
  },
  {
    method: 'patch',
    path: '/accounts/{companyName}/{applicationName}',
    tag: 'Application Accounts',
    summary: 'Disable (refuse new logins) or enable',
    access: 'administrator',
    body: updateAccountRequestSchema,
    status: 200,
    response: accountSchema,
  },
  {
    method: 'delete',
    path: '/accounts/{companyName}/{applicationName}',
    tag: 'Application Accounts',
    summary: 'Delete the local password (current sessions continue)',
    access: 'administrator',
    status: 204,
  },

  {
    method: 'get',
    path: '/sessions',
    tag: 'Sessions',
    summary:
      'A page of the live application sessions matching a filter, sorted: repeated `term` (every one must ' +
      'match: application, company, client address or "…" + last four digits of the session id contains it, ' +
      'case-insensitive) each with a `codes` parameter in the same place (comma-separated session types, ' +
      'protocols and license types whose labels contain the term; empty for none); `sort` and `order` (the ' +
      'handle breaks ties, so pages never repeat or skip a row); `offset` and `limit`. `total` counts the ' +
      'matching sessions, `live` every live session. A bad value is a 400 with a `reason` and its `params`',
    access: 'signed-in',
    query: liveSessionsQuerySchema,
    status: 200,
    response: liveSessionListSchema,
  },
  {
    method: 'get',
    path: '/sessions/history',
    tag: 'Sessions',
    summary: 'Ended sessions with their end reason',
    access: 'signed-in',
    query: sessionHistoryQuerySchema,
    status: 200,
    response: sessionHistoryListSchema,
  },
  {
    method: 'get',
    path: '/sessions/history.csv',
    tag: 'Sessions',
    summary:
      'Session history as CSV, in English: type, protocol, end reason and licenses in words, then as codes ' +
      '(Type Code, Protocol Code, End Reason Code, License Codes)',
    access: 'signed-in',
    query: sessionHistoryQuerySchema,
    status: 200,
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/sessions/refused',
    tag: 'Sessions',
    summary:
      'Refused application logins (SOAP and REST), newest first: time, company, application, protocol, ' +
      'client address and reason (never the password tried); identical refusals of one write period are ' +
      'one row with their count (`attempts`). Kept OIG_REFUSED_LOGIN_RETENTION_DAYS days and at most ' +
      'OIG_REFUSED_LOGIN_MAX_ROWS rows',
    access: 'signed-in',
    query: refusedLoginsQuerySchema,
    status: 200,
    response: refusedLoginPageSchema,
  },
  {
    method: 'get',
    path: '/sessions/refused.csv',
    tag: 'Sessions',
    summary:
      'Refused application logins as CSV (the newest 10,000 matching; offset and limit ignored), in ' +
      'English: protocol, reason and license in words, then as codes (Protocol Code, Reason Code, License Code)',
    access: 'signed-in',
    query: refusedLoginsQuerySchema,
    status: 200,
    produces: 'text/csv',
  },
  {
    method: 'post',
    path: '/sessions/terminate',
    tag: 'Sessions',
    summary:
      'Terminate several sessions: the ones named (`ids`), or every session matching `filter` now (same ' +
      'terms and codes as the list; at most 25,000). Answers how many were terminated',
    access: 'administrator',
    body: terminateManyRequestSchema,
    status: 200,
    response: terminateResultSchema,
  },
  {
    method: 'delete',
    path: '/sessions/{id}',
    tag: 'Sessions',
    summary: 'Terminate one session',
    access: 'administrator',
    status: 204,
  },

  {
    method: 'get',
    path: '/network-elements',
    tag: 'Network Elements',
    summary: 'Network elements with reachability',
    access: 'signed-in',
    status: 200,
    response: networkElementListSchema,
  },
  {
    method: 'post',
    path: '/network-elements',
    tag: 'Network Elements',
    summary: 'Add Network Element',
    access: 'administrator',
    body: networkElementInputSchema,
    status: 201,
    response: networkElementSchema,
  },
  {
    method: 'post',
    path: '/network-elements/probe',
    tag: 'Network Elements',
    summary: 'Check reachability of every element now (in the background)',
    access: 'administrator',
    status: 202,
    response: accepted,
  },
  {
    method: 'get',
    path: '/network-elements/defaults/{type}',
    tag: 'Network Elements',
    summary: 'Default values of a type (mivb | micc)',
    access: 'signed-in',
    status: 200,
    response: mivbOrMiccSettings,
  },
  {
    method: 'put',
    path: '/network-elements/defaults/{type}',
    tag: 'Network Elements',
    summary: 'Set Default Values of a type; Default elements follow them',
    access: 'administrator',
    body: mivbOrMiccSettings,
    status: 200,
    response: mivbOrMiccSettings,
  },
  {
    method: 'get',
    path: '/network-elements/{id}',
    tag: 'Network Elements',
    summary: 'One element (a Default element shows the effective values)',
    access: 'signed-in',
    status: 200,
    response: networkElementSchema,
  },
  {
    method: 'put',
    path: '/network-elements/{id}',
    tag: 'Network Elements',
    summary: 'Edit a network element',
    access: 'administrator',
    body: networkElementInputSchema,
    status: 200,
    response: networkElementSchema,
  },
  {
    method: 'delete',
    path: '/network-elements/{id}',
    tag: 'Network Elements',
    summary: 'Delete a network element',
    access: 'administrator',
    status: 204,
  },

  {
    method: 'get',
    path: '/options',
    tag: 'Options',
    summary: 'Logging level, usage-report address, keep-alive limits',
    access: 'signed-in',
    status: 200,
    response: optionsSchema,
  },
  {
    method: 'put',
    path: '/options',
    tag: 'Options',
    summary: 'Change the logging level (applied at once) and/or the usage-report address',
    access: 'administrator',
    body: updateOptionsRequestSchema,
    status: 200,
    response: optionsSchema,
  },
  {
    method: 'get',
    path: '/mail/settings',
    tag: 'Mail',
    summary:
      'Outbound mail server in use (Options tab, OIG_SMTP_URL or none: .eml files); the password is never shown',
    access: 'signed-in',
    status: 200,
    response: mailSettingsSchema,
  },
  {
    method: 'put',
    path: '/mail/settings',
    tag: 'Mail',
    summary:
      'Set the outbound mail server and sender (wins over OIG_SMTP_URL), or { clear: true } to drop it',
    access: 'administrator',
    body: updateMailSettingsRequestSchema,
    status: 200,
    response: mailSettingsSchema,
  },
  {
    method: 'post',
    path: '/mail/test',
    tag: 'Mail',
    summary:
      'Queue a test message to an address (delivered in the background; see the outbox). With no SMTP ' +
      "server it is saved as an .eml file instead (state 'saved', mail.fileName in mail.outboxFolder)",
    access: 'administrator',
    body: testMailRequestSchema,
    status: 202,
    response: testMailResponseSchema,
  },
  {
    method: 'get',
    path: '/mail/outbox',
    tag: 'Mail',
    summary:
      "Outgoing messages, newest first ('saved': written as an .eml file, no SMTP server; see fileName)",
    access: 'signed-in',
    query: outboxQuerySchema,
    status: 200,
    response: outboxPageSchema,
  },
  {
    method: 'post',
    path: '/mail/outbox/{id}/retry',
    tag: 'Mail',
    summary: 'Send a failed message again (409 unless failed)',
    access: 'administrator',
    status: 200,
    response: outboxMessageSchema,
  },
  {
    method: 'post',
    path: '/mail/outbox/{id}/discard',
    tag: 'Mail',
    summary: 'Give up a queued or failed message (409 otherwise)',
    access: 'administrator',
    status: 200,
    response: outboxMessageSchema,
  },
  {
    method: 'get',
    path: '/usage/daily',
    tag: 'Usage',
    summary: 'Peak concurrent use of each license per day, oldest first, today so far last (Overview chart)',
    access: 'signed-in',
    query: usageDailyQuerySchema,
    status: 200,
    response: usageDailySchema,
  },
  {
    method: 'get',
    path: '/usage-report',
    tag: 'Usage',
    summary: 'Usage report address, time zone, next monthly run and the last month handled',
    access: 'signed-in',
    status: 200,
    response: usageReportStatusSchema,
  },
  {
    method: 'get',
    path: '/usage-report/report',
    tag: 'Usage',
    summary: "A month's usage report (the current month: month to date)",
    access: 'signed-in',
    query: usageReportQuerySchema,
    status: 200,
    response: usageReportSchema,
  },
  {
    method: 'get',
    path: '/usage-report/report.csv',
    tag: 'Usage',
    summary: "A month's usage report as the CSV attached to the mail",
    access: 'signed-in',
    query: usageReportQuerySchema,
    status: 200,
    produces: 'text/csv',
  },
  {
    method: 'post',
    path: '/usage-report/send',
    tag: 'Usage',
    summary:
      "Mail the month-to-date usage report, or a past month's as the monthly mail has it, to the report address now",
    access: 'administrator',
    body: sendUsageReportRequestSchema,
    bodyOptional: true,
    errors: {
      400:
        'A month that is not a past month the session history holds whole: usage_month_not_over, ' +
        'usage_month_in_future {latest}, usage_month_too_old {oldest, days}; or malformed (invalid_input)',
      409: 'No usage report address is set (usage_report_email_not_set)',
    },
    status: 202,
    response: sendUsageReportResponseSchema,
  },
  {
    method: 'get',
    path: '/mivoice/settings',
    tag: 'MiVoice',
    summary: 'The administrator e-mail that user lists and language strings are mailed to',
    access: 'signed-in',
    status: 200,
    response: mivoiceSettingsSchema,
  },
  {
    method: 'put',
    path: '/mivoice/settings',
    tag: 'MiVoice',
    summary: 'Set (or clear with null) the administrator e-mail for exports',
    access: 'administrator',
    body: updateMivoiceSettingsRequestSchema,
    status: 200,
    response: mivoiceSettingsSchema,
  },
  {
    method: 'get',
    path: '/mivoice/google',
    tag: 'MiVoice',
    summary: 'Google corporate directory settings (the key is never shown) and the state of the local cache',
    access: 'signed-in',
    status: 200,
    response: googleDirectorySchema,
  },
  {
    method: 'put',
    path: '/mivoice/google',
    tag: 'MiVoice',
    summary:
      'Save the Google administrator e-mail, domain and service-account key (omit the key to keep it, null removes it)',
    access: 'administrator',
    body: updateGoogleDirectoryRequestSchema,
    status: 200,
    response: googleDirectorySchema,
  },
  {
    method: 'post',
    path: '/mivoice/google/sync',
    tag: 'MiVoice',
    summary: 'Sync with Google: read every user of the domain (502 keeps the previous cache)',
    access: 'administrator',
    status: 200,
    response: googleDirectorySchema,
  },
  {
    method: 'get',
    path: '/mivoice/google/contacts',
    tag: 'MiVoice',
    summary: 'The cached Google directory, filtered and paged',
    access: 'signed-in',
    query: googleContactsQuerySchema,
    status: 200,
    response: googleContactsPageSchema,
  },
  {
    method: 'get',
    path: '/mivoice/users',
    tag: 'MiVoice',
    summary: 'The MiVoice Integration for Google user list, filtered and paged',
    access: 'signed-in',
    query: mivoiceUsersQuerySchema,
    status: 200,
    response: mivoiceUsersPageSchema,
  },
  {
    method: 'post',
    path: '/mivoice/users/import',
    tag: 'MiVoice',
    summary:
      'Import a user-list CSV (multipart field "file"): strict (any bad row changes nothing) ' +
      'or skip bad rows; dryRun only checks',
    access: 'administrator',
    query: userListImportQuerySchema,
    upload: 'file',
    status: 200,
    response: userListImportReportSchema,
  },
  {
    method: 'post',
    path: '/mivoice/users/import/report',
    tag: 'MiVoice',
    summary:
      'The validation report of a user-list CSV (multipart field "file") as CSV: ' +
      'every problem with its line (Line, Column, Problem in English, Code; a dry run; changes nothing)',
    access: 'administrator',
    upload: 'file',
    status: 200,
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/mivoice/users/export',
    tag: 'MiVoice',
    summary: 'The user list as CSV (formula cells neutralised; imports back unchanged)',
    access: 'signed-in',
    status: 200,
    produces: 'text/csv',
  },
  {
    method: 'post',
    path: '/mivoice/users/email',
    tag: 'MiVoice',
    summary: 'Email User List: mail the CSV to the administrator e-mail (through the outbox)',
    access: 'administrator',
    status: 202,
    response: mivoiceEmailResponseSchema,
  },
  {
    method: 'get',
    path: '/mivoice/localization',
    tag: 'MiVoice',
    summary: 'Languages of each MiVoice Integration application with their completeness',
    access: 'signed-in',
    status: 200,
    response: localizationOverviewSchema,
  },
  {
    method: 'post',
    path: '/mivoice/localization/import',
    tag: 'MiVoice',
    summary:
      'Import a translated file named "MiVoice Integration for Google_xx.csv" or "…for Salesforce_xx.csv" ' +
      '(multipart field "file")',
    access: 'administrator',
    upload: 'file',
    status: 200,
    response: localizationImportReportSchema,
  },
  {
    method: 'post',
    path: '/backup',
    tag: 'Backup',
    summary:
      'A configuration backup: one file encrypted with a key derived from the passphrase (scrypt, ' +
      'AES-256-GCM): accounts, ACL, network elements and defaults, Open Media, options, mail, console ' +
      'users, MiVoice settings, user list, localization. Not sessions, history, usage or the audit log',
    access: 'administrator',
    body: backupRequestSchema,
    status: 200,
    produces: 'application/octet-stream',
  },
  {
    method: 'post',
    path: '/backup/restore',
    tag: 'Backup',
    summary:
      'Restore a configuration backup (multipart: "file" and "passphrase"): dryRun=true (the default) ' +
      'answers what would change per section; dryRun=false applies all of it in one transaction or nothing',
    access: 'administrator',
    query: restoreQuerySchema,
    upload: 'file',
    uploadFields: restoreFieldsSchema,
    status: 200,
    response: restoreReportSchema,
    errors: {
      400:
        'Not a backup (backup_not_a_backup), damaged header (backup_damaged), wrong passphrase or ' +
        'altered file (backup_wrong_passphrase), newer format (backup_newer_format), a key derivation ' +
        'cost this product does not write (backup_unsupported_kdf), invalid content ' +
        '(backup_content_invalid {problem}), no enabled administrator, or a bad passphrase field',
      409: 'Another restore or dry run is running in this process (backup_busy): try again when it ends',
      413: 'The file is larger than 64 MB',
    },
  },
  {
    method: 'get',
    path: '/mivoice/localization/{app}/{lang}/export',
    tag: 'MiVoice',
    summary:
      "An application's strings in a language as CSV (messageKey,languageValue; English where not translated)",
    access: 'signed-in',
    status: 200,
    produces: 'text/csv',
  },
  {
    method: 'post',
    path: '/mivoice/localization/{app}/{lang}/email',
    tag: 'MiVoice',
    summary:
      "Email Language Strings: mail an application's strings in a language to the administrator e-mail",
    access: 'administrator',
    status: 202,
    response: mivoiceEmailResponseSchema,
  },
  {
    method: 'delete',
    path: '/mivoice/localization/{app}/{lang}',
    tag: 'MiVoice',
    summary: 'Delete an imported language (English is built in and stays)',
    access: 'administrator',
    status: 204,
  },
  {
    method: 'get',
    path: '/users',
    tag: 'Console users',
    summary: 'Console users',
    access: 'signed-in',
    status: 200,
    response: consoleUserListSchema,
  },
  {
    method: 'post',
    path: '/users',
    tag: 'Console users',
    summary: 'Create an administrator or support user',
    access: 'administrator',
    body: createUserRequestSchema,
    status: 201,
    response: consoleUserSchema,
  },
  {
    method: 'patch',
    path: '/users/{username}',
    tag: 'Console users',
    summary: 'Disable/enable a user or change the role',
    access: 'administrator',
    body: updateUserRequestSchema,
    status: 200,
    response: consoleUserSchema,
  },
  {
    method: 'post',
    path: '/users/{username}/password',
    tag: 'Console users',
    summary: "Reset a user's password (their sessions end)",
    access: 'administrator',
    body: resetPasswordRequestSchema,
    status: 204,
  },
  {
    method: 'post',
    path: '/users/{username}/unlock',
    tag: 'Console users',
    summary:
      'Unlock a user locked by failed sign-ins (forgets them from every address); 409 user_not_locked when it is not',
    access: 'administrator',
    status: 200,
    response: consoleUserSchema,
  },
  {
    method: 'get',
    path: '/audit',
    tag: 'Audit log',
    summary: 'Who changed what and when (both roles)',
    access: 'signed-in',
    query: auditQuerySchema,
    status: 200,
    response: auditPageSchema,
  },
  {
    method: 'get',
    path: '/logs',
    tag: 'Logs',
    summary:
      'The newest lines of the rotating log files (both roles), newest first: `level` the lowest shown, ' +
      '`module`, `q` text anywhere in the line; at most 1,000 lines and 32 MiB read (`truncated`)',
    access: 'signed-in',
    query: logsQuerySchema,
    status: 200,
    response: logsPageSchema,
  },
  {
    method: 'get',
    path: '/logs/download',
    tag: 'Logs',
    summary: 'Every retained log file, oldest first, as one NDJSON file (pino JSON lines; both roles)',
    access: 'signed-in',
    status: 200,
    produces: 'application/x-ndjson',
  },
  {
    method: 'get',
    path: '/support-bundle',
    tag: 'Logs',
    summary:
      'Support bundle (zip, both roles): recent log files (64 MiB at most), versions.json, config.json ' +
      '(secrets removed), settings.json, network-elements.json, licensing.json, counts.json',
    access: 'signed-in',
    status: 200,
    produces: 'application/zip',
  },
  ...OPEN_MEDIA_OPERATIONS,
];
