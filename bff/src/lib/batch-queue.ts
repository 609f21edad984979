/**
 * Calls that arrive while a batch is running wait and run together as the next batch (at most
 * `max` items; the rest in the batches after), one batch at a time in this process. Under load many
 * items share one run — e.g. one transaction, one commit, one wait for a lock for many logins —;
 * an item that arrives when nothing runs starts at once, alone. `run` answers each item in order;
 * if it throws, every call of that batch gets the error.
 */
export function createBatchQueue<T, R>(
  max: number,
  run: (items: T[]) => Promise<R[]>,
): (item: T) => Promise<R> {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`batch size must be a positive integer (${max})`);
  const waiting: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  let running = false;

  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, max);
      try {
        const results = await run(batch.map((b) => b.item));
        if (results.length !== batch.length)
          throw new Error(`batch of ${batch.length} answered ${results.length} results`);
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    running = false;
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
