import { z } from 'zod';
import { SESSION_PROTOCOLS } from './constants.js';
import { USAGE_COUNTERS } from './usage.js';

/**
 * Why an application login (SOAP loginEx/authenticate, REST GET) was refused: one code per refusal
 * the gateway tells apart. Stable: tools and the console key on them.
 */
export const REFUSED_LOGIN_REASONS = [
  /** A required field was missing (detail: which). */
  'missing_parameter',
  /** A WSDL version the gateway does not serve (SOAP; detail: the version sent). */
  'unsupported_version',
  /** No such company/application in the ACL. */
  'unknown_application',
  /** The application password (ACL) was wrong. */
  'bad_application_password',
  /** The application has no local password set on this gateway. */
  'no_local_password',
  /** The local password was wrong. */
  'bad_local_password',
  /** The application is disabled on this gateway. */
  'disabled',
  /** A license counter was full (license: which). */
  'no_license',
  /** Too many failures from this address for this application: the throttle refused it unchecked. */
  'throttled',
  /** A certificate was given, but the ACL entry is not for advanced services. */
  'advanced_not_allowed',
  /** The certificate is not issued by a trusted CA (or does not parse). */
  'certificate_not_trusted',
  /** The certificate is not valid now. */
  'certificate_expired',
  /** The certificate's subject does not match the ACL entry. */
  'certificate_mismatch',
  /** Advanced login, step two: the signed challenge did not verify, or came too late. */
  'advanced_login_failed',
] as const;
export type RefusedLoginReason = (typeof REFUSED_LOGIN_REASONS)[number];

/** Characters of company and application names kept (as the application sent them), at most. */
export const REFUSED_LOGIN_NAME_MAX = 128;
/** Characters of a detail (the fields missing, the version sent) kept, at most. */
export const REFUSED_LOGIN_DETAIL_MAX = 200;
/**
 * Rows of one page: by default, and at most; the furthest offset a page may start at (the most
 * rows kept: OIG_REFUSED_LOGIN_MAX_ROWS is at most 100,000, so that one statement over the whole
 * table stays well inside the event loop's 100 ms on SQLite).
 */
export const REFUSED_LOGINS_PAGE_DEFAULT = 50;
export const REFUSED_LOGINS_PAGE_MAX = 500;
export const REFUSED_LOGINS_OFFSET_MAX = 100_000;
/** Distinct refusals from one address a process records between two writes; the rest are folded. */
export const REFUSED_LOGIN_PER_ADDRESS_MAX = 50;
/** Rows one CSV download holds, at most (newest first). */
export const REFUSED_LOGINS_CSV_MAX = 10_000;

/**
 * One recorded refusal. Identical refusals (same company, application, protocol, address, reason
 * and detail) within one write period of a process are one row: `attempts` of them, the first at
 * `at`, the last at `lastAt`. Never the password tried.
 */
export const refusedLoginSchema = z.object({
  id: z.string(),
  at: z.string(),
  lastAt: z.string(),
  attempts: z.number().int(),
  companyName: z.string(),
  applicationName: z.string(),
  protocol: z.enum(SESSION_PROTOCOLS),
  clientAddress: z.string(),
  reason: z.enum(REFUSED_LOGIN_REASONS),
  /** The license counter that was full (no_license). */
  license: z.enum(USAGE_COUNTERS).nullable(),
  /** The missing fields (missing_parameter) or the version sent (unsupported_version). */
  detail: z.string().nullable(),
  /**
   * Refusals of various applications from this address, counted together: more than
   * REFUSED_LOGIN_PER_ADDRESS_MAX distinct ones came from it between two writes of a process
   * (company and application names empty, no license or detail).
   */
  folded: z.boolean(),
});
export type RefusedLogin = z.infer<typeof refusedLoginSchema>;

export const refusedLoginPageSchema = z.object({
  entries: z.array(refusedLoginSchema),
  /** Rows matching the filter, in all. */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});
export type RefusedLoginPage = z.infer<typeof refusedLoginPageSchema>;

const isoDate = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date and time' });

/**
 * GET /sessions/refused (and /sessions/refused.csv, which ignores offset and limit): newest first;
 * `application` matches part of the application name (case-insensitive), `reason` one reason,
 * `from`/`to` the time of a row (its first attempt).
 */
export const refusedLoginsQuerySchema = z
  .object({
    application: z.string().max(REFUSED_LOGIN_NAME_MAX).optional(),
    reason: z.enum(REFUSED_LOGIN_REASONS, { error: 'Unknown refusal reason' }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    offset: z.coerce.number().int().min(0).max(REFUSED_LOGINS_OFFSET_MAX).default(0),
    limit: z.coerce.number().int().min(1).max(REFUSED_LOGINS_PAGE_MAX).default(REFUSED_LOGINS_PAGE_DEFAULT),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'From must not be after To',
    path: ['from'],
  });
export type RefusedLoginsQuery = z.infer<typeof refusedLoginsQuerySchema>;

/** The Overview's count of refused login attempts in the last 24 hours, by reason (reasons with none left out). */
export const refusedLoginsSummarySchema = z.object({
  total: z.number().int(),
  byReason: z.array(z.object({ reason: z.enum(REFUSED_LOGIN_REASONS), attempts: z.number().int() })),
});
export type RefusedLoginsSummary = z.infer<typeof refusedLoginsSummarySchema>;
