/**
 * The feed's rules against a scripted MiCC (its answers written by the test): the overlap of
 * incremental polls, restarts, the cap, queue replay at the largest poll, a problem's time.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { MiccTarget } from '../../network-elements/index.js';
import { openMediaError } from '../errors.js';
import { createOpenMediaFeed, FEED_OVERLAP_MS, FEED_SNAPSHOT_EVERY_MS } from '../feed.js';
import type { StatusAnswer, WireEvent } from '../operations.js';
import { formatStampLike, parseStamp } from '../soap.js';

const T0 = Date.parse('2026-03-02T09:00:00Z') * 1000;
const S = 1_000_000;
/** .NET writes seven fraction digits. */
const NET = '2026-03-02T09:00:00.0000000Z';
const target: MiccTarget = {
  elementId: 'e',
  protocol: 'http',
  ipAddress: '127.0.0.1',
  port: 1,
  url: 'http://127.0.0.1:1/OpenMediaService',
  logonId: null,
  password: null,
  key: 'scripted',
};

/** A MiCC whose stored events and answer TimeStamps the test sets. */
class ScriptedMicc {
  stamp = T0;
  events: WireEvent[] = [];
  /** Current queue positions for a snapshot (by ID); otherwise the event's. */
  positions = new Map<string, number>();
  retentionUs = 30 * 60 * S;
  allCalls = 0;
  asked: string[] = [];
  failure: Error | undefined;
  gate: Promise<void> | undefined;
  /** When set, ByTime answers every event later than this instead (a MiCC repeating events). */
  repeatFrom: number | undefined;

  event(id: string, status: number, at: number, group = 1, queuePosition = 0): WireEvent {
    const e: WireEvent = {
      openMediaId: id,
      status,
      at: new Date(Math.floor(at / 1000)).toISOString(),
      stamp: at,
      agentId: status === 1 ? 0 : 2001,
      agentTenantId: 0,
      agentLogonId: status === 1 ? '' : '4001',
      serviceGroupId: group,
      queuePosition,
      ewt: status === 1 ? 30 : null,
    };
    this.events.push(e);
    return e;
  }

  private answer(events: WireEvent[]): StatusAnswer {
    return { timeStamp: formatStampLike(this.stamp, NET), stamp: this.stamp, events };
  }

  readonly ops = {
    all: async (): Promise<StatusAnswer> => {
      this.allCalls++;
      await this.gate;
      if (this.failure) throw this.failure;
      const latest = new Map<string, WireEvent>();
      for (const e of this.events) latest.set(e.openMediaId, e);
      const held = [...latest.values()].filter(
        (e) => !([4, 5, 6].includes(e.status) && e.stamp <= this.stamp - this.retentionUs),
      );
      return this.answer(
        held.map((e) => ({ ...e, queuePosition: this.positions.get(e.openMediaId) ?? e.queuePosition })),
      );
    },
    byTime: async (_t: MiccTarget, since: string): Promise<StatusAnswer> => {
      this.asked.push(since);
      if (this.failure) throw this.failure;
      const after = this.repeatFrom ?? parseStamp(since, 'since');
      return this.answer(this.events.filter((e) => e.stamp > after));
    },
  };
}

const feedOf = (
  micc: ScriptedMicc,
  o: { maxTracked?: number; retentionMs?: number; now?: () => number } = {},
) =>
  createOpenMediaFeed({
    ops: micc.ops,
    pollMs: 0,
    retentionMs: o.retentionMs ?? 30 * 60_000,
    now: o.now ?? Date.now,
    logger: pino({ level: 'silent' }),
    maxTracked: o.maxTracked,
  });
const shape = (l: { requests: { openMediaId: string; status: number; queuePosition: number }[] }) =>
  l.requests.map((r) => `${r.openMediaId}:${r.status}:${r.queuePosition}`);

describe('Open Media feed rules (a scripted MiCC)', () => {
  it('asks from the last TimeStamp as the MiCC wrote it; events seen again change nothing; an older TimeStamp means a snapshot', async () => {
    const micc = new ScriptedMicc();
    micc.event('A', 1, T0 + 1 * S, 1, 1);
    micc.event('B', 1, T0 + 2 * S, 1, 2);
    micc.stamp = T0 + 3 * S;
    const feed = feedOf(micc);
    expect(shape(await feed.read(target))).toEqual(['B:1:2', 'A:1:1']);
    micc.event('A', 2, T0 + 4 * S);
    micc.stamp = T0 + 5 * S;
    const second = await feed.read(target);
    expect(shape(second)).toEqual(['A:2:0', 'B:1:1']);
    // The interface description: the TimeStamp returned is what the next question passes back.
    expect(micc.asked[0]).toBe('2026-03-02T09:00:03.0000000Z');
    expect(parseStamp(micc.asked[0]!, 'x')).toBe(T0 + 3 * S - FEED_OVERLAP_MS * 1000);
    // A MiCC that answers some events again (an overlap of its own): nothing changes, no snapshot.
    micc.stamp = T0 + 6 * S;
    micc.repeatFrom = T0;
    const third = await feed.read(target);
    expect(third.requests).toBe(second.requests);
    expect(micc.allCalls).toBe(1);
    expect(third.asOf).toBe('2026-03-02T09:00:06.0000000Z');
    micc.repeatFrom = undefined;
    // A MiCC answering with an older TimeStamp started over: a snapshot.
    micc.stamp = T0 + 5.5 * S;
    await feed.read(target);
    expect(micc.allCalls).toBe(2);
  });

  it('stamps: seven fraction digits read as microseconds; the question is written like the MiCC writes', () => {
    expect(parseStamp('2026-03-02T09:00:03.1234567Z', 'x')).toBe(
      parseStamp('2026-03-02T09:00:03.123456Z', 'x'),
    );
    const us = parseStamp('2026-03-02T09:00:03.1234567Z', 'x');
    expect(formatStampLike(us, '2026-03-02T09:00:00.0000000Z')).toBe('2026-03-02T09:00:03.1234560Z');
    expect(formatStampLike(us, '2026-03-02T09:00:00.123Z')).toBe('2026-03-02T09:00:03.123Z');
    expect(formatStampLike(us, '2026-03-02T09:00:00')).toBe('2026-03-02T09:00:03');
    expect(formatStampLike(us, '2026-03-02T10:00:00.000000+01:00')).toBe('2026-03-02T10:00:03.123456+01:00');
    expect(parseStamp('2026-03-02T10:00:03.123456+01:00', 'x')).toBe(
      parseStamp('2026-03-02T09:00:03.123456Z', 'x'),
    );
    expect(formatStampLike(us - 5 * S, '2026-03-02T09:00:00.000001Z')).toBe('2026-03-02T08:59:58.123456Z');
  });

  it('a restart signalled while a snapshot is in flight is not lost', async () => {
    const micc = new ScriptedMicc();
    micc.event('A', 1, T0 + S, 1, 1);
    micc.stamp = T0 + 2 * S;
    const clock = { now: 1_000_000 };
    const feed = feedOf(micc, { now: () => clock.now });
    await feed.read(target);
    clock.now += FEED_SNAPSHOT_EVERY_MS; // the next poll is a snapshot
    let open!: () => void;
    micc.gate = new Promise<void>((r) => (open = r));
    const reading = feed.read(target);
    await new Promise((r) => setImmediate(r));
    expect(micc.allCalls).toBe(2);
    feed.forgotten(target, 'A'); // the MiCC no longer knows A, a live request the list shows
    open();
    await reading;
    micc.gate = undefined;
    await feed.read(target);
    expect(micc.allCalls).toBe(3);
    expect(micc.asked).toEqual([]);
  });

  it('a problem keeps the time it was first met while it lasts; another reason or a recovery resets it', async () => {
    const micc = new ScriptedMicc();
    micc.stamp = T0 + S;
    const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
    const feed = feedOf(micc, { now: () => clock.now });
    await feed.read(target);
    const unreachable = openMediaError('micc_unreachable', {
      address: target.url,
      detail: 'connection refused',
    });
    micc.failure = unreachable;
    clock.now += 1000;
    const first = await feed.read(target);
    expect(first.problem).toMatchObject({ reason: 'micc_unreachable', at: '2026-03-02T09:00:01.000Z' });
    clock.now += 60_000;
    const later = await feed.read(target);
    expect(later.problem).toBe(first.problem);
    micc.failure = openMediaError('micc_timeout', { address: target.url, timeoutMs: '2000' });
    clock.now += 1000;
    expect((await feed.read(target)).problem).toMatchObject({
      reason: 'micc_timeout',
      at: '2026-03-02T09:01:02.000Z',
    });
    micc.failure = undefined;
    micc.stamp += S;
    clock.now += 1000;
    expect((await feed.read(target)).problem).toBeNull();
    micc.failure = unreachable;
    clock.now += 1000;
    expect((await feed.read(target)).problem?.at).toBe('2026-03-02T09:01:04.000Z');
  });

  it('the cap: the newest kept in snapshot and events alike, the MiCC’s positions, cleared once below it', async () => {
    const micc = new ScriptedMicc();
    micc.retentionUs = 10 * S;
    for (let i = 1; i <= 5; i++) micc.event(`R${i}`, 1, T0 + i * S, 1, i);
    micc.stamp = T0 + 5.5 * S;
    const feed = feedOf(micc, { maxTracked: 3, retentionMs: 10_000 });
    const capped = await feed.read(target);
    // The newest three, at the MiCC's positions (two untracked requests are ahead of them).
    expect(shape(capped)).toEqual(['R5:1:5', 'R4:1:4', 'R3:1:3']);
    expect(capped.problem).toMatchObject({ reason: 'too_many_requests', params: { max: '3' } });
    // A new request evicts the oldest tracked, as a snapshot would keep.
    micc.event('R6', 1, T0 + 6 * S, 1, 6);
    micc.stamp = T0 + 6.5 * S;
    const evicted = await feed.read(target);
    expect(shape(evicted)).toEqual(['R6:1:6', 'R5:1:5', 'R4:1:4']);
    expect(evicted.problem?.at).toBe(capped.problem!.at);
    micc.positions = new Map([
      ['R4', 4],
      ['R5', 5],
      ['R6', 6],
    ]);
    expect(shape(await feedOf(micc, { maxTracked: 3, retentionMs: 10_000 }).read(target))).toEqual(
      shape(evicted),
    );
    // All but two end; once they expired the list holds fewer than the cap: a snapshot tells
    // the MiCC holds two, and the problem is gone.
    for (const id of ['R1', 'R2', 'R3', 'R4']) micc.event(id, 6, T0 + 7 * S, 1);
    micc.positions = new Map([
      ['R5', 1],
      ['R6', 2],
    ]);
    micc.stamp = T0 + 8 * S;
    expect((await feed.read(target)).problem).toMatchObject({ reason: 'too_many_requests' });
    expect(micc.allCalls).toBe(2);
    micc.stamp = T0 + 17.5 * S;
    const cleared = await feed.read(target);
    expect(micc.allCalls).toBe(3);
    expect(cleared.problem).toBeNull();
    expect(shape(cleared)).toEqual(['R6:1:2', 'R5:1:1']);
  });

  it('a poll moving 20,000 queued requests replays the queue as the MiCC has it', async () => {
    const micc = new ScriptedMicc();
    const n = 20_000;
    for (let i = 0; i < n; i++) micc.event(`q${i}`, 1, T0 + i, 7, i + 1);
    micc.stamp = T0 + n;
    // Room for those that leave and those that join (the product's cap is another test's).
    const feed = feedOf(micc, { maxTracked: 2 * n });
    await feed.read(target);
    // Each one at the head leaves, and a new one joins at the end (the queue is 20,000 long then).
    let t = T0 + 10 * S;
    for (let i = 0; i < n / 2; i++) {
      micc.event(`q${i}`, 2, t++, 7);
      micc.event(`n${i}`, 1, t++, 7, n);
    }
    micc.stamp = t + 1;
    const after = await feed.read(target);
    expect(micc.allCalls).toBe(1);
    const position = new Map(after.requests.map((r) => [r.openMediaId, r.queuePosition]));
    expect(after.requests).toHaveLength(n + n / 2);
    expect(position.get('q0')).toBe(0);
    expect(position.get(`q${n / 2}`)).toBe(1);
    expect(position.get(`q${n - 1}`)).toBe(n / 2);
    expect(position.get('n0')).toBe(n / 2 + 1);
    expect(position.get(`n${n / 2 - 1}`)).toBe(n);
    // A second process starting from a snapshot now lists the same.
    micc.positions = new Map(
      after.requests.filter((r) => r.status === 1).map((r) => [r.openMediaId, r.queuePosition]),
    );
    const fresh = await feedOf(micc, { maxTracked: 2 * n }).read(target);
    expect(shape(fresh)).toEqual(shape(after));
  });
});
