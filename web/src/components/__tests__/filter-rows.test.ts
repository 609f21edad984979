import { describe, expect, it } from 'vitest';
import { buildSearchIndex, filterByIndex, parseFilter } from '../data-table/filter-rows';

describe('filter-rows', () => {
  const index = ['crm connector\nacme corp', 'wallboard\nglobex', 'call recorder\nacme corp'];
  const rows = index.map((_, i) => ({ index: i }));

  it('matches every whitespace-separated term, case-insensitively, keeping row order', () => {
    expect(filterByIndex(rows, index, parseFilter('ACME'))).toEqual([{ index: 0 }, { index: 2 }]);
    expect(filterByIndex(rows, index, parseFilter('acme  call'))).toEqual([{ index: 2 }]);
    expect(filterByIndex([...rows].reverse(), index, parseFilter('acme'))).toEqual([
      { index: 2 },
      { index: 0 },
    ]);
    expect(filterByIndex(rows, index, parseFilter('nothing'))).toEqual([]);
  });

  it('returns the same array for an empty filter (no work, stable for memoization)', () => {
    expect(filterByIndex(rows, index, parseFilter('   '))).toBe(rows);
  });

  it('narrows 25,000 rows keystroke by keystroke (speed is measured by npm run bench)', () => {
    const words = ['crm connector', 'wallboard', 'call recorder', 'dialer pro', 'presence sync'];
    const big = Array.from(
      { length: 25_000 },
      (_, i) => `${words[i % 5]}\ncompany ${i % 97}\n10.0.${i % 256}.${i % 250}\n…${1000 + (i % 9000)}`,
    );
    const all = big.map((_, i) => ({ index: i }));
    const typed = 'crm con';
    const counts = Array.from(
      { length: typed.length },
      (_, n) => filterByIndex(all, big, parseFilter(typed.slice(0, n + 1))).length,
    );
    // "c" matches every row (each has "company"); "crm" and beyond only the CRM connector rows.
    expect(counts[0]).toBe(25_000);
    expect(counts.slice(2)).toEqual(Array(typed.length - 2).fill(5_000));
  });

  it('builds a lower-case index', () => {
    expect(buildSearchIndex([{ a: 'MiXeD' }], (r) => r.a)).toEqual(['mixed']);
  });
});
