import type { Logger } from 'pino';
import { activityWriteEveryMs } from './activity.js';
import type { CachedSession } from './session-cache.js';
import type { SessionsRepo } from './sessions.repo.js';

type Seen = Pick<CachedSession, 'handle' | 'keepAliveMs' | 'lastActivityAt' | 'storedActivityAt'>;

export interface SessionActivityDeps {
  sessions: Pick<SessionsRepo, 'recordActivity'>;
  /** Called for each session the database no longer holds (another process ended it). */
  gone: (handle: string) => void;
  logger: Logger;
}

/**
 * Keep-alive activity, written to the database in batches on its own timer (so expiry work can
 * never hold it back), and only when the stored time has grown stale (`activity.ts`).
 */
export class SessionActivity {
  private pending = new Map<string, number>();
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly d: SessionActivityDeps) {}

  /** Records activity on a cached session; queues a write when the stored time is stale. */
  seen(s: Seen, now: number): void {
    s.lastActivityAt = now;
    if (now - s.storedActivityAt >= activityWriteEveryMs(s.keepAliveMs)) {
      this.pending.set(s.handle, now);
      s.storedActivityAt = now;
    }
  }

  /** Drops an ended session's unwritten activity. */
  drop(handle: string): void {
    this.pending.delete(handle);
  }

  start(periodMs: number): void {
    this.timer = setInterval(
      () =>
        void this.flush().catch((err: unknown) =>
          this.d.logger.error({ err }, 'writing session activity failed'),
        ),
      periodMs,
    );
    this.timer.unref();
  }

  stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Writes the batch; forgets sessions another process has ended. A failed write puts its batch
   * back, so no keep-alive is lost.
   */
  flush(): Promise<void> {
    // One write at a time; callers during a write wait for it.
    this.writing ??= this.write().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const gone = await this.d.sessions.recordActivity([...batch].map(([handle, at]) => ({ handle, at })));
      for (const h of gone) this.d.gone(h);
    } catch (err) {
      for (const [h, at] of batch) if ((this.pending.get(h) ?? 0) < at) this.pending.set(h, at);
      throw err;
    }
  }
}
