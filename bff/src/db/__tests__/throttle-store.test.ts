import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureThrottle, MAX_STORED_KEY_LENGTH } from '../../lib/throttle.js';
import { DB_KINDS, freshDb, startHarness, type Harness } from '../../test/harness.js';
import { PRUNE_BATCH } from '../throttle-store.js';

describe.each(DB_KINDS)('throttle counters in the database (%s)', (kind) => {
  let h: Harness;
  let clock = 1_000_000_000_000;
  const now = () => clock;
  const counters = () => h.ctx.throttles;
  const rows = (scope: string) =>
    h.ctx.db.db.selectFrom('throttle_counters').selectAll().where('scope', '=', scope).execute();

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { start: false });
  });
  afterAll(() => h.dispose());

  it('counts concurrent adds atomically: 40 at once each see their own increment', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => counters().add('t.atomic', 'k', null, 100, 60_000, now())),
    );
    expect(results.map((r) => r.points).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(new Set(results.map((r) => r.expiresAt))).toEqual(new Set([now() + 60_000]));
  });

  it('refuses after the allowance, says the first refusal once, and a flood stops growing the counter', async () => {
    const t = new FailureThrottle(counters(), 't.flood', 3, 60_000, now);
    for (let i = 0; i < 3; i++) expect(await t.take('k')).toEqual({ ok: true });
    expect(await t.take('k')).toEqual({ ok: false, blockedFor: 60_000, firstRefusal: true });
    for (let i = 0; i < 20; i++) expect(await t.take('k')).toMatchObject({ ok: false, firstRefusal: false });
    expect((await rows('t.flood')).map((r) => Number(r.points))).toEqual([5]);
    expect(await t.status('k')).toEqual({ failures: 3, blockedFor: 60_000 });
    // Another key is not affected.
    expect(await t.take('other')).toEqual({ ok: true });
  });

  it('starts a new window once the old one has ended; gives back (not below 0) and resets', async () => {
    const t = new FailureThrottle(counters(), 't.window', 2, 60_000, now);
    await t.fail('k');
    await t.fail('k');
    expect((await t.status('k')).blockedFor).toBe(60_000);
    clock += 30_000;
    expect((await t.status('k')).blockedFor).toBe(30_000);
    clock += 30_000;
    expect(await t.status('k')).toEqual({ failures: 0, blockedFor: 0 });
    expect(await t.take('k')).toEqual({ ok: true });
    expect((await rows('t.window'))[0]).toMatchObject({ points: 1 });
    await t.giveBack('k');
    await t.giveBack('k');
    expect((await rows('t.window'))[0]).toMatchObject({ points: 0 });
    await t.reset('k');
    expect(await rows('t.window')).toEqual([]);
  });

  it('stores a key a client made huge as its digest', async () => {
    const t = new FailureThrottle(counters(), 't.long', 2, 60_000, now);
    const huge = `127.0.0.1|${'x'.repeat(1_000_000)}|app`;
    await t.fail(huge);
    await t.fail(huge);
    expect((await t.status(huge)).blockedFor).toBeGreaterThan(0);
    expect((await t.status(`${huge}y`)).blockedFor).toBe(0);
    const [row] = await rows('t.long');
    expect(row!.key.length).toBeLessThanOrEqual(MAX_STORED_KEY_LENGTH);
  });

  it('stores a key holding a NUL (PostgreSQL refuses it in text) as its digest, apart from one without', async () => {
    const t = new FailureThrottle(counters(), 't.nul', 2, 60_000, now);
    const nul = '127.0.0.1|Ac\u0000me|app';
    await t.fail(nul);
    await t.fail(nul);
    expect((await t.status(nul)).blockedFor).toBeGreaterThan(0);
    expect((await t.status('127.0.0.1|Acme|app')).blockedFor).toBe(0);
    await t.reset(nul);
    expect((await t.status(nul)).blockedFor).toBe(0);
  });

  it('lists blocked subjects with the end of their latest window, and forgets a subject', async () => {
    await counters().add('t.subject', 'ann|a', 'ann', 9, 60_000, now());
    await counters().add('t.subject', 'ann|a', 'ann', 9, 60_000, now());
    clock += 1_000;
    await counters().add('t.subject', 'ann|b', 'ann', 9, 60_000, now());
    await counters().add('t.subject', 'ann|b', 'ann', 9, 60_000, now());
    await counters().add('t.subject', 'bob|a', 'bob', 9, 60_000, now());
    expect(await counters().blockedSubjects('t.subject', 2, now())).toEqual(
      new Map([['ann', now() + 60_000]]),
    );
    expect(await counters().removeSubject('t.subject', 'ann')).toBe(2);
    expect((await rows('t.subject')).map((r) => r.key)).toEqual(['bob|a']);
  });

  it('prunes expired counters a batch at a time and keeps live ones', async () => {
    const expired = PRUNE_BATCH * 2 + 500;
    const all = Array.from({ length: expired }, (_, i) => ({
      scope: 't.prune',
      key: `old-${i}`,
      subject: null,
      points: 1,
      expires_at: now() - 1,
    }));
    for (let i = 0; i < all.length; i += 500) {
      await h.ctx.db.db
        .insertInto('throttle_counters')
        .values(all.slice(i, i + 500))
        .execute();
    }
    await counters().add('t.prune', 'live', null, 9, 60_000, now());
    expect(await counters().pruneBatch(now())).toBe(PRUNE_BATCH);
    // The rest, with what earlier tests left to expire.
    expect(await counters().prune(now())).toBeGreaterThanOrEqual(expired - PRUNE_BATCH);
    expect((await rows('t.prune')).map((r) => r.key)).toEqual(['live']);
    const left = await h.ctx.db.db
      .selectFrom('throttle_counters')
      .select('key')
      .where('expires_at', '<=', now())
      .execute();
    expect(left).toEqual([]);
  });
});
