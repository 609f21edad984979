/**
 * A queue of async tasks run one at a time (in the order given) in this process; a failed task
 * does not stop the ones after it. For read-modify-write of one stored value, and imports.
 */
export function createSerialQueue(): <T>(fn: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
}
