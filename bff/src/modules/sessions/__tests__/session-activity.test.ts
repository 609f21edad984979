import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SessionActivity } from '../session-activity.js';

type Entry = { handle: string; at: number };

function setup(record: (entries: readonly Entry[]) => Promise<Set<string>>) {
  const gone: string[] = [];
  const activity = new SessionActivity({
    sessions: { recordActivity: record },
    gone: (h) => void gone.push(h),
    logger: pino({ level: 'silent' }),
  });
  return { activity, gone };
}

/** A SOAP session (10 s window: its activity is written when 500 ms stale). */
const soap = (handle: string, at = 0) => ({
  handle,
  keepAliveMs: 10_000,
  lastActivityAt: at,
  storedActivityAt: at,
});

describe('session activity writes', () => {
  it('queues a write only when the stored time is stale, and writes the batch once', async () => {
    const writes: Entry[][] = [];
    const { activity } = setup(async (e) => (writes.push([...e]), new Set()));
    const a = soap('a');
    activity.seen(a, 499);
    expect(a).toMatchObject({ lastActivityAt: 499, storedActivityAt: 0 });
    await activity.flush();
    expect(writes).toEqual([]);
    activity.seen(a, 500);
    activity.seen(soap('b'), 700);
    expect(a.storedActivityAt).toBe(500);
    await activity.flush();
    expect(writes).toEqual([
      [
        { handle: 'a', at: 500 },
        { handle: 'b', at: 700 },
      ],
    ]);
    await activity.flush();
    expect(writes).toHaveLength(1);
  });

  it('runs one write at a time: callers during a write share it', async () => {
    let release!: () => void;
    let calls = 0;
    const { activity } = setup(async () => {
      calls++;
      await new Promise<void>((r) => (release = r));
      return new Set();
    });
    activity.seen(soap('a'), 1_000);
    const first = activity.flush();
    const second = activity.flush();
    expect(second).toBe(first);
    await Promise.resolve();
    release();
    await Promise.all([first, second]);
    expect(calls).toBe(1);
  });

  it('puts a failed batch back without overwriting newer activity, and reports ended sessions', async () => {
    let fail = true;
    const writes: Entry[][] = [];
    const { activity, gone } = setup(async (e) => {
      if (fail) throw new Error('database busy');
      writes.push([...e]);
      return new Set(['b']);
    });
    const a = soap('a');
    activity.seen(a, 1_000);
    activity.seen(soap('b'), 1_000);
    await expect(activity.flush()).rejects.toThrow('database busy');
    activity.seen(a, 2_000);
    fail = false;
    await activity.flush();
    expect(writes).toEqual([
      [
        { handle: 'a', at: 2_000 },
        { handle: 'b', at: 1_000 },
      ],
    ]);
    expect(gone).toEqual(['b']);
  });

  it('drops the unwritten activity of an ended session', async () => {
    const writes: Entry[][] = [];
    const { activity } = setup(async (e) => (writes.push([...e]), new Set()));
    activity.seen(soap('a'), 1_000);
    activity.seen(soap('b'), 1_000);
    activity.drop('a');
    await activity.flush();
    expect(writes).toEqual([[{ handle: 'b', at: 1_000 }]]);
  });
});
