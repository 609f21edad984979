import { z } from 'zod';
import { emailSchema } from './options.js';
import { reasonOf, reasonParamsSchema } from './status-reasons.js';

export const SMTP_TLS_MODES = ['none', 'starttls', 'tls'] as const;
export type SmtpTlsMode = (typeof SMTP_TLS_MODES)[number];
/**
 * 'sent': handed to an SMTP server; 'saved': no SMTP server was configured, so the message was
 * written as an .eml file in the outbox folder instead (it reached nobody).
 */
export const MAIL_STATES = ['queued', 'sending', 'sent', 'saved', 'failed', 'discarded'] as const;
export type MailStateName = (typeof MAIL_STATES)[number];

/**
 * What a message is (`kind`, machine-readable; the console says it in words). Each kind's subject
 * in the console is said from `subjectParams`: `test` none; `usage-report` {name, month (YYYY-MM),
 * monthToDate ('yes'|'no'), lastDay}; `mivoice-user-list` {users}; `mivoice-localization`
 * {application ('google'|'salesforce'), language, languageName}.
 */
export const MAIL_KINDS = ['test', 'usage-report', 'mivoice-user-list', 'mivoice-localization'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Why the last delivery attempt failed (`lastErrorReason.code`). `smtp_refused` (5xx: failed for good)
 * and `smtp_deferred` (4xx: tried again) {responseCode, response: the server's own answer};
 * `auth_failed` {responseCode?, response?}; `connection_failed` and `dns_failed` {code, detail};
 * `attachment_missing` {detail}; `other` {detail}; `timeout` and `tls_failed` none.
 */
export const MAIL_DELIVERY_ERRORS = [
  'smtp_refused',
  'smtp_deferred',
  'auth_failed',
  'connection_failed',
  'timeout',
  'dns_failed',
  'tls_failed',
  'attachment_missing',
  'other',
] as const;
export type MailDeliveryError = (typeof MAIL_DELIVERY_ERRORS)[number];

/** Host names and addresses as an SMTP server is named: no scheme, no path, no blanks. */
const hostSchema = z
  .string({ error: 'SMTP host is required' })
  .trim()
  .min(1, 'SMTP host is required')
  .max(253, 'SMTP host is at most 253 characters')
  .regex(
    /^[A-Za-z0-9.:[\]-]+$/,
    'SMTP host must be a host name or an IP address (no scheme, path or blanks)',
  );

/**
 * GET /mail/settings: the outbound mail server set in the Options tab (wins over OIG_SMTP_URL),
 * or what is in use otherwise. The password is write-only: only whether one is set is shown.
 */
export const mailSettingsSchema = z.object({
  /** 'options': set in the Options tab; 'environment': from OIG_SMTP_URL; 'none': messages go to .eml files. */
  source: z.enum(['options', 'environment', 'none']),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  tlsMode: z.enum(SMTP_TLS_MODES).nullable(),
  username: z.string().nullable(),
  passwordSet: z.boolean(),
  fromAddress: z.string(),
  /** Where messages go when no SMTP server is configured. */
  outboxFolder: z.string(),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

/**
 * PUT /mail/settings. `password`: omitted keeps the stored one, a string replaces it, null
 * removes it. Send `{ "clear": true }` alone to drop the Options-tab server (OIG_SMTP_URL, or
 * .eml files, apply again).
 */
export const updateMailSettingsRequestSchema = z.union([
  z.object({ clear: z.literal(true) }).strict(),
  z
    .object({
      host: hostSchema,
      port: z
        .number({ error: 'SMTP port must be a number' })
        .int('SMTP port must be a whole number')
        .min(1, 'SMTP port must be 1–65535')
        .max(65_535, 'SMTP port must be 1–65535'),
      tlsMode: z.enum(SMTP_TLS_MODES, { error: 'TLS must be none, starttls or tls' }),
      username: z
        .string()
        .max(256, 'SMTP user is at most 256 characters')
        .refine((v) => !/[\r\n]/.test(v), 'SMTP user must not contain line breaks')
        .nullable(),
      password: z
        .string()
        .max(256, 'SMTP password is at most 256 characters')
        .refine((v) => !/[\r\n]/.test(v), 'SMTP password must not contain line breaks')
        .nullable()
        .optional(),
      fromAddress: emailSchema,
    })
    .strict(),
]);
export type UpdateMailSettingsRequest = z.infer<typeof updateMailSettingsRequestSchema>;

/**
 * What became of a message the console just sent (test message, usage report now, user list,
 * language strings), as the answer leaves. `delivery` 'file': no SMTP server is configured, so
 * the message is (state 'saved') or will be written to `fileName` in `outboxFolder`, not e-mailed.
 * With a file the server waits a moment for it to be written; over SMTP it answers at once
 * ('queued': the outbox delivers it in the background).
 */
export const mailOutcomeSchema = z.object({
  id: z.string(),
  state: z.enum(MAIL_STATES),
  delivery: z.enum(['smtp', 'file']),
  /** The .eml file's name (delivery 'file'), else null. */
  fileName: z.string().nullable(),
  /** The folder the .eml files go to (delivery 'file'), else null. */
  outboxFolder: z.string().nullable(),
});
export type MailOutcome = z.infer<typeof mailOutcomeSchema>;

/** POST /mail/test answer (202): the queued message and what became of it. */
export const testMailResponseSchema = z.object({ id: z.string(), mail: mailOutcomeSchema });
export type TestMailResponse = z.infer<typeof testMailResponseSchema>;

/** POST /mail/test: a test message to this address, through the outbox. */
export const testMailRequestSchema = z.object({ to: emailSchema }).strict();
export type TestMailRequest = z.infer<typeof testMailRequestSchema>;

export const outboxMessageSchema = z.object({
  id: z.string(),
  /** One of MAIL_KINDS (or a newer kind: the console then shows the code). */
  kind: z.union([z.enum(MAIL_KINDS), z.string()]),
  to: z.array(z.string()),
  /** The subject as the message was written and sent (English). */
  subject: z.string(),
  /**
   * The values the console says the subject with, in its language (see MAIL_KINDS); null for a
   * message queued before they were stored, whose `subject` is shown as it is.
   */
  subjectParams: reasonParamsSchema.nullable(),
  state: z.enum(MAIL_STATES),
  attempts: z.number().int(),
  /** When the next try is due (queued), ISO. */
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** `lastError` as a code (MAIL_DELIVERY_ERRORS) and params; null without one or when stored before reasons. */
  lastErrorReason: reasonOf(MAIL_DELIVERY_ERRORS).nullable(),
  createdAt: z.string(),
  /** When an SMTP server accepted it (state 'sent'), ISO. */
  sentAt: z.string().nullable(),
  /** When it was written to its file (state 'saved'), ISO. */
  savedAt: z.string().nullable(),
  /** The .eml file's name in the outbox folder (state 'saved'); see mail settings' outboxFolder. */
  fileName: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export const outboxPageSchema = z.object({ messages: z.array(outboxMessageSchema), total: z.number().int() });
export type OutboxPage = z.infer<typeof outboxPageSchema>;

export const outboxQuerySchema = z
  .object({
    state: z.enum(MAIL_STATES, { error: 'Unknown mail state' }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;
