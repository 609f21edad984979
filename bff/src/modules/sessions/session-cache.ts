import type { ServiceType } from '@oig/shared';
import type { AppSessionRow } from './sessions.repo.js';

/** What this process keeps of a live session between requests. */
export interface CachedSession {
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

/** How long an ended session's handle is remembered, so a late cache fill cannot revive it. */
export const ENDED_MEMORY_MS = 60_000;
/** Most ended handles remembered; past it the expired, then the oldest, are dropped. */
export const ENDED_MEMORY_MAX = 10_000;

/**
 * This process's cache of live sessions, keyed by the hash of the session id (the id itself is
 * never kept), plus a memory of sessions ended lately (here or, via NOTIFY, elsewhere), so a
 * database read that raced with the end cannot put the session back.
 */
export class SessionCache {
  private readonly byToken = new Map<string, CachedSession>();
  private readonly tokenByHandle = new Map<string, string>();
  private readonly ended = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  get(tokenHash: string): CachedSession | undefined {
    return this.byToken.get(tokenHash);
  }

  byHandle(handle: string): CachedSession | undefined {
    return this.byToken.get(this.tokenByHandle.get(handle) ?? '');
  }

  /** Caches a session just created or read from the database. */
  remember(row: AppSessionRow): CachedSession {
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
    this.byToken.set(s.tokenHash, s);
    this.tokenByHandle.set(s.handle, s.tokenHash);
    return s;
  }

  /** Caches a row read from the database, unless its session ended while it was being read. */
  fill(row: AppSessionRow): CachedSession | undefined {
    return this.ended.has(row.handle) ? undefined : this.remember(row);
  }

  /** Drops an ended session and remembers its handle, so it is never cached again. */
  forget(handle: string): void {
    const th = this.tokenByHandle.get(handle);
    if (th) this.byToken.delete(th);
    this.tokenByHandle.delete(handle);
    const now = this.now();
    this.ended.set(handle, now + ENDED_MEMORY_MS);
    // Oldest first (insertion order): drop from the front while over the limit or expired, and stop at
    // the first one to keep, so ending 25,000 sessions in a row (or their NOTIFYs) costs O(1) each.
    if (this.ended.size > ENDED_MEMORY_MAX)
      for (const [h, until] of this.ended) {
        if (this.ended.size <= ENDED_MEMORY_MAX && until >= now) break;
        this.ended.delete(h);
      }
  }

  /** Drops every cached session (they reload from the database); the ended memory stays. */
  clear(): void {
    this.byToken.clear();
    this.tokenByHandle.clear();
  }
}
