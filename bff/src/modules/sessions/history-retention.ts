import type { Logger } from 'pino';
import type { SessionsRepo } from './sessions.repo.js';

/** How often each process prunes the session history (and once at start). */
export const HISTORY_PRUNE_EVERY_MS = 3_600_000;

export interface HistoryRetentionDeps {
  repo: Pick<SessionsRepo, 'pruneHistory'>;
  /** Ended sessions older than this (by end time) are deleted (OIG_HISTORY_RETENTION_DAYS). */
  retentionMs: number;
  /** Period of the pruning job; 0 = no timer (tests call prune()). */
  everyMs: number;
  now: () => number;
  logger: Logger;
}

/**
 * Keeps `session_history` bounded: rows that ended more than the retention ago are deleted, oldest
 * first, a bounded batch per statement with a turn of the event loop between batches (the repo's
 * pruneHistory), at start and then every `everyMs`. One run at a time; processes sharing a
 * PostgreSQL may prune at once (each deletes what is still there).
 */
export function createHistoryRetention(d: HistoryRetentionDeps) {
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let running: Promise<number> | undefined;

  async function prune(): Promise<number> {
    if (running) return running;
    running = (async () => {
      const before = d.now() - d.retentionMs;
      const deleted = await d.repo.pruneHistory(before);
      if (deleted > 0)
        d.logger.info({ deleted, before: new Date(before).toISOString() }, 'session history pruned');
      return deleted;
    })().finally(() => (running = undefined));
    return running;
  }

  const tick = () => {
    prune()
      .catch((err: unknown) =>
        d.logger.error({ err }, 'pruning the session history failed; tried again later'),
      )
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
export type HistoryRetention = ReturnType<typeof createHistoryRetention>;
