/**
 * Incremental polling: ByTime with RetrieveLaterThan = the previous answer's TimeStamp, verbatim,
 * sees every event exactly once, even when many events share one millisecond.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMicros, parseDateTime, StampCounter } from '../time.js';
import { type Peer, ivr, startPeer, stampsIn } from './helpers.js';

describe('TimeStamps', () => {
  it('are strictly increasing microseconds, even within one millisecond', () => {
    const c = new StampCounter();
    const t = Date.UTC(2026, 11, 7, 6, 45, 36, 123);
    expect([c.next(t), c.next(t), c.next(t - 5), c.next(t + 1)].map(formatMicros)).toEqual([
      '2026-12-07T06:45:36.123000Z',
      '2026-12-07T06:45:36.123001Z',
      '2026-12-07T06:45:36.123002Z',
      '2026-12-07T06:45:36.124000Z',
    ]);
  });

  it('parse with or without fraction and offset, round trip exactly', () => {
    const us = Date.UTC(2026, 11, 7, 6, 45, 36, 123) * 1000 + 456;
    expect(parseDateTime('2026-12-07T06:45:36.123456Z')).toBe(us);
    expect(parseDateTime(formatMicros(us))).toBe(us);
    expect(parseDateTime('2026-12-07T06:45:36')).toBe(Date.UTC(2026, 11, 7, 6, 45, 36) * 1000);
    expect(parseDateTime('2026-12-07T08:45:36.1234567+02:00')).toBe(us);
    expect(parseDateTime('0001-01-01T00:00:00')).toBeLessThan(0);
    for (const bad of ['2026-02-30T00:00:00Z', '2026-12-07 06:45:36Z', 'yesterday', '2026-12-07T25:00:00Z']) {
      expect(parseDateTime(bad), bad).toBeUndefined();
    }
  });
});

describe('ByTime polling', () => {
  let peer: Peer;
  beforeAll(async () => {
    peer = await startPeer({ manualClock: false });
  });
  afterAll(() => peer.close());

  it('never loses nor repeats an event while requests are added and routed between polls', async () => {
    const byTime = peer.op('GetOpenMediaRequestsByTime');
    let after = '2000-01-01T00:00:00Z';
    const seen: string[] = [];
    const expected: string[] = [];
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 5; i++) {
        await peer.op('AddRequest')({
          ServiceGroupID: 1002 + (i % 2) * 2,
          IVRInfo: ivr('r', `${round}.${i}`),
        });
      }
      if (round % 3 === 2) peer.running.sim.advance(50_000);
      const [, raw] = await byTime({ RetrieveLaterThan: after });
      const stamps = stampsIn(raw);
      after = stamps[0]!; // the answer's TimeStamp, verbatim
      const ids = [...raw.matchAll(/<ID>([^<]+)<\/ID><Status>(\d)<\/Status>/g)].map((m) => `${m[1]}/${m[2]}`);
      seen.push(...ids.map((id, k) => `${id}@${stamps[k + 1]}`));
    }
    // Everything the cache holds, in one go, against what the polls collected.
    const [, all] = await byTime({ RetrieveLaterThan: '2000-01-01T00:00:00Z' });
    const allStamps = stampsIn(all).slice(1);
    [...all.matchAll(/<ID>([^<]+)<\/ID><Status>(\d)<\/Status>/g)].forEach((m, k) =>
      expected.push(`${m[1]}/${m[2]}@${allStamps[k]}`),
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected);
    expect(seen.length).toBeGreaterThanOrEqual(60 + 8); // 60 queued events plus allocations and more
    const sorted = [...allStamps].sort();
    expect(allStamps).toEqual(sorted);
    expect(new Set(allStamps).size).toBe(allStamps.length);
  });
});
