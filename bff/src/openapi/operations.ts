import {
  accountListSchema,
  accountSchema,
  aclResponseSchema,
  auditPageSchema,
  auditQuerySchema,
  changeLocalPasswordRequestSchema,
  changeOwnPasswordRequestSchema,
  consoleUserListSchema,
  consoleUserSchema,
  createAccountRequestSchema,
  createUserRequestSchema,
  liveSessionListSchema,
  loginRequestSchema,
  mailSettingsSchema,
  outboxMessageSchema,
  outboxPageSchema,
  outboxQuerySchema,
  testMailRequestSchema,
  updateMailSettingsRequestSchema,
  meSchema,
  miccSettingsSchema,
  mivbSettingsSchema,
  networkElementInputSchema,
  networkElementListSchema,
  networkElementSchema,
  optionsSchema,
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
} from '@oig/shared';
import { z } from 'zod';

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
  query?: z.ZodObject;
  /** Success status and its JSON body (none for 204 or non-JSON answers). */
  status: number;
  response?: z.ZodType;
  /** Non-JSON success answer, e.g. text/csv. */
  produces?: string;
  /** A multipart/form-data upload: the name of its one file field. */
  upload?: string;
}

/** Path parameters that are not free text. */
export const PATH_PARAMS: Record<string, z.ZodType> = { type: z.enum(['mivb', 'micc']), id: z.string().uuid(), app: localizationAppSchema, lang: z.enum(LANGUAGE_CODES) };
const mivbOrMiccSettings = z.union([mivbSettingsSchema, miccSettingsSchema]);
const accepted = z.object({ accepted: z.literal(true) });

/** Every operation of the admin API. A test checks this list against the routes the app really serves. */
export const OPERATIONS: Operation[] = [
  { method: 'post', path: '/auth/login', tag: 'Sign-in', summary: 'Sign in; sets the session cookie and returns the CSRF token', access: 'public', body: loginRequestSchema, status: 200, response: meSchema },
  { method: 'get', path: '/auth/me', tag: 'Sign-in', summary: 'The signed-in user (restores the console after a reload)', access: 'signed-in', status: 200, response: meSchema },
  { method: 'post', path: '/auth/logout', tag: 'Sign-in', summary: 'Sign out', access: 'self', status: 204 },
  { method: 'post', path: '/auth/password', tag: 'Sign-in', summary: 'Change your own password (needs the current one); your other console sessions end', access: 'self', body: changeOwnPasswordRequestSchema, status: 204 },

  { method: 'get', path: '/overview', tag: 'Overview', summary: 'Counts, version and licensing', access: 'signed-in', status: 200, response: overviewSchema },

  { method: 'get', path: '/acl', tag: 'Application Accounts', summary: 'The Access Control List in use, its source and time', access: 'signed-in', status: 200, response: aclResponseSchema },
  { method: 'post', path: '/acl/refresh', tag: 'Application Accounts', summary: 'Get the latest application list from the Mitel Certificate Server (502 keeps the previous list)', access: 'administrator', status: 200, response: aclResponseSchema },
  { method: 'get', path: '/accounts', tag: 'Application Accounts', summary: 'Allowed applications (those with a local password)', access: 'signed-in', status: 200, response: accountListSchema },
  { method: 'post', path: '/accounts', tag: 'Application Accounts', summary: 'Create an application local password', access: 'administrator', body: createAccountRequestSchema, status: 201, response: accountSchema },
  { method: 'put', path: '/accounts/{companyName}/{applicationName}/password', tag: 'Application Accounts', summary: 'Change the local password (current sessions continue)', access: 'administrator', body: changeLocalPasswordRequestSchema, status: 200, response: accountSchema },
  { method: 'patch', path: '/accounts/{companyName}/{applicationName}', tag: 'Application Accounts', summary: 'Disable (refuse new logins) or enable', access: 'administrator', body: updateAccountRequestSchema, status: 200, response: accountSchema },
  { method: 'delete', path: '/accounts/{companyName}/{applicationName}', tag: 'Application Accounts', summary: 'Delete the local password (current sessions continue)', access: 'administrator', status: 204 },

  { method: 'get', path: '/sessions', tag: 'Sessions', summary: 'Live application sessions', access: 'signed-in', status: 200, response: liveSessionListSchema },
  { method: 'get', path: '/sessions/history', tag: 'Sessions', summary: 'Ended sessions with their end reason', access: 'signed-in', query: sessionHistoryQuerySchema, status: 200, response: sessionHistoryListSchema },
  { method: 'get', path: '/sessions/history.csv', tag: 'Sessions', summary: 'Session history as CSV', access: 'signed-in', query: sessionHistoryQuerySchema, status: 200, produces: 'text/csv' },
  { method: 'post', path: '/sessions/terminate', tag: 'Sessions', summary: 'Terminate several sessions', access: 'administrator', body: terminateManyRequestSchema, status: 200, response: terminateResultSchema },
  { method: 'delete', path: '/sessions/{id}', tag: 'Sessions', summary: 'Terminate one session', access: 'administrator', status: 204 },

  { method: 'get', path: '/network-elements', tag: 'Network Elements', summary: 'Network elements with reachability', access: 'signed-in', status: 200, response: networkElementListSchema },
  { method: 'post', path: '/network-elements', tag: 'Network Elements', summary: 'Add Network Element', access: 'administrator', body: networkElementInputSchema, status: 201, response: networkElementSchema },
  { method: 'post', path: '/network-elements/probe', tag: 'Network Elements', summary: 'Check reachability of every element now (in the background)', access: 'administrator', status: 202, response: accepted },
  { method: 'get', path: '/network-elements/defaults/{type}', tag: 'Network Elements', summary: 'Default values of a type (mivb | micc)', access: 'signed-in', status: 200, response: mivbOrMiccSettings },
  { method: 'put', path: '/network-elements/defaults/{type}', tag: 'Network Elements', summary: 'Set Default Values of a type; Default elements follow them', access: 'administrator', body: mivbOrMiccSettings, status: 200, response: mivbOrMiccSettings },
  { method: 'get', path: '/network-elements/{id}', tag: 'Network Elements', summary: 'One element (a Default element shows the effective values)', access: 'signed-in', status: 200, response: networkElementSchema },
  { method: 'put', path: '/network-elements/{id}', tag: 'Network Elements', summary: 'Edit a network element', access: 'administrator', body: networkElementInputSchema, status: 200, response: networkElementSchema },
  { method: 'delete', path: '/network-elements/{id}', tag: 'Network Elements', summary: 'Delete a network element', access: 'administrator', status: 204 },

  { method: 'get', path: '/options', tag: 'Options', summary: 'Logging level, usage-report address, keep-alive limits', access: 'signed-in', status: 200, response: optionsSchema },
  { method: 'put', path: '/options', tag: 'Options', summary: 'Change the logging level (applied at once) and/or the usage-report address', access: 'administrator', body: updateOptionsRequestSchema, status: 200, response: optionsSchema },
  { method: 'get', path: '/mail/settings', tag: 'Mail', summary: 'Outbound mail server in use (Options tab, OIG_SMTP_URL or none: .eml files); the password is never shown', access: 'signed-in', status: 200, response: mailSettingsSchema },
  { method: 'put', path: '/mail/settings', tag: 'Mail', summary: 'Set the outbound mail server and sender (wins over OIG_SMTP_URL), or { clear: true } to drop it', access: 'administrator', body: updateMailSettingsRequestSchema, status: 200, response: mailSettingsSchema },
  { method: 'post', path: '/mail/test', tag: 'Mail', summary: 'Queue a test message to an address (delivered in the background; see the outbox)', access: 'administrator', body: testMailRequestSchema, status: 202, response: z.object({ id: z.string() }) },
  { method: 'get', path: '/mail/outbox', tag: 'Mail', summary: 'Outgoing messages, newest first', access: 'signed-in', query: outboxQuerySchema, status: 200, response: outboxPageSchema },
  { method: 'post', path: '/mail/outbox/{id}/retry', tag: 'Mail', summary: 'Send a failed message again (409 unless failed)', access: 'administrator', status: 200, response: outboxMessageSchema },
  { method: 'post', path: '/mail/outbox/{id}/discard', tag: 'Mail', summary: 'Give up a queued or failed message (409 otherwise)', access: 'administrator', status: 200, response: outboxMessageSchema },
  { method: 'get', path: '/usage/daily', tag: 'Usage', summary: 'Peak concurrent use of each licence per day, oldest first, today so far last (Overview chart)', access: 'signed-in', query: usageDailyQuerySchema, status: 200, response: usageDailySchema },
  { method: 'get', path: '/usage-report', tag: 'Usage', summary: 'Usage report address, time zone, next monthly run and the last month handled', access: 'signed-in', status: 200, response: usageReportStatusSchema },
  { method: 'get', path: '/usage-report/report', tag: 'Usage', summary: "A month's usage report (the current month: month to date)", access: 'signed-in', query: usageReportQuerySchema, status: 200, response: usageReportSchema },
  { method: 'get', path: '/usage-report/report.csv', tag: 'Usage', summary: "A month's usage report as the CSV attached to the mail", access: 'signed-in', query: usageReportQuerySchema, status: 200, produces: 'text/csv' },
  { method: 'post', path: '/usage-report/send', tag: 'Usage', summary: 'Mail the month-to-date usage report to the report address now (through the outbox)', access: 'administrator', status: 202, response: sendUsageReportResponseSchema },
  { method: 'get', path: '/mivoice/settings', tag: 'MiVoice', summary: 'The administrator e-mail that user lists and language strings are mailed to', access: 'signed-in', status: 200, response: mivoiceSettingsSchema },
  { method: 'put', path: '/mivoice/settings', tag: 'MiVoice', summary: 'Set (or clear with null) the administrator e-mail for exports', access: 'administrator', body: updateMivoiceSettingsRequestSchema, status: 200, response: mivoiceSettingsSchema },
  { method: 'get', path: '/mivoice/google', tag: 'MiVoice', summary: 'Google corporate directory settings (the key is never shown) and the state of the local cache', access: 'signed-in', status: 200, response: googleDirectorySchema },
  { method: 'put', path: '/mivoice/google', tag: 'MiVoice', summary: 'Save the Google administrator e-mail, domain and service-account key (omit the key to keep it, null removes it)', access: 'administrator', body: updateGoogleDirectoryRequestSchema, status: 200, response: googleDirectorySchema },
  { method: 'post', path: '/mivoice/google/sync', tag: 'MiVoice', summary: 'Sync with Google: read every user of the domain (502 keeps the previous cache)', access: 'administrator', status: 200, response: googleDirectorySchema },
  { method: 'get', path: '/mivoice/google/contacts', tag: 'MiVoice', summary: 'The cached Google directory, filtered and paged', access: 'signed-in', query: googleContactsQuerySchema, status: 200, response: googleContactsPageSchema },
  { method: 'get', path: '/mivoice/users', tag: 'MiVoice', summary: 'The MiVoice Integration for Google user list, filtered and paged', access: 'signed-in', query: mivoiceUsersQuerySchema, status: 200, response: mivoiceUsersPageSchema },
  { method: 'post', path: '/mivoice/users/import', tag: 'MiVoice', summary: 'Import a user-list CSV (multipart field "file"): strict (any bad row changes nothing) or skip bad rows; dryRun only checks', access: 'administrator', query: userListImportQuerySchema, upload: 'file', status: 200, response: userListImportReportSchema },
  { method: 'post', path: '/mivoice/users/import/report', tag: 'MiVoice', summary: 'The validation report of a user-list CSV (multipart field "file") as CSV: every problem with its line (a dry run; changes nothing)', access: 'administrator', upload: 'file', status: 200, produces: 'text/csv' },
  { method: 'get', path: '/mivoice/users/export', tag: 'MiVoice', summary: 'The user list as CSV (formula cells neutralised; imports back unchanged)', access: 'signed-in', status: 200, produces: 'text/csv' },
  { method: 'post', path: '/mivoice/users/email', tag: 'MiVoice', summary: 'Email User List: mail the CSV to the administrator e-mail (through the outbox)', access: 'administrator', status: 202, response: mivoiceEmailResponseSchema },
  { method: 'get', path: '/mivoice/localization', tag: 'MiVoice', summary: 'Languages of each MiVoice Integration application with their completeness', access: 'signed-in', status: 200, response: localizationOverviewSchema },
  { method: 'post', path: '/mivoice/localization/import', tag: 'MiVoice', summary: 'Import a translated file named "MiVoice Integration for Google_xx.csv" or "…for Salesforce_xx.csv" (multipart field "file")', access: 'administrator', upload: 'file', status: 200, response: localizationImportReportSchema },
  { method: 'get', path: '/mivoice/localization/{app}/{lang}/export', tag: 'MiVoice', summary: "An application's strings in a language as CSV (messageKey,languageValue; English where not translated)", access: 'signed-in', status: 200, produces: 'text/csv' },
  { method: 'post', path: '/mivoice/localization/{app}/{lang}/email', tag: 'MiVoice', summary: "Email Language Strings: mail an application's strings in a language to the administrator e-mail", access: 'administrator', status: 202, response: mivoiceEmailResponseSchema },
  { method: 'delete', path: '/mivoice/localization/{app}/{lang}', tag: 'MiVoice', summary: 'Delete an imported language (English is built in and stays)', access: 'administrator', status: 204 },
  { method: 'get', path: '/users', tag: 'Console users', summary: 'Console users', access: 'signed-in', status: 200, response: consoleUserListSchema },
  { method: 'post', path: '/users', tag: 'Console users', summary: 'Create an administrator or support user', access: 'administrator', body: createUserRequestSchema, status: 201, response: consoleUserSchema },
  { method: 'patch', path: '/users/{username}', tag: 'Console users', summary: 'Disable/enable a user or change the role', access: 'administrator', body: updateUserRequestSchema, status: 200, response: consoleUserSchema },
  { method: 'post', path: '/users/{username}/password', tag: 'Console users', summary: "Reset a user's password (their sessions end)", access: 'administrator', body: resetPasswordRequestSchema, status: 204 },
  { method: 'get', path: '/audit', tag: 'Audit log', summary: 'Who changed what and when (both roles)', access: 'signed-in', query: auditQuerySchema, status: 200, response: auditPageSchema },
];
