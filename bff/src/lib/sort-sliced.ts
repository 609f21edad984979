import { sliceClock, type SliceClock } from './slices.js';

/** Items sorted by the built-in sort in one go (a few milliseconds), then merged in slices. */
const RUN = 4_096;
/** Items merged between two looks at the slice clock. */
const CHECK_EVERY = 4_096;

/**
 * Sorts `items` like `items.sort(cmp)` (stable), in time-bounded slices: runs of RUN items sorted
 * at once, then merged pairwise, the clock checked every few thousand items. Returns a new array.
 * A million items cost about as much as one sort, spread over turns of the event loop.
 */
export async function sortSliced<T>(
  items: readonly T[],
  cmp: (a: T, b: T) => number,
  clock: SliceClock = sliceClock(),
): Promise<T[]> {
  const n = items.length;
  let src: T[] = [];
  for (let lo = 0; lo < n; lo += RUN) {
    for (const item of items.slice(lo, lo + RUN).sort(cmp)) src.push(item);
    await clock.pause();
  }
  let dst: T[] = new Array<T>(n);
  let moved = 0;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      let o = lo;
      while (a < mid && b < hi) {
        // `<= 0` takes from the left run first: equal items keep their order.
        dst[o++] = cmp(src[a]!, src[b]!) <= 0 ? src[a++]! : src[b++]!;
        if (++moved % CHECK_EVERY === 0) await clock.pause();
      }
      while (a < mid) dst[o++] = src[a++]!;
      while (b < hi) dst[o++] = src[b++]!;
      await clock.pause();
    }
    [src, dst] = [dst, src];
  }
  return src;
}
