import { describe, expect, it } from 'vitest';
import { EXPIRY_INDEX_SQL } from '../../../db/migrations.js';
import { activityWriteEveryMs, EXPIRES_AT_SQL } from '../activity.js';

describe('session activity rules', () => {
  it('asks for expired sessions with exactly the expression the expiry index was built on', () => {
    // Any other text (even the same formula spelt differently) and the sweep scans the table.
    expect(EXPIRES_AT_SQL).toBe(EXPIRY_INDEX_SQL);
  });

  it('writes activity every 1/20 of the window, 30 s at most', () => {
    expect(activityWriteEveryMs(10_000)).toBe(500);
    expect(activityWriteEveryMs(600_000)).toBe(30_000);
  });
});
