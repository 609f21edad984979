import { randomUUID, type X509Certificate } from 'node:crypto';
import type { Logger } from 'pino';
import {
  LATEST_WSDL_VERSION,
  OIG_VERSION,
  SESSION_ERRORS,
  type EndReason,
  type LicenseFile,
  type ServiceType,
  type SessionErrorKey,
  type SessionProtocol,
} from '@oig/shared';
import { tokenHash, VerifiedPasswordCache } from '../../lib/passwords.js';
import { FailureThrottle } from '../../lib/throttle.js';
import type { AclRegistry } from '../accounts/acl-registry.js';
import type { AccountsRepo } from '../accounts/accounts.repo.js';
import { NoLicenseError } from '../licensing/licensing.repo.js';
import { capacityOf, countersFor, type LicenseCounter } from '../licensing/licensing.js';
import type { NetworkElementsRepo } from '../network-elements/network-elements.repo.js';
import {
  checkApplicationCertificate,
  CHALLENGE_TTL_MS,
  newChallenge,
  parseSignedBytes,
  verifyChallengeSignature,
} from './advanced-auth.js';
import { activityWriteEveryMs } from './activity.js';
import { canonicalSessionId, newSessionId } from './session-ids.js';
import type { AppSessionRow, EndCondition, SessionsRepo } from './sessions.repo.js';

export interface LoginParams {
  protocol: SessionProtocol;
  companyName?: string;
  applicationName?: string;
  applicationPassword?: string;
  localPassword?: string;
  version?: string;
  certificate?: string;
  clientAddress: string;
}

export type Failure = { ok: false; error: SessionErrorKey; detail?: string };
export type LoginResult = { ok: true; sessionId: string; authenticationData?: string } | Failure;
export type Outcome = { ok: true } | Failure;

interface CachedSession {
  handle: string;
  tokenHash: string;
  serviceType: ServiceType;
  challenge: string | null;
  challengeExpiresAt: number | null;
  certificatePem: string | null;
  lastActivityAt: number;
  /** Last activity time known to be in the database. */
  storedActivityAt: number;
  keepAliveMs: number;
}

export interface SessionManagerDeps {
  sessions: SessionsRepo;
  accounts: AccountsRepo;
  acl: AclRegistry;
  networkElements: NetworkElementsRepo;
  inventory: () => LicenseFile;
  trustedCa: () => readonly X509Certificate[];
  keepAlive: { soapMs: number; restMs: number; graceMs: number };
  logger: Logger;
  now?: () => number;
  /** Timer periods; tests shorten them. */
  timers?: { sweepMs?: number };
}

/** Most time one sweep spends ending sessions; the rest wait for the next round. */
const MAX_EXPIRY_WORK_MS = 250;
/** How long an ended session's handle is remembered, so a late cache fill cannot revive it. */
const ENDED_MEMORY_MS = 60_000;

const fail = (error: SessionErrorKey, detail?: string): Failure => ({
  ok: false,
  error,
  ...(detail ? { detail } : {}),
});

/** The stable error text an application receives (SOAP errorDesc, REST error). */
export function failureText(f: Failure): string {
  return f.detail && DETAILED.has(f.error)
    ? `${SESSION_ERRORS[f.error]}: ${f.detail}`
    : SESSION_ERRORS[f.error];
}
/** Errors whose text carries a detail after the stable phrase (which field, which version). */
const DETAILED = new Set<SessionErrorKey>(['missingParameter', 'unsupportedVersion']);

/** Is `v` a WSDL version we serve (any x.y up to the latest)? Missing/empty means the latest. */
export function isSupportedVersion(v: string | undefined): boolean {
  if (v === undefined || v.trim() === '') return true;
  const m = /^(\d{1,3})(?:\.(\d{1,3}))?(?:\.\d{1,3})?$/.exec(v.trim());
  if (!m) return false;
  const [lmaj, lmin] = LATEST_WSDL_VERSION.split('.').map(Number) as [number, number];
  const maj = Number(m[1]);
  const min = Number(m[2] ?? 0);
  return maj >= 1 && (maj < lmaj || (maj === lmaj && min <= lmin));
}

/**
 * The one session manager behind SOAP and REST. The database is the truth (so sessions
 * survive restarts and are shared by several processes); this process keeps a cache keyed by
 * the hash of the session id, and writes keep-alive activity in batches.
 */
export class SessionManager {
  private readonly cache = new Map<string, CachedSession>();
  private readonly byHandle = new Map<string, string>();
  private dirty = new Map<string, number>();
  private readonly verified = new VerifiedPasswordCache();
  private readonly loginFailures = new FailureThrottle(20, 60);
  private readonly now: () => number;
  private readonly sweepMs: number;
  private sweepTimer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastSweepAt = 0;
  private sweeping: Promise<unknown> | undefined;
  private flushing: Promise<void> | undefined;
  /** Sessions ended lately (here or, via NOTIFY, elsewhere): never cached again. */
  private readonly ended = new Map<string, number>();

  constructor(private readonly d: SessionManagerDeps) {
    this.now = d.now ?? Date.now;
    this.sweepMs = d.timers?.sweepMs ?? 500;
  }

  /**
   * Slack before a session is ended: the grace period plus two sweep periods, the most that
   * activity seen by any process can wait before it reaches the database.
   */
  private get slackMs(): number {
    return this.d.keepAlive.graceMs + 2 * this.sweepMs;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /**
   * Ends the sessions that expired while no server was running (reason: server shutdown),
   * then starts the activity writer and the expiry sweeper. Sessions still inside their
   * window simply carry on.
   */
  async start(): Promise<number> {
    const ended = await this.endExpired('server-shutdown');
    this.lastSweepAt = this.now();
    // Activity is written on its own timer, so expiry work can never hold it back.
    this.flushTimer = setInterval(
      () =>
        void this.flush().catch((err: unknown) =>
          this.d.logger.error({ err }, 'writing session activity failed'),
        ),
      this.sweepMs,
    );
    this.flushTimer.unref();
    this.sweepTimer = setInterval(() => this.tick(), this.sweepMs);
    this.sweepTimer.unref();
    return ended;
  }

  /** Stops timers and writes pending activity. Sessions stay: they survive a restart. */
  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    clearInterval(this.flushTimer);
    this.sweepTimer = this.flushTimer = undefined;
    await this.sweeping;
    await this.flush();
  }

  private tick(): void {
    const now = this.now();
    const gap = now - this.lastSweepAt;
    this.lastSweepAt = now;
    if (this.sweeping) return;
    // After an event-loop stall, keep-alives that arrived on time may still be queued in
    // sockets: skip this round so they are read and counted before anything is expired.
    if (gap > this.sweepMs * 3) {
      this.d.logger.warn({ stallMs: gap - this.sweepMs }, 'event loop stalled; expiry deferred one round');
      return;
    }
    // setImmediate runs after the poll phase, so I/O already waiting is handled first.
    this.sweeping = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.sweepOnce())
      .catch((err: unknown) => this.d.logger.error({ err }, 'session sweep failed'))
      .finally(() => {
        this.sweeping = undefined;
      });
  }

  /**
   * One expiry pass: write own activity first, then end what every process left idle, and
   * advanced logins whose challenge went unanswered.
   */
  async sweepOnce(): Promise<number> {
    await this.flush();
    const now = this.now();
    let n = await this.endExpired('keepalive-timeout');
    for (const c of await this.d.sessions.expiredChallenges(now)) {
      if (await this.endLogged(c.handle, 'authentication-failed', { challengeExpiredBy: now })) n++;
    }
    return n;
  }

  private async endExpired(reason: EndReason): Promise<number> {
    const started = this.now();
    const candidates = await this.d.sessions.expiredBefore(started, this.slackMs);
    let n = 0;
    for (const c of candidates) {
      const seen = Number(c.last_activity_at);
      // Activity this process has seen but not written yet keeps the session.
      const cached = this.cache.get(this.byHandle.get(c.handle) ?? '');
      if (cached && cached.lastActivityAt > seen) continue;
      if (await this.endLogged(c.handle, reason, { idleSince: seen })) n++;
      // Bounded work per round (the rest waits for the next one); activity keeps flowing.
      if (this.now() - started > MAX_EXPIRY_WORK_MS) break;
    }
    return n;
  }

  private async endLogged(handle: string, reason: EndReason, only: EndCondition = {}): Promise<boolean> {
    const row = await this.d.sessions.end(handle, reason, this.now(), only);
    if (!row) return false;
    this.forget(handle);
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

  /**
   * Writes batched keep-alive activity; forgets sessions another process has ended. A failed
   * write puts its batch back, so no keep-alive is lost.
   */
  flush(): Promise<void> {
    // One write at a time; callers during a write wait for it.
    this.flushing ??= this.writeActivity().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async writeActivity(): Promise<void> {
    if (this.dirty.size === 0) return;
    const batch = this.dirty;
    this.dirty = new Map();
    try {
      const gone = await this.d.sessions.recordActivity([...batch].map(([handle, at]) => ({ handle, at })));
      for (const h of gone) this.forget(h);
    } catch (err) {
      for (const [h, at] of batch) if ((this.dirty.get(h) ?? 0) < at) this.dirty.set(h, at);
      throw err;
    }
  }

  /** Drops every cached session (they reload from the database on their next request). */
  forgetAll(): void {
    this.cache.clear();
    this.byHandle.clear();
  }

  /** Drops a session that has ended (here or elsewhere) from this process's cache for good. */
  forget(handle: string): void {
    const th = this.byHandle.get(handle);
    if (th) this.cache.delete(th);
    this.byHandle.delete(handle);
    this.dirty.delete(handle);
    const now = this.now();
    this.ended.set(handle, now + ENDED_MEMORY_MS);
    if (this.ended.size > 10_000)
      for (const [h, until] of this.ended) if (until < now || this.ended.size > 10_000) this.ended.delete(h);
  }

  private remember(row: AppSessionRow): CachedSession {
    const s: CachedSession = {
      handle: row.handle,
      tokenHash: row.token_hash,
      serviceType: row.service_type,
      challenge: row.challenge,
      challengeExpiresAt: row.challenge_expires_at === null ? null : Number(row.challenge_expires_at),
      certificatePem: row.certificate_pem,
      lastActivityAt: Number(row.last_activity_at),
      storedActivityAt: Number(row.last_activity_at),
      keepAliveMs: Number(row.keepalive_ms),
    };
    this.cache.set(s.tokenHash, s);
    this.byHandle.set(s.handle, s.tokenHash);
    return s;
  }

  // ---- application operations ------------------------------------------------------------

  async login(p: LoginParams): Promise<LoginResult> {
    const required: Array<[keyof LoginParams, string | undefined]> = [
      ['applicationName', p.applicationName],
      ['companyName', p.companyName],
      ['applicationPassword', p.applicationPassword],
      ['localPassword', p.localPassword],
    ];
    const missing = required.filter(([, v]) => v === undefined || v === '').map(([k]) => k);
    if (missing.length > 0) return fail('missingParameter', missing.join(', '));
    const companyName = p.companyName!;
    const applicationName = p.applicationName!;
    const throttleKey = `${p.clientAddress}|${companyName}|${applicationName}`;
    // Bindings on each line rather than a child logger: no logger object per login on this hot path.
    const who = { app: applicationName, company: companyName, protocol: p.protocol, client: p.clientAddress };
    const log = this.d.logger;
    const tooMany = (): Failure => {
      log.warn(who, 'application login refused: too many failures');
      return fail('tooManyAttempts');
    };

    if ((await this.loginFailures.blockedFor(throttleKey)) > 0) return tooMany();
    const refuse = async (error: SessionErrorKey, counted = false): Promise<Failure> => {
      if (!counted) await this.loginFailures.fail(throttleKey);
      log.warn({ ...who, reason: error }, 'application login failed');
      return fail(error);
    };

    if (p.protocol === 'soap' && !isSupportedVersion(p.version)) {
      log.warn({ ...who, version: p.version }, 'application login failed: unsupported version');
      return fail('unsupportedVersion', `${p.version} (supported up to ${LATEST_WSDL_VERSION})`);
    }
    // A password not yet known to be right costs a slow hash: take the attempt first, so
    // that concurrent guesses cannot all start before one of them has been counted.
    // (Identical attempts already being checked share that check and cost nothing more.)
    const checkPassword = async (
      check: { slow: boolean; run: () => Promise<boolean> },
      error: SessionErrorKey,
    ): Promise<Failure | undefined> => {
      if (check.slow && !(await this.loginFailures.take(throttleKey))) return tooMany();
      if (!(await check.run())) return refuse(error, check.slow);
      if (check.slow) await this.loginFailures.giveBack(throttleKey);
      return undefined;
    };
    const entry = this.d.acl.find(companyName, applicationName);
    if (!entry) return refuse('applicationNotRegistered');
    const badApplicationPassword = await checkPassword(
      this.d.acl.passwordCheck(entry, p.applicationPassword!),
      'applicationPasswordInvalid',
    );
    if (badApplicationPassword) return badApplicationPassword;
    const account = await this.d.accounts.find(companyName, applicationName);
    if (!account) return refuse('localPasswordInvalid');
    const localPassword = p.localPassword!;
    const hash = account.localPasswordHash;
    const badLocalPassword = await checkPassword(
      {
        slow: this.verified.state(localPassword, hash) === 'unknown',
        run: () => this.verified.verify(localPassword, hash),
      },
      'localPasswordInvalid',
    );
    if (badLocalPassword) return badLocalPassword;
    if (!account.enabled) return refuse('applicationDisabled');

    const now = this.now();
    let challenge: string | null = null;
    let certificatePem: string | null = null;
    const certificate = p.certificate?.trim();
    if (certificate) {
      const checked = checkApplicationCertificate(certificate, this.d.trustedCa(), entry, new Date(now));
      if (!checked.ok) return refuse(checked.error);
      challenge = newChallenge();
      certificatePem = checked.cert.toString();
    }

    const sessionId = newSessionId();
    const counters = countersFor(entry.licenseProfile, p.protocol, challenge !== null);
    const inventory = this.d.inventory();
    const row: AppSessionRow = {
      handle: randomUUID(),
      token_hash: tokenHash(sessionId),
      token_last4: sessionId.slice(-4),
      company_name: companyName,
      application_name: applicationName,
      service_type: 'standard',
      protocol: p.protocol,
      client_address: p.clientAddress,
      created_at: now,
      last_activity_at: now,
      keepalive_ms: p.protocol === 'soap' ? this.d.keepAlive.soapMs : this.d.keepAlive.restMs,
      licenses: JSON.stringify(counters),
      challenge,
      challenge_expires_at: challenge ? now + CHALLENGE_TTL_MS : null,
      certificate_pem: certificatePem,
    };
    try {
      await this.d.sessions.create(row, counters, (c: LicenseCounter) => capacityOf(inventory, c));
    } catch (e) {
      if (e instanceof NoLicenseError) {
        log.warn({ ...who, reason: 'noLicense', counter: e.counter }, 'application login failed');
        return fail('noLicense', e.counter);
      }
      throw e;
    }
    await this.loginFailures.reset(throttleKey);
    this.remember(row);
    log.info(
      { ...who, advancedPending: challenge !== null, session: row.token_last4 },
      'application logged in',
    );
    return { ok: true, sessionId, ...(challenge ? { authenticationData: challenge } : {}) };
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
      if (!row || this.ended.has(row.handle)) return undefined;
      s = this.remember(row);
    }
    const now = this.now();
    s.lastActivityAt = now;
    if (now - s.storedActivityAt >= activityWriteEveryMs(s.keepAliveMs)) {
      this.dirty.set(s.handle, now);
      s.storedActivityAt = now;
    }
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
   * Advanced login, step two: the signature of the challenge must verify with the key of the
   * certificate given at loginEx. The challenge is single-use; a failed attempt ends the session.
   */
  async authenticate(rawId: string | undefined, signed: string | undefined): Promise<Outcome> {
    const s = await this.resolve(rawId);
    if (!s) return fail('invalidSession');
    const challenge = s.challenge;
    const certificatePem = s.certificatePem;
    if (!challenge || !certificatePem) {
      // No pending challenge: a replay, or a standard session. The live session is left alone.
      this.d.logger.warn({ session: s.handle }, 'authenticate without a pending challenge');
      return fail('authenticationFailed');
    }
    s.challenge = null;
    if (!(await this.d.sessions.takeChallenge(s.handle, challenge, this.now()))) {
      // Taken already (by another process, perhaps successfully) or expired: only a session
      // still waiting on an expired challenge is ended; an authenticated one carries on.
      const row = await this.d.sessions.findByHandle(s.handle);
      if (row && row.challenge === null) {
        s.serviceType = row.service_type;
        s.certificatePem = null;
      } else if (row) {
        await this.end(s.handle, 'authentication-failed');
      }
      this.d.logger.warn(
        { session: s.handle },
        'advanced authentication failed: challenge expired or already used',
      );
      return fail('authenticationFailed');
    }
    const signature = signed === undefined ? undefined : parseSignedBytes(signed);
    if (!signature || !verifyChallengeSignature(challenge, signature, certificatePem)) {
      await this.end(s.handle, 'authentication-failed');
      this.d.logger.warn(
        { session: s.handle, reason: signature ? 'bad signature' : 'malformed signed bytes' },
        'advanced authentication failed',
      );
      return fail('authenticationFailed');
    }
    await this.d.sessions.markAdvanced(s.handle);
    s.serviceType = 'advanced';
    s.certificatePem = null;
    this.d.logger.info({ session: s.handle }, 'advanced authentication succeeded');
    return { ok: true };
  }

  // ---- administration --------------------------------------------------------------------

  /** Ends a session by its console handle; false when it was already gone. */
  async end(handle: string, reason: EndReason): Promise<boolean> {
    const ended = await this.endLogged(handle, reason);
    this.forget(handle);
    return ended;
  }
}
