import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Counts failures per key and blocks the key for the rest of the window once it has used up
 * its allowance. Successes do not count; `reset` forgives a key after a success.
 */
export class FailureThrottle {
  private readonly limiter: RateLimiterMemory;
  constructor(private readonly maxFailures: number, windowSeconds: number) {
    this.limiter = new RateLimiterMemory({ points: maxFailures, duration: windowSeconds });
  }

  /** Milliseconds until the key may try again; 0 when it is not blocked. */
  async blockedFor(key: string): Promise<number> {
    const res = await this.limiter.get(key);
    return res && res.consumedPoints >= this.maxFailures ? Math.max(1, res.msBeforeNext) : 0;
  }

  async fail(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
