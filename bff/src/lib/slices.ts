/**
 * Bounded slices of work on the event loop (the 100 ms budget: docs/architecture.md, "Heavy work").
 *
 * Long jobs on the main thread — reading a large table, rendering a large CSV, planning an import —
 * run in slices and give the event loop back between them, so SOAP/REST keep-alives, /healthz and
 * the expiry sweeper run meanwhile. A slice is bounded by time (SLICE_BUDGET_MS), not by a count of
 * rows, so the same loop keeps the budget on a slow machine and wastes no turns on a fast one.
 */

/** Work done between two turns of the event loop, at most (a tenth of the 100 ms budget, and then some). */
export const SLICE_BUDGET_MS = 15;

/** Lets everything waiting run (timers, I/O callbacks, other requests), then goes on. */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock for one job: `due()` says whether the current slice has used its budget; `pause()` yields
 * when it has (and starts a new slice), else returns at once. Check it every few rows:
 *
 *   const slice = sliceClock();
 *   for (const row of rows) { work(row); if (slice.due()) await slice.pause(); }
 */
export function sliceClock(budgetMs = SLICE_BUDGET_MS) {
  let start = performance.now();
  return {
    due: (): boolean => performance.now() - start >= budgetMs,
    async pause(): Promise<void> {
      if (performance.now() - start < budgetMs) return;
      await nextTurn();
      start = performance.now();
    },
    /** Yields now and starts a new slice (e.g. after one synchronous database call). */
    async yieldNow(): Promise<void> {
      await nextTurn();
      start = performance.now();
    },
  };
}
export type SliceClock = ReturnType<typeof sliceClock>;

/**
 * Maps `items` in time-bounded slices (order kept). `fn` must be cheap per item; the clock is
 * read every `checkEvery` items.
 */
export async function mapSliced<T, U>(
  items: readonly T[],
  fn: (item: T, index: number) => U,
  clock: SliceClock = sliceClock(),
  checkEvery = 256,
): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!, i);
    if (i % checkEvery === checkEvery - 1) await clock.pause();
  }
  return out;
}
