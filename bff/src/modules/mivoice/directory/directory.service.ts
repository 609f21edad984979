import { createSerialQueue } from '../../../lib/serial.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  reasonParamsSchema,
  type GoogleContactsPage,
  type GoogleContactsQuery,
  type GoogleDirectory,
  type GoogleSyncFailure,
  type StatusReason,
  type UpdateGoogleDirectoryRequest,
} from '@oig/shared';
import { AppError, fieldProblem, type FieldProblem } from '../../../http/app-error.js';
import type { Actor, AuditService } from '../../audit/index.js';
import type { SettingsStore } from '../../../db/settings-store.js';
import type { DirectoryRepo } from './directory.repo.js';
import {
  GoogleDirectoryError,
  listDomainUsers,
  parseServiceAccountKey,
  type DirectoryUser,
  type GoogleApiConfig,
  type ServiceAccountKey,
} from './google-client.js';
import { isDatabaseBusy } from '../../../db/db.js';

/**
 * Settings key of the directory settings (the service-account key included: it never leaves this
 * row except towards Google).
 */
export const GOOGLE_DIRECTORY_KEY = 'mivoice.google';
/** Settings key of the state of the last sync. */
export const GOOGLE_SYNC_STATUS_KEY = 'mivoice.google.status';

const storedSchema = z.object({
  adminEmail: z.string(),
  domain: z.string(),
  key: z
    .object({ clientEmail: z.string(), privateKey: z.string(), privateKeyId: z.string().nullable() })
    .nullable(),
});
type Stored = z.infer<typeof storedSchema>;
/**
 * As stored. `lastErrorReason` is lastError as a code and params; absent when written before it was
 * kept or by a process of the previous version (which writes lastError alone, so a reason is used
 * only beside the text it was stored with: `text`).
 */
const statusSchema = z.object({
  lastSyncAt: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorReason: z
    .object({ code: z.string(), params: reasonParamsSchema, text: z.string() })
    .nullable()
    .optional(),
  lastErrorAt: z.number().nullable(),
});
type SyncStatus = z.infer<typeof statusSchema>;
const NO_STATUS: SyncStatus = { lastSyncAt: null, lastError: null, lastErrorReason: null, lastErrorAt: null };

/** The stored reason while it stands for the stored text. */
const reasonOfStatus = (st: SyncStatus): StatusReason | null =>
  st.lastErrorReason && st.lastError !== null && st.lastErrorReason.text === st.lastError
    ? { code: st.lastErrorReason.code, params: st.lastErrorReason.params }
    : null;

const MISSING_LABEL: Record<string, string> = {
  adminEmail: 'administrator e-mail',
  domain: 'domain',
  serviceAccountKey: 'service-account key',
};

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/**
 * What the audit log keeps: the key only as set/unset (masked by its name anyway), its e-mail and
 * id to tell keys apart.
 */
const auditSnapshot = (s: Stored | undefined) =>
  s
    ? {
        adminEmail: s.adminEmail,
        domain: s.domain,
        serviceAccountEmail: s.key?.clientEmail ?? null,
        serviceAccountKeyId: s.key?.privateKeyId ?? null,
        serviceAccountKey: s.key ? 'set' : null,
      }
    : {
        adminEmail: null,
        domain: null,
        serviceAccountEmail: null,
        serviceAccountKeyId: null,
        serviceAccountKey: null,
      };

export type FetchDomainUsers = (
  cfg: GoogleApiConfig,
  key: ServiceAccountKey,
  adminEmail: string,
  domain: string,
) => Promise<DirectoryUser[]>;

export interface DirectoryServiceDeps {
  repo: DirectoryRepo;
  settings: SettingsStore;
  audit: AuditService;
  google: GoogleApiConfig;
  logger: Logger;
  now?: () => number;
  /** The Directory API reader (tests may replace it; the default talks to config.google). */
  fetchUsers?: FetchDomainUsers;
}

/**
 * MiVoice tab: the Google corporate directory. Settings (administrator e-mail, domain,
 * write-only service-account key), "Sync with Google" (every user of the domain, read through
 * the Admin SDK Directory API, replaces the local cache in one transaction; a failure keeps the
 * cache and is shown as the last error) and the cached contacts.
 *
 * One sync at a time per process: a sync asked for while one runs joins it and gets its outcome.
 */
export function createDirectoryService(deps: DirectoryServiceDeps) {
  const { repo, settings, audit, google, logger } = deps;
  const now = deps.now ?? Date.now;
  const fetchUsers = deps.fetchUsers ?? listDomainUsers;

  const stored = (): Promise<Stored | undefined> => settings.get(GOOGLE_DIRECTORY_KEY, storedSchema);
  const status = async (): Promise<SyncStatus> =>
    (await settings.get(GOOGLE_SYNC_STATUS_KEY, statusSchema)) ?? NO_STATUS;

  const view = async (s?: Stored): Promise<GoogleDirectory> => {
    const [st, contactCount] = await Promise.all([status(), repo.count()]);
    return {
      adminEmail: s?.adminEmail ?? null,
      domain: s?.domain ?? null,
      serviceAccountKeySet: !!s?.key,
      serviceAccountEmail: s?.key?.clientEmail ?? null,
      lastSyncAt: iso(st.lastSyncAt),
      contactCount,
      lastError: st.lastError,
      lastErrorReason: reasonOfStatus(st),
      lastErrorAt: iso(st.lastErrorAt),
    };
  };

  // Read-modify-write of the settings (the key kept when omitted): one at a time here.
  const serialized = createSerialQueue();

  let running: Promise<GoogleDirectory> | undefined;

  const runSync = async (actor: Actor): Promise<GoogleDirectory> => {
    const s = await stored();
    const missing: Record<string, FieldProblem> = {};
    if (!s?.adminEmail) missing.adminEmail = fieldProblem('not_set', 'Not set');
    if (!s?.domain) missing.domain = fieldProblem('not_set', 'Not set');
    if (!s?.key) missing.serviceAccountKey = fieldProblem('not_set', 'Not set');
    if (!s || !s.key || Object.keys(missing).length > 0) {
      const what = Object.keys(missing).map((f) => MISSING_LABEL[f] ?? f);
      const list = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)!}` : what[0]!;
      throw new AppError(
        'conflict',
        'google_settings_missing',
        `Save the Google ${list} before syncing with Google`,
        {
          params: { fields: Object.keys(missing).join(', ') },
          fields: missing,
        },
      );
    }
    const key = s.key;
    const target = `Google directory ${s.domain}`;
    const before = await status();
    const countBefore = await repo.count();
    const started = now();
    /** Records a failure (the last success stays as it is) and audits it. */
    const failed = async (message: string, reason: StatusReason<GoogleSyncFailure>): Promise<number> => {
      const at = now();
      await settings.set(
        GOOGLE_SYNC_STATUS_KEY,
        {
          ...(await status()),
          lastError: message,
          lastErrorReason: { ...reason, text: message },
          lastErrorAt: at,
        } satisfies SyncStatus,
        at,
      );
      await audit.record(
        actor,
        'mivoice.google.sync',
        target,
        { contactCount: countBefore, lastSyncAt: iso(before.lastSyncAt) },
        { result: 'failed', error: message, contactCount: countBefore },
      );
      return at;
    };
    let users: DirectoryUser[];
    try {
      users = await fetchUsers(google, key, s.adminEmail, s.domain);
    } catch (err) {
      const message =
        err instanceof GoogleDirectoryError
          ? err.message
          : 'Google sync failed unexpectedly (see the server log)';
      const at = await failed(
        message,
        err instanceof GoogleDirectoryError ? err.failure : { code: 'unexpected', params: {} },
      );
      logger.warn(
        {
          err: err instanceof GoogleDirectoryError ? undefined : err,
          detail: err instanceof GoogleDirectoryError ? err.detail : undefined,
          domain: s.domain,
          actor: actor.username,
          ms: at - started,
        },
        `Google directory sync failed: ${message}`,
      );
      throw new AppError('upstream_failed', 'google_sync_failed', message, { params: { detail: message } });
    }
    const at = now();
    let count: number;
    try {
      count = await repo.replaceAll(users, at);
    } catch (err) {
      // The transaction rolled back: the previous cache is intact.
      // The database's own text stays in the log: the console (support users too) sees only what happened.
      const busy = isDatabaseBusy(err);
      const why = busy ? 'the database is busy; try again' : 'database error; see the server log';
      const message =
        `The ${users.length} contacts read from Google could not be stored ` +
        `(${why}); the previous cache is kept`;
      await failed(message, {
        code: 'not_stored',
        params: { count: users.length, busy: busy ? 'yes' : 'no' },
      }).catch(() => undefined);
      logger.error(
        { err, domain: s.domain, actor: actor.username },
        'Google directory sync: the cache could not be replaced',
      );
      throw new AppError(
        'unavailable',
        busy ? 'google_contacts_busy' : 'google_contacts_not_stored',
        message,
        {
          params: { count: String(users.length) },
        },
      );
    }
    await settings.set(
      GOOGLE_SYNC_STATUS_KEY,
      { lastSyncAt: at, lastError: null, lastErrorReason: null, lastErrorAt: null } satisfies SyncStatus,
      at,
    );
    await audit.record(
      actor,
      'mivoice.google.sync',
      target,
      { contactCount: countBefore, lastSyncAt: iso(before.lastSyncAt) },
      { result: 'ok', contactCount: count, lastSyncAt: iso(at) },
    );
    logger.info(
      { domain: s.domain, actor: actor.username, contacts: count, ms: at - started },
      'Google directory synced',
    );
    return view(s);
  };

  return {
    async get(): Promise<GoogleDirectory> {
      return view(await stored());
    },

    async update(req: UpdateGoogleDirectoryRequest, actor: Actor): Promise<GoogleDirectory> {
      // The key is checked before anything is read or written: a bad key changes nothing.
      const newKey =
        typeof req.serviceAccountKey === 'string'
          ? parseServiceAccountKey(req.serviceAccountKey)
          : req.serviceAccountKey;
      return serialized(async () => {
        const before = await stored();
        const after: Stored = {
          adminEmail: req.adminEmail,
          domain: req.domain,
          key: newKey === undefined ? (before?.key ?? null) : newKey,
        };
        if (before && JSON.stringify(before) === JSON.stringify(after)) return view(after);
        await settings.set(GOOGLE_DIRECTORY_KEY, after, now());
        await audit.record(
          actor,
          'mivoice.google.update',
          'Google corporate directory',
          auditSnapshot(before),
          auditSnapshot(after),
        );
        logger.info(
          {
            actor: actor.username,
            adminEmail: after.adminEmail,
            domain: after.domain,
            serviceAccountEmail: after.key?.clientEmail ?? null,
          },
          'Google directory settings updated',
        );
        return view(after);
      });
    },

    /** Sync with Google (200 with the new state; 502 keeps the cache; 409 when not configured). */
    sync(actor: Actor): Promise<GoogleDirectory> {
      if (running) return running;
      const run = runSync(actor).finally(() => {
        if (running === run) running = undefined;
      });
      running = run;
      return run;
    },

    async contacts(q: GoogleContactsQuery): Promise<GoogleContactsPage> {
      const text = q.q?.trim();
      const { rows, total } = await repo.list({
        limit: q.limit,
        offset: q.offset,
        ...(text ? { q: text } : {}),
      });
      return { total, items: rows.map(({ id: _id, ...c }) => c) };
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
