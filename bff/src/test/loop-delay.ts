import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Sampling period of the probe (ms); what a sample exceeds it by is the delay. */
const RESOLUTION_MS = 10;

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  /** The longest stall of the event loop while the probe ran. */
  maxMs: number;
}

/**
 * The event-loop delay of this process between `start()` and `stop()` (the bench's target and the
 * heavy-work harness's product process): a stall shows as a late sample.
 */
export function loopDelayProbe() {
  let h: IntervalHistogram | undefined;
  return {
    start(): void {
      h?.disable();
      h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      h.enable();
    },
    /** null when it was not started. */
    stop(): LoopDelay | null {
      const done = h;
      h = undefined;
      if (!done) return null;
      done.disable();
      // The histogram holds sample periods: the delay is what exceeds the resolution.
      const delay = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
      return { p50Ms: delay(done.percentile(50)), p99Ms: delay(done.percentile(99)), maxMs: delay(done.max) };
    },
  };
}
