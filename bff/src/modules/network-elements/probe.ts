import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { NetworkElementsRepo } from './network-elements.repo.js';

// SKELETON (issue 3): the network-elements helper completes this module.
export function createProber(deps: { repo: NetworkElementsRepo; probe: Config['probe']; logger: Logger; now?: () => number }) {
  void deps;
  return {
    start(): void {},
    async stop(): Promise<void> {},
    /** Probes every element now (never awaited by a request). */
    async probeAll(): Promise<void> {},
  };
}
export type Prober = ReturnType<typeof createProber>;
