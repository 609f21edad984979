import { describe, expect, it } from 'vitest';
import { sliceClock } from '../slices.js';
import { sortSliced } from '../sort-sliced.js';

describe('sortSliced', () => {
  it('sorts as Array.prototype.sort does, equal items in their order, over many runs', async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (const n of [0, 1, 4_095, 4_096, 4_097, 20_000]) {
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(rnd() * 500), i }));
      const cmp = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const got = await sortSliced(items, cmp, sliceClock(0));
      expect(got).toEqual([...items].sort(cmp));
      expect(items.map((x) => x.i)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
});
