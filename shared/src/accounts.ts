import { z } from 'zod';
import { LICENSE_PROFILES, SERVICE_TYPES } from './constants.js';
import { reasonOf } from './status-reasons.js';

/** Names as registered with Mitel: printable text, no control characters. */
export const appNameSchema = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .min(1, `${label} is required`)
    .max(128, `${label} is at most 128 characters`)
    // eslint-disable-next-line no-control-regex
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), `${label} must not contain control characters`)
    // They would collapse in a URL path (/accounts/Acme/..), so the account could not be managed.
    .refine((v) => v !== '.' && v !== '..', `${label} must not be "." or ".."`);

/** Local password rule: 8–128 characters, no leading or trailing blanks. */
export const localPasswordSchema = z
  .string({ error: 'Local password is required' })
  .min(8, 'Local password must be at least 8 characters')
  .max(128, 'Local password must be at most 128 characters')
  .refine((v) => v.trim() === v, 'Local password must not start or end with a blank');

export const aclEntrySchema = z.object({
  companyName: appNameSchema('Company name'),
  applicationName: appNameSchema('Application name'),
  serviceType: z.enum(SERVICE_TYPES),
  licenseProfile: z.enum(LICENSE_PROFILES),
  certificateSubject: z.string().max(1024).optional(),
});
/** An ACL entry as the console sees it: never the application password. */
export const aclApplicationSchema = aclEntrySchema.extend({ hasLocalPassword: z.boolean() });
export type AclApplication = z.infer<typeof aclApplicationSchema>;

/** The ACL JSON file / MCS answer format (SPEC §10). */
export const aclFileSchema = z.object({
  applications: z.array(aclEntrySchema.extend({ applicationPassword: z.string().min(1).max(256) })),
});
export type AclFile = z.infer<typeof aclFileSchema>;

/**
 * Why a fetch of the application list from the Mitel Certificate Server failed (`lastFetch.reason`,
 * and the 502's `params.failure` with reason `mcs_fetch_failed`). Params: `timeout` {ms};
 * `network_error` {code, detail}; `redirect` {status}; `http_status` {status, statusText};
 * `too_large` {mb}; `not_acl` {path, detail}; `duplicate_application` {index, application,
 * company}; `other` {detail}; the rest none.
 */
export const MCS_FETCH_FAILURES = [
  'timeout',
  'connection_refused',
  'connection_reset',
  'host_not_found',
  'dns_failed',
  'host_unreachable',
  'network_unreachable',
  'connection_closed',
  'connect_timeout',
  'network_error',
  'redirect',
  'http_status',
  'too_large',
  'not_json',
  'not_acl',
  'duplicate_application',
  'other',
] as const;
export type McsFetchFailure = (typeof MCS_FETCH_FAILURES)[number];

export const aclResponseSchema = z.object({
  /** Where the list in use came from: the bundled file, OIG_ACL_FILE's path, or the MCS URL. */
  source: z.string(),
  sourceKind: z.enum(['bundled', 'file', 'mcs']),
  loadedAt: z.string(),
  /** OIG_MCS_URL, or null when "Get the latest application list" has nowhere to fetch from. */
  mcsUrl: z.string().nullable(),
  /**
   * The last fetch attempt from the MCS (successful or not), null if none yet. A failure's `error`
   * is the English text; `reason` says it as a code (MCS_FETCH_FAILURES) and params, null for a
   * success and for an attempt recorded before reasons were stored.
   */
  lastFetch: z
    .object({
      at: z.string(),
      ok: z.boolean(),
      error: z.string().nullable(),
      reason: reasonOf(MCS_FETCH_FAILURES).nullable(),
    })
    .nullable(),
  applications: z.array(aclApplicationSchema),
});
export type AclResponse = z.infer<typeof aclResponseSchema>;

export const createAccountRequestSchema = z
  .object({
    companyName: appNameSchema('Company name'),
    applicationName: appNameSchema('Application name'),
    localPassword: localPasswordSchema,
  })
  .strict();
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;

export const accountSchema = z.object({
  companyName: z.string(),
  applicationName: z.string(),
  serviceType: z.enum(SERVICE_TYPES),
  licenseProfile: z.enum(LICENSE_PROFILES),
  activeSessions: z.number().int().nonnegative(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;
export const accountListSchema = z.object({ accounts: z.array(accountSchema) });

/** PUT /accounts/{companyName}/{applicationName}/password: a new local password (next logins only). */
export const changeLocalPasswordRequestSchema = z.object({ localPassword: localPasswordSchema }).strict();
export type ChangeLocalPasswordRequest = z.infer<typeof changeLocalPasswordRequestSchema>;

/** PATCH /accounts/{companyName}/{applicationName}: disable (refuse new logins) or enable. */
export const updateAccountRequestSchema = z
  .object({ enabled: z.boolean({ error: 'enabled must be true or false' }) })
  .strict();
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>;
