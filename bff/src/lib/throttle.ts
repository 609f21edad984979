import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Counts failures per key and blocks the key for the rest of the window once it has used up
 * its allowance. Successes do not count; `reset` forgives a key after a success.
 */
export class FailureThrottle {
  private readonly limiter: RateLimiterMemory;
  constructor(
    private readonly maxFailures: number,
    windowSeconds: number,
  ) {
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

  /**
   * Takes one attempt before doing slow work, so that concurrent attempts cannot all pass a
   * check made before any of them has failed. False when the key has no attempt left.
   * Give it back with `giveBack` when the attempt succeeds.
   */
  async take(key: string): Promise<boolean> {
    try {
      await this.limiter.consume(key);
      return true;
    } catch (e) {
      if (e instanceof RateLimiterRes) return false;
      throw e;
    }
  }

  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key, 1);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
