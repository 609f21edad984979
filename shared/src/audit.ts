import { z } from 'zod';

/** What an audit entry records; one value per kind of change. */
export const AUDIT_ACTIONS = [
  'auth.login',
  /** A refused console sign-in: after = { reason, lockedUntil? }; never the password. */
  'auth.login.failed',
  'auth.logout',
  'auth.password.change',
  'user.create',
  'user.update',
  'user.password.reset',
  'user.unlock',
  'account.create',
  'account.password.change',
  'account.delete',
  'account.update',
  'acl.refresh',
  'session.terminate',
  'network-element.create',
  'network-element.update',
  'network-element.delete',
  'network-element.defaults.update',
  'network-element.probe',
  'options.update',
  'mail.settings.update',
  'mail.test',
  'mail.retry',
  'mail.discard',
  'usage-report.send',
  'mivoice.settings.update',
  'mivoice.google.update',
  'mivoice.google.sync',
  'mivoice.users.import',
  'mivoice.users.email',
  'mivoice.localization.import',
  'mivoice.localization.delete',
  'mivoice.localization.email',
  'open-media.request.add',
  'open-media.request.cancel',
  'open-media.request.divert',
  'open-media.request.modify',
  'open-media.options.set',
  /** A configuration backup was made: after = what it holds (counts, size); never the passphrase. */
  'backup.create',
  /** A configuration backup was restored: after = each section's added/changed/removed/unchanged. */
  'backup.restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Shown instead of any secret (passwords, keys) in before/after. */
export const AUDIT_MASK = '••••••';

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  address: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  /** What was changed, e.g. `Acme / Call Recorder` or `192.0.2.10`. */
  target: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const isoDate = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} must be an ISO 8601 date-time` }).optional();

/** GET /audit query: all optional; `q` matches actor, action or target (case-insensitive). */
export const auditQuerySchema = z
  .object({
    actor: z.string().max(64).optional(),
    action: z.enum(AUDIT_ACTIONS, { error: 'Unknown audit action' }).optional(),
    q: z.string().max(200).optional(),
    from: isoDate('from'),
    to: isoDate('to'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), total: z.number().int() });
export type AuditPage = z.infer<typeof auditPageSchema>;
