import { appKey } from '../../lib/app-key.js';
import { z } from 'zod';
import {
  reasonParamsSchema,
  type Account,
  type AclFile,
  type AclResponse,
  type CreateAccountRequest,
  type McsFetchFailure,
  type StatusReason,
} from '@oig/shared';
import type { Logger } from 'pino';
import { AppError, fieldProblem } from '../../http/app-error.js';
import { hashPassword } from '../../lib/passwords.js';
import type { Actor, AuditService } from '../audit/index.js';
import type { SettingsStore } from '../../db/settings-store.js';
import {
  aclSnapshotSchema,
  snapshotOf,
  type AclEntry,
  type AclRegistry,
  type AclSourceKind,
} from './acl-registry.js';
import type { AccountRow, AccountsRepo } from './accounts.repo.js';
import { displayUrl, fetchAclFromMcs, McsFetchError } from './mcs-client.js';

/** Settings key of the ACL last fetched from the MCS (application passwords as digests only). */
export const ACL_MCS_KEY = 'acl.mcs';
/** Settings key of the outcome of the last fetch attempt, shown in the console. */
export const ACL_LAST_FETCH_KEY = 'acl.lastFetch';

/**
 * As stored. `reason` (the failure as a code and params) is absent from attempts recorded before it
 * was kept, or by a process of the previous version during a rolling upgrade.
 */
const lastFetchSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  reason: z.object({ code: z.string(), params: reasonParamsSchema }).nullable().optional(),
});
type LastFetch = z.infer<typeof lastFetchSchema>;

/** The reason the 502 of a failed fetch carries (`params.failure`: the MCS_FETCH_FAILURES code). */
export const MCS_FETCH_FAILED_REASON = 'mcs_fetch_failed';

/** Most application names listed as added/removed in one `acl.refresh` audit entry. */
const AUDIT_NAMES_MAX = 50;

export function createAccountsService(deps: {
  repo: AccountsRepo;
  acl: AclRegistry;
  activeSessionsByApp: () => Promise<Map<string, number>>;
  logger: Logger;
  /** Persisted settings (the fetched ACL, the last fetch outcome); shared with other processes. */
  settings: SettingsStore;
  audit: AuditService;
  /** OIG_MCS_URL, OIG_MCS_TIMEOUT_MS, and the ACL from OIG_ACL_FILE / the bundled demo. */
  config: {
    mcsUrl: string | undefined;
    mcsTimeoutMs: number;
    acl: { source: string; sourceKind: AclSourceKind; file: AclFile };
  };
  now?: () => number;
  /** Replaces the MCS fetch (tests). */
  fetchAcl?: (url: string, timeoutMs: number) => Promise<AclFile>;
}) {
  const { repo, acl, logger, settings, audit, config } = deps;
  const now = deps.now ?? Date.now;
  const fetchAcl = deps.fetchAcl ?? fetchAclFromMcs;
  const target = (c: string, a: string) => `${c} / ${a}`;
  const mcsUrl = config.mcsUrl ? displayUrl(config.mcsUrl) : null;

  const toAccount = (r: AccountRow, activeSessions: number): Account => {
    const entry = acl.find(r.companyName, r.applicationName);
    // An account whose application left the ACL cannot log in; it is still listed so it can be cleaned up.
    return {
      companyName: r.companyName,
      applicationName: r.applicationName,
      serviceType: entry?.serviceType ?? 'standard',
      licenseProfile: entry?.licenseProfile ?? 'third-party',
      activeSessions,
      enabled: r.enabled,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
    };
  };

  const notFound = (c: string, a: string) =>
    new AppError('not_found', 'no_local_password', `Application "${a}" of "${c}" has no local password`, {
      params: { application: a, company: c },
      fields: { applicationName: fieldProblem('has_no_local_password', 'Has no local password') },
    });

  /** The account as stored now, with its live session count; 404 when it has no local password. */
  const current = async (c: string, a: string): Promise<Account> => {
    const [row, active] = await Promise.all([repo.find(c, a), deps.activeSessionsByApp()]);
    if (!row) throw notFound(c, a);
    return toAccount(row, active.get(appKey(c, a)) ?? 0);
  };

  /** Puts the persisted MCS list in use, or the configured one when none is stored. */
  const loadStoredAcl = async (): Promise<void> => {
    const snapshot = await settings.get(ACL_MCS_KEY, aclSnapshotSchema);
    if (snapshot) {
      acl.load(snapshot);
      logger.info(
        { source: snapshot.source, loadedAt: snapshot.loadedAt, applications: snapshot.applications.length },
        'using the application list fetched from the MCS',
      );
    } else if (acl.sourceKind === 'mcs') {
      acl.replace(config.acl.file, config.acl.source, config.acl.sourceKind);
    }
  };

  const recordFetch = async (f: LastFetch): Promise<void> => {
    try {
      await settings.set(ACL_LAST_FETCH_KEY, f, now());
    } catch (err) {
      logger.error({ err }, 'could not store the outcome of the ACL fetch');
    }
  };

  const names = (entries: AclEntry[]) => entries.map((e) => target(e.companyName, e.applicationName));
  const capped = (list: string[]) =>
    list.length > AUDIT_NAMES_MAX
      ? [...list.slice(0, AUDIT_NAMES_MAX), `… ${list.length - AUDIT_NAMES_MAX} more`]
      : list;

  let refreshing: Promise<AclResponse> | undefined;

  const refreshOnce = async (actor: Actor): Promise<AclResponse> => {
    if (!config.mcsUrl || !mcsUrl) {
      throw new AppError(
        'unavailable',
        'mcs_not_configured',
        `No Mitel Certificate Server is configured (OIG_MCS_URL); the application list from ${acl.source} stays in use`,
        { params: { source: acl.source } },
      );
    }
    const previous = {
      source: acl.source,
      sourceKind: acl.sourceKind,
      loadedAt: acl.loadedAt.toISOString(),
      names: names(acl.list()),
    };
    let file: AclFile;
    try {
      file = await fetchAcl(config.mcsUrl, config.mcsTimeoutMs);
    } catch (err) {
      const reason = err instanceof McsFetchError ? err.reason : (err as Error).message;
      const failure: StatusReason<McsFetchFailure> =
        err instanceof McsFetchError ? err.failure : { code: 'other', params: { detail: reason } };
      const message =
        `Could not get the application list from ${mcsUrl}: ${reason}. ` +
        `The previous list from ${previous.source} stays in use.`;
      await recordFetch({ at: new Date(now()).toISOString(), ok: false, error: message, reason: failure });
      logger.warn({ url: mcsUrl, reason }, 'ACL fetch from the MCS failed; the previous list stays in use');
      // The failure's own params first: url, detail and source are those of mcs_fetch_failed.
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(failure.params)) params[k] = String(v);
      Object.assign(params, { url: mcsUrl, detail: reason, source: previous.source });
      throw AppError.withReason('upstream_failed', MCS_FETCH_FAILED_REASON, message, {
        ...params,
        failure: failure.code,
      });
    }
    const fetchedAt = new Date(now());
    // Clear-text application passwords go no further than this line: only digests are kept.
    const snapshot = await snapshotOf(file, mcsUrl, 'mcs', fetchedAt);
    await settings.set(ACL_MCS_KEY, snapshot, fetchedAt.getTime());
    acl.load(snapshot);
    await recordFetch({ at: fetchedAt.toISOString(), ok: true, error: null, reason: null });
    const after = names(acl.list());
    const before = new Set(previous.names);
    const afterSet = new Set(after);
    await audit.record(
      actor,
      'acl.refresh',
      mcsUrl,
      {
        source: previous.source,
        sourceKind: previous.sourceKind,
        loadedAt: previous.loadedAt,
        applications: previous.names.length,
      },
      {
        source: mcsUrl,
        sourceKind: 'mcs',
        loadedAt: fetchedAt.toISOString(),
        applications: after.length,
        added: capped(after.filter((n) => !before.has(n))),
        removed: capped(previous.names.filter((n) => !afterSet.has(n))),
      },
    );
    logger.info(
      { actor: actor.username, url: mcsUrl, applications: after.length },
      'application list fetched from the MCS',
    );
    return service.describeAcl();
  };

  const service = {
    /** At start: a list fetched from the MCS earlier (by any process) wins over the configured one. */
    async init(): Promise<void> {
      await loadStoredAcl();
    },

    /** A setting changed (another process, PostgreSQL notification). */
    async onSettingChanged(key: string): Promise<void> {
      if (key === ACL_MCS_KEY) await loadStoredAcl();
    },

    async describeAcl(): Promise<AclResponse> {
      const [rows, lastFetch] = await Promise.all([
        repo.list(),
        settings.get(ACL_LAST_FETCH_KEY, lastFetchSchema),
      ]);
      const withPassword = new Set(rows.map((a) => appKey(a.companyName, a.applicationName)));
      return {
        ...acl.describe((e) => withPassword.has(appKey(e.companyName, e.applicationName))),
        mcsUrl,
        lastFetch: lastFetch ? { ...lastFetch, reason: lastFetch.reason ?? null } : null,
      };
    },

    /** "Get the latest application list": fetches the ACL from the MCS. Concurrent calls share one fetch. */
    async refreshAcl(actor: Actor): Promise<AclResponse> {
      refreshing ??= refreshOnce(actor).finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },

    /** Applications with a local password (the Overview). */
    count: (): Promise<number> => repo.count(),

    async list(): Promise<Account[]> {
      const [rows, active] = await Promise.all([repo.list(), deps.activeSessionsByApp()]);
      return rows.map((r) => toAccount(r, active.get(appKey(r.companyName, r.applicationName)) ?? 0));
    },

    async create(req: CreateAccountRequest, actor: Actor): Promise<Account> {
      const entry = acl.find(req.companyName, req.applicationName);
      if (!entry) {
        throw new AppError(
          'validation_failed',
          'application_not_in_acl',
          `Application "${req.applicationName}" of "${req.companyName}" is not in the Access Control List`,
          {
            params: { application: req.applicationName, company: req.companyName },
            fields: { applicationName: fieldProblem('not_in_acl', 'Not in the Access Control List') },
          },
        );
      }
      const inserted = await repo.insert({
        ...req,
        localPasswordHash: await hashPassword(req.localPassword),
        now: now(),
      });
      if (!inserted) {
        throw new AppError(
          'conflict',
          'local_password_exists',
          `Application "${req.applicationName}" already has a local password`,
          {
            params: { application: req.applicationName },
            fields: { applicationName: fieldProblem('has_local_password', 'Already has a local password') },
          },
        );
      }
      await audit.record(actor, 'account.create', target(req.companyName, req.applicationName), null, {
        companyName: req.companyName,
        applicationName: req.applicationName,
        localPassword: req.localPassword,
        enabled: true,
      });
      logger.info(
        { actor: actor.username, companyName: req.companyName, applicationName: req.applicationName },
        'application local password created',
      );
      return current(req.companyName, req.applicationName);
    },

    /** New local password for the next logins; sessions already open carry on. */
    async changePassword(
      companyName: string,
      applicationName: string,
      localPassword: string,
      actor: Actor,
    ): Promise<Account> {
      if (!(await repo.find(companyName, applicationName))) throw notFound(companyName, applicationName);
      const updated = await repo.updatePassword(
        companyName,
        applicationName,
        await hashPassword(localPassword),
        now(),
      );
      if (!updated) throw notFound(companyName, applicationName);
      await audit.record(
        actor,
        'account.password.change',
        target(companyName, applicationName),
        { localPassword: 'previous' },
        { localPassword },
      );
      logger.info(
        { actor: actor.username, companyName, applicationName },
        'application local password changed',
      );
      return current(companyName, applicationName);
    },

    /** Disables (new logins refused, "Application disabled") or enables; open sessions carry on. */
    async setEnabled(
      companyName: string,
      applicationName: string,
      enabled: boolean,
      actor: Actor,
    ): Promise<Account> {
      const before = await repo.find(companyName, applicationName);
      if (!before) throw notFound(companyName, applicationName);
      // Nothing to change: no write, no audit entry (as for Options).
      if (before.enabled === enabled) return current(companyName, applicationName);
      if (!(await repo.setEnabled(companyName, applicationName, enabled, now())))
        throw notFound(companyName, applicationName);
      await audit.record(
        actor,
        'account.update',
        target(companyName, applicationName),
        { enabled: before.enabled },
        { enabled },
      );
      logger.info(
        { actor: actor.username, companyName, applicationName, enabled },
        enabled ? 'application enabled' : 'application disabled',
      );
      return current(companyName, applicationName);
    },

    /** Deletes the local password: the next logins are refused, open sessions carry on. */
    async remove(companyName: string, applicationName: string, actor: Actor): Promise<void> {
      const deleted = await repo.delete(companyName, applicationName);
      if (!deleted) throw notFound(companyName, applicationName);
      await audit.record(
        actor,
        'account.delete',
        target(companyName, applicationName),
        { enabled: deleted.enabled, localPassword: 'set' },
        null,
      );
      logger.info(
        { actor: actor.username, companyName, applicationName },
        'application local password deleted',
      );
    },
  };
  return service;
}
export type AccountsService = ReturnType<typeof createAccountsService>;
