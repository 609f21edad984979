import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { DB_KINDS, freshDb, startHarness, type Harness } from '../../../test/harness.js';
import { seedSessionHistory } from '../../../test/seed-history.js';
import { watchStatements } from '../../../test/statements.js';

const DAY = 86_400_000;
const SCAN = { windowRows: 50, pageRows: 7 };

describe('OIG_HISTORY_RETENTION_DAYS', () => {
  const base = { OIG_DATA_DIR: '/tmp/oig-unused', OIG_ADMIN_PASSWORD: 'admin-test-password-1' };
  it('is 400 days unless set (the usage report catches up 12 months), 62 to 3,650', () => {
    expect(loadConfig(base).historyRetentionMs).toBe(400 * DAY);
    expect(loadConfig({ ...base, OIG_HISTORY_RETENTION_DAYS: '90' }).historyRetentionMs).toBe(90 * DAY);
    expect(() => loadConfig({ ...base, OIG_HISTORY_RETENTION_DAYS: '61' })).toThrow(
      /OIG_HISTORY_RETENTION_DAYS must be at least 62/,
    );
    expect(() => loadConfig({ ...base, OIG_HISTORY_RETENTION_DAYS: '3651' })).toThrow(
      /OIG_HISTORY_RETENTION_DAYS must be at most 3650/,
    );
  });
});

describe.each(DB_KINDS)('session history retention (%s)', (kind) => {
  let h: Harness;
  const now = Date.parse('2026-12-07T10:00:00Z');
  const cutoff = now - 100 * DAY;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), {
      env: { OIG_HISTORY_RETENTION_DAYS: '100' },
      context: { now: () => now, scan: SCAN, historyPruneMs: 0 },
    });
    // 500 rows ending over the 200 days before now: about half older than the retention, and
    // five ending exactly at the cutoff (kept: only rows older than it go).
    await seedSessionHistory(h.ctx.db.db, kind, { rows: 500, from: now - 200 * DAY, to: now });
    await seedSessionHistory(h.ctx.db.db, kind, { rows: 5, from: cutoff, to: cutoff + 1, offset: 500 });
  });
  afterAll(() => h.dispose());

  const endTimes = async () =>
    (await h.ctx.db.db.selectFrom('session_history').select(['handle', 'ended_at']).execute()).map((r) => ({
      handle: r.handle,
      end: Number(r.ended_at),
    }));

  it('deletes the rows that ended before now − retention, in many small statements, and keeps the rest', async () => {
    const before = await endTimes();
    const old = before.filter((r) => r.end < cutoff);
    const kept = before.filter((r) => r.end >= cutoff);
    expect(old.length).toBeGreaterThan(10 * SCAN.pageRows);
    expect(kept.length).toBeGreaterThan(200);

    const watch = watchStatements(kind);
    let deleted;
    try {
      deleted = await h.ctx.historyRetention.prune();
    } finally {
      watch.stop();
    }
    expect(deleted).toBe(old.length);
    const after = await endTimes();
    expect(after.map((r) => r.handle).sort()).toEqual(kept.map((r) => r.handle).sort());
    // One bounded delete per page, plus the last one that finds less than a page.
    const deletes = watch.statements.filter((s) => /^\s*delete from "session_history"/i.test(s.sql));
    expect(deletes.length).toBe(Math.floor(old.length / SCAN.pageRows) + 1);
    expect(Math.max(...deletes.map((s) => s.rows))).toBe(SCAN.pageRows);

    // Nothing more to prune: a second run deletes nothing.
    expect(await h.ctx.historyRetention.prune()).toBe(0);
  });
});
