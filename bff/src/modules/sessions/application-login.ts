import { randomUUID, type X509Certificate } from 'node:crypto';
import type { Logger } from 'pino';
import {
  LATEST_WSDL_VERSION,
  type LicenseFile,
  type RefusedLoginReason,
  type SessionErrorKey,
  type SessionProtocol,
  type UsageCounter,
} from '@oig/shared';
import { tokenHash, VerifiedPasswordCache } from '../../lib/passwords.js';
import { FailureThrottle, type ThrottleStore } from '../../lib/throttle.js';
import type { AccountLookup, AclEntry, AclRegistry, PasswordCheck } from '../accounts/index.js';
import { capacityOf, countersFor, NoLicenseError, type LicenseCounter } from '../licensing/index.js';
import { checkApplicationCertificate, CHALLENGE_TTL_MS, newChallenge } from './advanced-auth.js';
import { newSessionId } from './session-ids.js';
import type { Refusal } from './refused-logins.js';
import { fail, type Failure } from './session-outcome.js';
import type { AppSessionRow, SessionsRepo } from './sessions.repo.js';
import { sessionSearchText } from './search-text.js';

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

export type LoginResult = { ok: true; sessionId: string; authenticationData?: string } | Failure;

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

export interface ApplicationLoginDeps {
  sessions: Pick<SessionsRepo, 'create'>;
  accounts: AccountLookup;
  acl: Pick<AclRegistry, 'find' | 'passwordCheck'>;
  inventory: () => LicenseFile;
  trustedCa: () => readonly X509Certificate[];
  keepAlive: { soapMs: number; restMs: number };
  logger: Logger;
  /** Where the failure counters live: the database, shared by every process. */
  throttles: ThrottleStore;
  now: () => number;
  /** Told of each session once it is stored (the manager caches it). */
  opened: (row: AppSessionRow) => void;
  /** Told of each refused login (recorded in batches: `refused-logins.ts`). Never a password. */
  refused: (r: Refusal) => void;
}

/** The refusal reason recorded for each error a login answers (serverBusy is no refusal). */
const REFUSAL_OF: Partial<Record<SessionErrorKey, RefusedLoginReason>> = {
  missingParameter: 'missing_parameter',
  unsupportedVersion: 'unsupported_version',
  applicationNotRegistered: 'unknown_application',
  applicationPasswordInvalid: 'bad_application_password',
  localPasswordInvalid: 'bad_local_password',
  applicationDisabled: 'disabled',
  noLicense: 'no_license',
  tooManyAttempts: 'throttled',
  advancedNotAllowed: 'advanced_not_allowed',
  certificateNotTrusted: 'certificate_not_trusted',
  certificateExpired: 'certificate_expired',
  certificateMismatch: 'certificate_mismatch',
  authenticationFailed: 'advanced_login_failed',
};

/**
 * One login attempt: its throttle key, whether that key had failures counted when the attempt
 * began (only then does a success reset it: no write for the usual login), and the bindings
 * every log line about it carries.
 */
interface Attempt {
  key: string;
  hadFailures: boolean;
  // Bindings on each line rather than a child logger: no logger object per login on this hot path.
  who: { app: string; company: string; protocol: SessionProtocol; client: string };
}

/** The challenge of an advanced login (a certificate was given), or none for a standard one. */
type Pending = { challenge: string | null; certificatePem: string | null };

const REQUIRED = ['applicationName', 'companyName', 'applicationPassword', 'localPassword'] as const;

/**
 * Application login (SOAP loginEx, REST POST): required fields, WSDL version, ACL and local
 * passwords under a failure throttle, the certificate of an advanced login, then the session
 * row with its licenses taken in the same transaction.
 */
export class ApplicationLogin {
  private readonly verified = new VerifiedPasswordCache();
  /** Twenty failures per (client address, company, application) in a minute, counted in the database. */
  private readonly failures: FailureThrottle;
  /**
   * Attempts this process has taken and not settled yet, by key: they are in the counter, but
   * they are no failures (a storm's one slow check must not make every login of it reset the key).
   */
  private readonly unsettled = new Map<string, number>();

  constructor(private readonly d: ApplicationLoginDeps) {
    this.failures = new FailureThrottle(d.throttles, 'application.login', 20, 60_000, d.now);
  }

  async login(p: LoginParams): Promise<LoginResult> {
    const result = await this.attempt(p);
    if (!result.ok) this.recordRefusal(p, result);
    return result;
  }

  /** Records a refused login: the names as sent, the reason, the license or detail; never a password. */
  private recordRefusal(p: LoginParams, f: Failure & { refusal?: RefusedLoginReason }): void {
    const reason = f.refusal ?? REFUSAL_OF[f.error];
    if (!reason) return;
    this.d.refused({
      protocol: p.protocol,
      companyName: p.companyName ?? '',
      applicationName: p.applicationName ?? '',
      clientAddress: p.clientAddress,
      reason,
      ...(reason === 'no_license' ? { license: f.detail as UsageCounter } : {}),
      ...(reason === 'missing_parameter' ? { detail: f.detail ?? '' } : {}),
      ...(reason === 'unsupported_version' ? { detail: p.version ?? '' } : {}),
    });
  }

  private async attempt(p: LoginParams): Promise<LoginResult> {
    const missing = REQUIRED.filter((k) => p[k] === undefined || p[k] === '');
    if (missing.length > 0) return fail('missingParameter', missing.join(', '));
    const company = p.companyName!;
    const app = p.applicationName!;
    const key = `${p.clientAddress}|${company}|${app}`;
    const status = await this.failures.status(key);
    const a: Attempt = {
      key,
      hadFailures: status.failures > (this.unsettled.get(key) ?? 0),
      who: { app, company, protocol: p.protocol, client: p.clientAddress },
    };
    if (status.blockedFor > 0) return this.tooMany(a);
    if (p.protocol === 'soap' && !isSupportedVersion(p.version)) {
      this.d.logger.warn({ ...a.who, version: p.version }, 'application login failed: unsupported version');
      return fail('unsupportedVersion', `${p.version} (supported up to ${LATEST_WSDL_VERSION})`);
    }
    const allowed = await this.checkCredentials(a, p);
    if (!allowed.ok) return allowed;
    const now = this.d.now();
    const pending = await this.advancedChallenge(a, p, allowed.entry, now);
    if (!pending.ok) return pending;
    return this.open(a, p, allowed.entry, pending, now);
  }

  /** The ACL entry when the application may log in: registered, both passwords right, enabled. */
  private async checkCredentials(
    a: Attempt,
    p: LoginParams,
  ): Promise<{ ok: true; entry: AclEntry } | (Failure & { refusal?: RefusedLoginReason })> {
    const entry = this.d.acl.find(a.who.company, a.who.app);
    if (!entry) return this.refuse(a, 'applicationNotRegistered');
    const badApplicationPassword = await this.checkPassword(
      a,
      this.d.acl.passwordCheck(entry, p.applicationPassword!),
      'applicationPasswordInvalid',
    );
    if (badApplicationPassword) return badApplicationPassword;
    const account = await this.d.accounts.find(a.who.company, a.who.app);
    // No local password set here: the application hears "Local Password Invalid", the record says why.
    if (!account) return { ...(await this.refuse(a, 'localPasswordInvalid')), refusal: 'no_local_password' };
    const localPassword = p.localPassword!;
    const hash = account.localPasswordHash;
    const badLocalPassword = await this.checkPassword(
      a,
      {
        slow: this.verified.state(localPassword, hash) === 'unknown',
        run: (guard) => this.verified.verify(localPassword, hash, guard),
      },
      'localPasswordInvalid',
    );
    if (badLocalPassword) return badLocalPassword;
    if (!account.enabled) return this.refuse(a, 'applicationDisabled');
    return { ok: true, entry };
  }

  /**
   * A password not yet known to be right costs a slow hash: take the attempt first, so that
   * concurrent guesses cannot all start before one of them has been counted, and give it back
   * when the password was right. Identical attempts arriving meanwhile (a reconnect storm) share
   * that one check, its attempt and its verdict: one take and one give-back for all of them.
   */
  private async checkPassword(
    a: Attempt,
    check: PasswordCheck,
    error: SessionErrorKey,
  ): Promise<Failure | undefined> {
    let counted = false;
    const verdict = await check.run(async (slowHash) => {
      this.unsettled.set(a.key, (this.unsettled.get(a.key) ?? 0) + 1);
      try {
        if (!(await this.failures.take(a.key)).ok) return 'refused';
        counted = true;
        const ok = await slowHash();
        if (ok) await this.failures.giveBack(a.key);
        return ok;
      } finally {
        const n = (this.unsettled.get(a.key) ?? 1) - 1;
        if (n > 0) this.unsettled.set(a.key, n);
        else this.unsettled.delete(a.key);
      }
    });
    if (verdict === 'refused') return this.tooMany(a);
    if (!verdict) return this.refuse(a, error, counted);
    return undefined;
  }

  /** With a certificate, checks it against the trusted CAs and the ACL, and makes a challenge. */
  private async advancedChallenge(
    a: Attempt,
    p: LoginParams,
    entry: AclEntry,
    now: number,
  ): Promise<({ ok: true } & Pending) | Failure> {
    const certificate = p.certificate?.trim();
    if (!certificate) return { ok: true, challenge: null, certificatePem: null };
    const checked = checkApplicationCertificate(certificate, this.d.trustedCa(), entry, new Date(now));
    if (!checked.ok) return this.refuse(a, checked.error);
    return { ok: true, challenge: newChallenge(), certificatePem: checked.cert.toString() };
  }

  /** Stores the new session, taking its licenses; "No License" when a counter is full. */
  private async open(
    a: Attempt,
    p: LoginParams,
    entry: AclEntry,
    { challenge, certificatePem }: Pending,
    now: number,
  ): Promise<LoginResult> {
    const sessionId = newSessionId();
    const counters = countersFor(entry.licenseProfile, p.protocol, challenge !== null);
    const inventory = this.d.inventory();
    const row: AppSessionRow = {
      handle: randomUUID(),
      token_hash: tokenHash(sessionId),
      token_last4: sessionId.slice(-4),
      company_name: a.who.company,
      application_name: a.who.app,
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
      search_text: '',
    };
    row.search_text = sessionSearchText(row);
    try {
      await this.d.sessions.create(row, counters, (c: LicenseCounter) => capacityOf(inventory, c));
    } catch (e) {
      if (e instanceof NoLicenseError) {
        this.d.logger.warn({ ...a.who, reason: 'noLicense', counter: e.counter }, 'application login failed');
        return fail('noLicense', e.counter);
      }
      throw e;
    }
    if (a.hadFailures) await this.failures.reset(a.key);
    this.d.opened(row);
    this.d.logger.info(
      { ...a.who, advancedPending: challenge !== null, session: row.token_last4 },
      'application logged in',
    );
    return { ok: true, sessionId, ...(challenge ? { authenticationData: challenge } : {}) };
  }

  private tooMany(a: Attempt): Failure {
    this.d.logger.warn(a.who, 'application login refused: too many failures');
    return fail('tooManyAttempts');
  }

  /** Refuses the attempt, counting it against the throttle unless its slow check already did. */
  private async refuse(a: Attempt, error: SessionErrorKey, counted = false): Promise<Failure> {
    if (!counted) await this.failures.fail(a.key);
    this.d.logger.warn({ ...a.who, reason: error }, 'application login failed');
    return fail(error);
  }
}
