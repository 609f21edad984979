import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EndReason } from '@oig/shared';
import {
  EXPIRY_SLICE_MS,
  MAX_EXPIRY_WORK_MS,
  SessionExpiry,
  type SessionExpiryDeps,
} from '../session-expiry.js';
import type { EndCondition } from '../sessions.repo.js';

type Ended = { handle: string; reason: EndReason; only: EndCondition };

function setup(over: Partial<SessionExpiryDeps> = {}) {
  const state = {
    clock: 100_000,
    idle: [] as Array<{ handle: string; last_activity_at: number }>,
    challenges: [] as Array<{ handle: string }>,
    seen: new Map<string, number>(),
    ended: [] as Ended[],
    calls: [] as string[],
    slackAsked: [] as number[],
  };
  const logger = pino({ level: 'silent' });
  const expiry = new SessionExpiry({
    sessions: {
      expiredBefore: async (_now, slackMs) => {
        state.calls.push('expiredBefore');
        state.slackAsked.push(slackMs);
        return state.idle;
      },
      expiredChallenges: async () => (state.calls.push('expiredChallenges'), state.challenges),
    },
    seenActivityAt: (h) => state.seen.get(h),
    flush: async () => void state.calls.push('flush'),
    end: async (handle, reason, only) => (state.ended.push({ handle, reason, only }), true),
    graceMs: 2_000,
    sweepMs: 500,
    maxWindowMs: 10_000,
    now: () => state.clock,
    logger,
    ...over,
  });
  return { expiry, state, logger };
}

afterEach(() => vi.restoreAllMocks());

describe('session expiry', () => {
  it('allows grace plus two sweep periods of slack', async () => {
    const { expiry, state } = setup();
    expect(expiry.slackMs).toBe(3_000);
    await expiry.endExpired('keepalive-timeout');
    expect(state.slackAsked).toEqual([3_000]);
  });

  it('ends only what stayed idle, and keeps sessions with newer activity seen here', async () => {
    const { expiry, state } = setup();
    state.idle = [
      { handle: 'a', last_activity_at: 1_000 },
      { handle: 'b', last_activity_at: 1_000 },
      { handle: 'c', last_activity_at: 1_000 },
    ];
    state.seen.set('b', 1_001).set('c', 1_000);
    expect(await expiry.endExpired('server-shutdown')).toBe(2);
    expect(state.ended).toEqual([
      { handle: 'a', reason: 'server-shutdown', only: { idleSince: 1_000 } },
      { handle: 'c', reason: 'server-shutdown', only: { idleSince: 1_000 } },
    ]);
  });

  it('counts only the sessions this call ended (another process may have been first)', async () => {
    const { expiry, state } = setup({ end: async (h) => h === 'mine' });
    state.idle = [
      { handle: 'theirs', last_activity_at: 1 },
      { handle: 'mine', last_activity_at: 1 },
    ];
    expect(await expiry.endExpired('keepalive-timeout')).toBe(1);
  });

  it('stops a round once its work budget is spent; the rest wait for the next round', async () => {
    const { expiry, state } = setup({
      end: async (handle, reason, only) => {
        state.ended.push({ handle, reason, only });
        state.clock += MAX_EXPIRY_WORK_MS * 0.4; // each end takes 40% of the budget
        return true;
      },
    });
    state.idle = Array.from({ length: 10 }, (_, i) => ({ handle: `h${i}`, last_activity_at: 1 }));
    // 40%, 80%: within the budget; 120%: over it, so the round stops after the third.
    expect(await expiry.endExpired('keepalive-timeout')).toBe(3);
    expect(state.ended.map((e) => e.handle)).toEqual(['h0', 'h1', 'h2']);
  });

  it('gives the event loop back between slices when ending is synchronous (SQLite)', async () => {
    // better-sqlite3 answers synchronously: each end below holds the loop for a few milliseconds
    // and its await never lets other work in. Other work must still run during the round.
    const { expiry, state } = setup({
      end: async (handle, reason, only) => {
        const until = performance.now() + EXPIRY_SLICE_MS / 4;
        while (performance.now() < until) {
          // busy, as a synchronous write is
        }
        state.ended.push({ handle, reason, only });
        return true;
      },
    });
    state.idle = Array.from({ length: 40 }, (_, i) => ({ handle: `h${i}`, last_activity_at: 1 }));
    let turns = 0;
    let running = true;
    const other = () => {
      turns++;
      if (running) setImmediate(other);
    };
    setImmediate(other);
    const ended = await expiry.endExpired('keepalive-timeout');
    running = false;
    expect(ended).toBe(40);
    // 40 ends of a quarter slice each span about ten slices: other work ran between them
    // (with no yield it ran only once the round was over).
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it('writes activity first, then ends idle sessions, then unanswered challenges', async () => {
    const { expiry, state } = setup();
    state.idle = [{ handle: 'idle', last_activity_at: 1 }];
    state.challenges = [{ handle: 'pending' }];
    expect(await expiry.sweepOnce()).toBe(2);
    expect(state.calls).toEqual(['flush', 'expiredBefore', 'expiredChallenges']);
    expect(state.ended).toEqual([
      { handle: 'idle', reason: 'keepalive-timeout', only: { idleSince: 1 } },
      { handle: 'pending', reason: 'authentication-failed', only: { challengeExpiredBy: 100_000 } },
    ]);
  });

  it('skips the round after an event-loop stall, then sweeps again', async () => {
    const { expiry, state, logger } = setup();
    const warn = vi.spyOn(logger, 'warn');
    expiry.start();
    await expiry.stop(); // no timer: the test beats it by hand
    state.clock += 500 * 3 + 1;
    expiry.tick();
    await expiry.stop();
    expect(state.calls).toEqual([]);
    expect(warn).toHaveBeenCalledWith({ stallMs: 1_001 }, 'event loop stalled; expiry deferred one round');
    state.clock += 500;
    expiry.tick();
    await expiry.stop();
    expect(state.calls).toEqual(['flush', 'expiredBefore', 'expiredChallenges']);
  });

  it('credits each stall for one longest window after it ended, never more than that window', async () => {
    const { expiry, state } = setup();
    expiry.start();
    await expiry.stop();
    state.clock += 500 + 4_000; // a 4 s stall
    expiry.tick();
    await expiry.stop();
    state.clock += 500;
    expiry.tick();
    await expiry.stop();
    // A keep-alive answered just before the stall still has its whole window after it.
    expect(state.slackAsked).toEqual([3_000 + 4_000]);
    state.clock += 500 + 3_000; // a second stall inside the window adds to the first
    expiry.tick();
    state.clock += 500;
    expiry.tick();
    await expiry.stop();
    expect(state.slackAsked.at(-1)).toBe(3_000 + 7_000);
    // Each stall lapses on its own clock: the first one a window after it ended, not with the second.
    const firstEnded = 100_000 + 4_500;
    expect(expiry.stallCreditMs(firstEnded + 10_000 - 1)).toBe(7_000);
    expect(expiry.stallCreditMs(firstEnded + 10_000)).toBe(3_000);
    state.clock = firstEnded + 10_000 + 4_500; // both are over
    await expiry.endExpired('keepalive-timeout');
    expect(state.slackAsked.at(-1)).toBe(3_000);
    state.clock += 500 + 20_000; // one long stall: never more than one longest window
    expiry.tick();
    expect(expiry.stallCreditMs(state.clock)).toBe(10_000);
  });

  it('never overlaps rounds', async () => {
    let release!: () => void;
    let flushes = 0;
    const { expiry, state } = setup({
      flush: () => (flushes++, new Promise<void>((r) => (release = r))),
    });
    expiry.start();
    await expiry.stop();
    state.clock += 500;
    expiry.tick();
    await new Promise((r) => setImmediate(r));
    state.clock += 500;
    expiry.tick(); // the first round still waits on its write
    release();
    await expiry.stop();
    expect(flushes).toBe(1);
  });
});
