import type { X509Certificate } from 'node:crypto';
import type { Logger } from 'pino';
import { OIG_VERSION, type EndReason, type LicenseFile } from '@oig/shared';
import { tokenHash } from '../../lib/passwords.js';
import type { ThrottleStore } from '../../lib/throttle.js';
import type { AccountLookup, AclRegistry } from '../accounts/index.js';
import type { MivbLookup } from '../network-elements/index.js';
import { authenticateAdvanced, type AdvancedAuthenticateDeps } from './advanced-authenticate.js';
import { ApplicationLogin, type LoginParams, type LoginResult } from './application-login.js';
import type { Refusal } from './refused-logins.js';
import { SessionActivity } from './session-activity.js';
import { SessionCache, type CachedSession } from './session-cache.js';
import { SessionExpiry } from './session-expiry.js';
import { canonicalSessionId } from './session-ids.js';
import { fail, type Failure, type Outcome } from './session-outcome.js';
import type { EndCondition, SessionsRepo } from './sessions.repo.js';

export { isSupportedVersion, type LoginParams, type LoginResult } from './application-login.js';
export { failureText, type Failure, type Outcome } from './session-outcome.js';

export interface SessionManagerDeps {
  sessions: SessionsRepo;
  accounts: AccountLookup;
  acl: AclRegistry;
  networkElements: MivbLookup;
  inventory: () => LicenseFile;
  trustedCa: () => readonly X509Certificate[];
  keepAlive: { soapMs: number; restMs: number; graceMs: number };
  logger: Logger;
  /** The failure counters of the login throttle (shared with the other processes). */
  throttles: ThrottleStore;
  /** Told of each refused login (SOAP, REST, advanced authentication); never a password. */
  refused: (r: Refusal) => void;
  now?: () => number;
  /** Timer periods; tests shorten them. */
  timers?: { sweepMs?: number };
}

/**
 * The one session manager behind SOAP and REST. The database is the truth (so sessions
 * survive restarts and are shared by several processes); this process keeps a cache keyed by
 * the hash of the session id (`session-cache.ts`), writes keep-alive activity in batches
 * (`session-activity.ts`) and ends idle sessions (`session-expiry.ts`). This class wires those
 * together with login (`application-login.ts`) and advanced authentication.
 */
export class SessionManager {
  private readonly now: () => number;
  private readonly sweepMs: number;
  private readonly cache: SessionCache;
  private readonly activity: SessionActivity;
  private readonly expiry: SessionExpiry;
  private readonly logins: ApplicationLogin;
  private readonly advanced: AdvancedAuthenticateDeps;

  constructor(private readonly d: SessionManagerDeps) {
    const now = (this.now = d.now ?? Date.now);
    this.sweepMs = d.timers?.sweepMs ?? 500;
    this.cache = new SessionCache(now);
    this.activity = new SessionActivity({
      sessions: d.sessions,
      gone: (handle) => this.forget(handle),
      logger: d.logger,
    });
    this.expiry = new SessionExpiry({
      sessions: d.sessions,
      seenActivityAt: (handle) => this.cache.byHandle(handle)?.lastActivityAt,
      flush: () => this.activity.flush(),
      end: (handle, reason, only) => this.endLogged(handle, reason, only),
      graceMs: d.keepAlive.graceMs,
      sweepMs: this.sweepMs,
      maxWindowMs: Math.max(d.keepAlive.soapMs, d.keepAlive.restMs),
      now,
      logger: d.logger,
    });
    this.logins = new ApplicationLogin({
      ...d,
      now,
      opened: (row) => void this.cache.remember(row),
    });
    this.advanced = {
      sessions: d.sessions,
      refused: d.refused,
      end: (handle, reason) => this.end(handle, reason),
      now,
      logger: d.logger,
    };
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /**
   * Ends the sessions that expired while no server was running (reason: server shutdown),
   * then starts the activity writer and the expiry sweeper. Sessions still inside their
   * window simply carry on.
   */
  async start(): Promise<number> {
    const ended = await this.expiry.endExpired('server-shutdown');
    // Activity is written on its own timer, so expiry work can never hold it back.
    this.activity.start(this.sweepMs);
    this.expiry.start();
    return ended;
  }

  /** Stops timers and writes pending activity. Sessions stay: they survive a restart. */
  async stop(): Promise<void> {
    const sweepDone = this.expiry.stop(); // the timer stops now; a round under way finishes
    this.activity.stopTimer();
    await sweepDone;
    await this.activity.flush();
  }

  /** One expiry pass (`SessionExpiry.sweepOnce`); tests drive it with their own clock. */
  sweepOnce(): Promise<number> {
    return this.expiry.sweepOnce();
  }

  /** Writes batched keep-alive activity now. */
  flush(): Promise<void> {
    return this.activity.flush();
  }

  /** Drops every cached session (they reload from the database on their next request). */
  forgetAll(): void {
    this.cache.clear();
  }

  /** Drops a session that has ended (here or elsewhere) from this process's cache for good. */
  forget(handle: string): void {
    this.cache.forget(handle);
    this.activity.drop(handle);
  }

  private async endLogged(handle: string, reason: EndReason, only: EndCondition = {}): Promise<boolean> {
    const row = await this.d.sessions.end(handle, reason, this.now(), only);
    if (!row) return false;
    this.forget(handle);
    // An advanced login whose challenge was never answered is a refused login too.
    if (only.challengeExpiredBy !== undefined)
      this.d.refused({
        protocol: row.protocol,
        companyName: row.company_name,
        applicationName: row.application_name,
        clientAddress: row.client_address,
        reason: 'advanced_login_failed',
      });
    this.d.logger.info(
      {
        app: row.application_name,
        company: row.company_name,
        reason,
        idleMs: this.now() - Number(row.last_activity_at),
      },
      'session ended',
    );
    return true;
  }

  // ---- application operations ------------------------------------------------------------

  login(p: LoginParams): Promise<LoginResult> {
    return this.logins.login(p);
  }

  /** Finds a live session by its presented id and records the activity. */
  private async resolve(rawId: string | undefined): Promise<CachedSession | undefined> {
    const id = canonicalSessionId(rawId);
    if (!id) return undefined;
    const th = tokenHash(id);
    let s = this.cache.get(th);
    if (!s) {
      const row = await this.d.sessions.findByTokenHash(th);
      // Ended while we were reading it: do not bring it back into the cache.
      s = row && this.cache.fill(row);
      if (!s) return undefined;
    }
    this.activity.seen(s, this.now());
    return s;
  }

  async keepAlive(rawId: string | undefined): Promise<Outcome> {
    return (await this.resolve(rawId)) ? { ok: true } : fail('invalidSession');
  }

  async logout(rawId: string | undefined): Promise<Outcome> {
    const s = await this.resolve(rawId);
    if (!s) return fail('invalidSession');
    return (await this.end(s.handle, 'logout')) ? { ok: true } : fail('invalidSession');
  }

  async serviceVersions(rawId: string | undefined): Promise<{ ok: true; versions: string } | Failure> {
    if (!(await this.resolve(rawId))) return fail('invalidSession');
    const mivb = await this.d.networkElements.mivbVersions();
    const parts = [
      `OIG ${OIG_VERSION}`,
      ...mivb.map((m) => `MiVB ${m.version ?? 'unknown'} (${m.ipAddress})`),
    ];
    return { ok: true, versions: parts.join('; ') };
  }

  /**
   * Advanced login, step two (`advanced-authenticate.ts`): the signed challenge. `clientAddress`
   * (of this request) goes on the refusal's record when it fails.
   */
  async authenticate(
    rawId: string | undefined,
    signed: string | undefined,
    clientAddress?: string,
  ): Promise<Outcome> {
    const s = await this.resolve(rawId);
    if (!s) return fail('invalidSession');
    return authenticateAdvanced(this.advanced, s, signed, clientAddress);
  }

  // ---- administration --------------------------------------------------------------------

  /** Ends a session by its console handle; false when it was already gone. */
  async end(handle: string, reason: EndReason): Promise<boolean> {
    const ended = await this.endLogged(handle, reason);
    this.forget(handle);
    return ended;
  }
}
