import type { Logger } from 'pino';
import type { EndReason } from '@oig/shared';
import type { EndCondition, SessionsRepo } from './sessions.repo.js';
import { nextTurn } from '../../lib/slices.js';

/** Most time one sweep spends ending sessions; the rest wait for the next round. */
export const MAX_EXPIRY_WORK_MS = 250;
/**
 * Longest stretch of ending sessions without giving the event loop back. On SQLite every write is
 * synchronous, so the awaits in the loop never let a request in: without this a round could hold
 * the loop for its whole budget.
 */
export const EXPIRY_SLICE_MS = 20;

/** Stalls remembered for the credit; older ones beyond this are forgotten first. */
const MAX_STALLS_KEPT = 64;

export interface SessionExpiryDeps {
  sessions: Pick<SessionsRepo, 'expiredBefore' | 'expiredChallenges'>;
  /** Activity this process has seen for a session, written or not. */
  seenActivityAt: (handle: string) => number | undefined;
  /** Writes this process's pending activity, so it counts before anything is judged idle. */
  flush: () => Promise<void>;
  /** Ends a session if `only` still holds; true when this call ended it. */
  end: (handle: string, reason: EndReason, only: EndCondition) => Promise<boolean>;
  graceMs: number;
  sweepMs: number;
  /** The longest keep-alive window; how long time lost to a stall is credited to sessions. */
  maxWindowMs: number;
  now: () => number;
  logger: Logger;
  /** Work budget of one round; tests shorten it. */
  maxWorkMs?: number;
}

/**
 * The expiry sweeper: ends sessions every process left idle past their window, and advanced
 * logins whose challenge went unanswered. Rounds never overlap and spend a bounded time.
 *
 * Time the event loop was stalled is not held against applications: the round after a stall is
 * skipped (keep-alives queued in sockets are read first), and each stall's length is added to every
 * session's slack for one longest window after that stall ended (each stall on its own clock; the
 * sum capped at that window). A keep-alive answered just before a stall therefore still counts for
 * a full window after it, and a session nobody keeps alive still ends.
 */
export class SessionExpiry {
  private readonly maxWorkMs: number;
  private timer: NodeJS.Timeout | undefined;
  private lastSweepAt = 0;
  /** Recent stalls: when each ended and how long it lasted (at most MAX_STALLS_KEPT). */
  private stalls: Array<{ end: number; ms: number }> = [];
  private sweeping: Promise<unknown> | undefined;

  constructor(private readonly d: SessionExpiryDeps) {
    this.maxWorkMs = d.maxWorkMs ?? MAX_EXPIRY_WORK_MS;
  }

  /**
   * Slack before a session is ended: the grace period plus two sweep periods, the most that
   * activity seen by any process can wait before it reaches the database.
   */
  get slackMs(): number {
    return this.d.graceMs + 2 * this.d.sweepMs;
  }

  /** Stalled time still credited to sessions at `now`: stalls that ended within one longest window. */
  stallCreditMs(now: number): number {
    this.stalls = this.stalls.filter((x) => now < x.end + this.d.maxWindowMs);
    const sum = this.stalls.reduce((total, x) => total + x.ms, 0);
    return Math.min(sum, this.d.maxWindowMs);
  }

  /** Starts the periodic sweep. */
  start(): void {
    this.lastSweepAt = this.d.now();
    this.timer = setInterval(() => this.tick(), this.d.sweepMs);
    this.timer.unref();
  }

  /** Stops the timer at once; settles when a round under way has finished. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One timer beat (public for tests): starts a round unless one runs or the loop stalled. */
  tick(): void {
    const now = this.d.now();
    const gap = now - this.lastSweepAt;
    this.lastSweepAt = now;
    if (this.sweeping) return;
    // After an event-loop stall, keep-alives that arrived on time may still be queued in
    // sockets: skip this round so they are read and counted before anything is expired.
    if (gap > this.d.sweepMs * 3) {
      const stallMs = gap - this.d.sweepMs;
      this.stalls.push({ end: now, ms: stallMs });
      if (this.stalls.length > MAX_STALLS_KEPT) this.stalls.shift();
      this.d.logger.warn({ stallMs }, 'event loop stalled; expiry deferred one round');
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
    await this.d.flush();
    const now = this.d.now();
    let n = await this.endExpired('keepalive-timeout');
    for (const c of await this.d.sessions.expiredChallenges(now)) {
      if (await this.d.end(c.handle, 'authentication-failed', { challengeExpiredBy: now })) n++;
    }
    return n;
  }

  /** Ends idle sessions, within the work budget; returns how many this call ended. */
  async endExpired(reason: EndReason): Promise<number> {
    const started = this.d.now();
    const slack = this.slackMs + this.stallCreditMs(started);
    const candidates = await this.d.sessions.expiredBefore(started, slack);
    let n = 0;
    // Real time, not the injected clock: what matters is how long the loop is held.
    let sliceStart = performance.now();
    for (const c of candidates) {
      if (performance.now() - sliceStart >= EXPIRY_SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
      const seen = Number(c.last_activity_at);
      // Activity this process has seen but not written yet keeps the session.
      const cached = this.d.seenActivityAt(c.handle);
      if (cached !== undefined && cached > seen) continue;
      if (await this.d.end(c.handle, reason, { idleSince: seen })) n++;
      // Bounded work per round (the rest waits for the next one); activity keeps flowing.
      if (this.d.now() - started > this.maxWorkMs) break;
    }
    return n;
  }
}
