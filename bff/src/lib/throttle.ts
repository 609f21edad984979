import { createHash } from 'node:crypto';

/** A counter as stored: its points and the end of its window (epoch ms). */
export interface ThrottleCount {
  points: number;
  expiresAt: number;
}

/**
 * Where the counters live (db/throttle-store.ts: a table every process shares). `add` must be
 * atomic: concurrent adds, from any process, each see their own increment.
 */
export interface ThrottleStore {
  /**
   * Adds one point to the key's live counter, never beyond `cap`, or starts a new window of
   * `windowMs` with one point when there is none (or it has expired). Returns the counter after.
   */
  add(
    scope: string,
    key: string,
    subject: string | null,
    cap: number,
    windowMs: number,
    now: number,
  ): Promise<ThrottleCount>;
  /** The key's live counter, or undefined. */
  get(scope: string, key: string, now: number): Promise<ThrottleCount | undefined>;
  /** Takes one point off the key's live counter (not below 0). */
  takeBack(scope: string, key: string, now: number): Promise<void>;
  remove(scope: string, key: string): Promise<void>;
}

/** What taking an attempt gave: go ahead, or wait `blockedFor` ms. */
export type Taken =
  | { ok: true }
  | {
      ok: false;
      blockedFor: number;
      /** The first refusal of this window (later ones are not worth recording again). */
      firstRefusal: boolean;
    };

/** Keys longer than this are stored as their SHA-256 digest (a client chooses some of their parts). */
export const MAX_STORED_KEY_LENGTH = 200;

/**
 * Counts failures per key and blocks the key for the rest of its window once it has used up its
 * allowance: `maxFailures` in a fixed window of `windowMs` from the first failure. Successes do
 * not count; `reset` forgives a key after a success. The counters live in a store every process
 * shares, so N processes allow what one allows, and a restart forgets nothing.
 *
 * A counter stops growing at maxFailures + 2: maxFailures + 1 marks the first refusal, so that a
 * caller can record it once, and a flood of refused attempts writes nothing new.
 */
export class FailureThrottle {
  private readonly cap: number;
  constructor(
    private readonly store: ThrottleStore,
    private readonly scope: string,
    readonly maxFailures: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.cap = maxFailures + 2;
  }

  /**
   * The key as stored: as given, or its hash when it is long or holds a NUL (which PostgreSQL
   * refuses in text: an application login sending one got a 503 instead of its refusal).
   */
  private stored(key: string): string {
    return key.length <= MAX_STORED_KEY_LENGTH && !key.includes('\u0000')
      ? key
      : `sha256:${createHash('sha256').update(key).digest('base64url')}`;
  }

  private blockedFor(count: ThrottleCount | undefined, now: number): number {
    return count && count.points >= this.maxFailures ? Math.max(1, count.expiresAt - now) : 0;
  }

  /** The failures counted in the key's window, and the milliseconds until it may try again (0: not blocked). */
  async status(key: string): Promise<{ failures: number; blockedFor: number }> {
    const now = this.now();
    const count = await this.store.get(this.scope, this.stored(key), now);
    return {
      failures: Math.min(count?.points ?? 0, this.maxFailures),
      blockedFor: this.blockedFor(count, now),
    };
  }

  /** Counts one failure (for a refusal that took no attempt before). */
  async fail(key: string, subject: string | null = null): Promise<void> {
    const now = this.now();
    await this.store.add(this.scope, this.stored(key), subject, this.cap, this.windowMs, now);
  }

  /**
   * Takes one attempt before doing slow work, so that concurrent attempts (in any process)
   * cannot all pass a check made before any of them has failed. Refused when the key has no
   * attempt left. Give it back with `giveBack` when the attempt succeeds.
   */
  async take(key: string, subject: string | null = null): Promise<Taken> {
    const now = this.now();
    const count = await this.store.add(this.scope, this.stored(key), subject, this.cap, this.windowMs, now);
    if (count.points <= this.maxFailures) return { ok: true };
    return {
      ok: false,
      blockedFor: Math.max(1, count.expiresAt - now),
      firstRefusal: count.points === this.maxFailures + 1,
    };
  }

  async giveBack(key: string): Promise<void> {
    await this.store.takeBack(this.scope, this.stored(key), this.now());
  }

  async reset(key: string): Promise<void> {
    await this.store.remove(this.scope, this.stored(key));
  }
}
