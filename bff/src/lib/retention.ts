import type { Logger } from 'pino';
import { nextTurn } from './slices.js';

/** How often each process prunes a table kept for a retention time (and once at start). */
export const PRUNE_EVERY_MS = 3_600_000;

export interface RetentionJobDeps {
  /** What is pruned, for the log ("session history", "mail outbox"). */
  what: string;
  /**
   * Deletes what is older than `before` (epoch ms), a bounded batch per statement with a turn of the
   * event loop between batches; returns how many rows went.
   */
  prune(before: number): Promise<number>;
  /** Rows older than this are deleted. */
  retentionMs: number;
  /** Period of the job; 0 = no timer (tests call prune()). */
  everyMs: number;
  now: () => number;
  logger: Logger;
}

/**
 * Keeps a growing table bounded: what is older than the retention is deleted by `prune`, at start
 * and then every `everyMs`. One run at a time per process; processes sharing a PostgreSQL may prune
 * at once (each deletes what is still there). Used for the session history and the mail outbox.
 */
export function createRetentionJob(d: RetentionJobDeps) {
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let running: Promise<number> | undefined;

  async function prune(): Promise<number> {
    if (running) return running;
    running = (async () => {
      const before = d.now() - d.retentionMs;
      const deleted = await d.prune(before);
      if (deleted > 0) d.logger.info({ deleted, before: new Date(before).toISOString() }, `${d.what} pruned`);
      return deleted;
    })().finally(() => (running = undefined));
    return running;
  }

  const tick = () => {
    prune()
      .catch((err: unknown) => d.logger.error({ err }, `pruning the ${d.what} failed; tried again later`))
      .finally(() => {
        if (!started) return;
        timer = setTimeout(tick, d.everyMs);
        timer.unref();
      });
  };

  return {
    prune,
    start(): void {
      if (d.everyMs <= 0 || started) return;
      started = true;
      tick();
    },
    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
export type RetentionJob = ReturnType<typeof createRetentionJob>;

/**
 * Runs `deleteBatch` (one statement deleting at most `batch` rows; returns how many it deleted)
 * until a batch comes back short, with a turn of the event loop between batches; returns the total.
 * The `prune` of a retention job.
 */
export async function deleteInBatches(batch: number, deleteBatch: () => Promise<number>): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await deleteBatch();
    deleted += n;
    if (n < batch) return deleted;
    await nextTurn();
  }
}
