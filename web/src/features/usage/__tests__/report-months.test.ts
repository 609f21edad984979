import { describe, expect, it } from 'vitest';
import { MAX_PAST_MONTHS, pastMonthsNewestFirst } from '../utils/report-months';

describe('pastMonthsNewestFirst', () => {
  it('lists latest back to oldest, over a year boundary', () => {
    expect(pastMonthsNewestFirst('2025-11', '2026-02')).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(pastMonthsNewestFirst('2026-10', '2026-10')).toEqual(['2026-10']);
  });

  it('is empty for an oldest after the latest, or for what is not a month', () => {
    expect(pastMonthsNewestFirst('2026-11', '2026-10')).toEqual([]);
    expect(pastMonthsNewestFirst('2026-13', '2026-10')).toEqual([]);
    expect(pastMonthsNewestFirst('2026-01', 'October')).toEqual([]);
  });

  it(`holds at most ${MAX_PAST_MONTHS} months (the longest history kept is 3,650 days)`, () => {
    const all = pastMonthsNewestFirst('2000-01', '2026-10');
    expect(all).toHaveLength(MAX_PAST_MONTHS);
    expect(all[0]).toBe('2026-10');
    expect(all.at(-1)).toBe('2016-10');
  });
});
