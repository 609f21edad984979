import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { DbHandle } from './db/db.js';
import type { SettingsStore } from './db/settings-store.js';
import type { ThrottleCounters } from './db/throttle-store.js';

/** What every module is built from; context.ts makes one and hands it to each createXModule. */
export interface ModuleDeps {
  db: DbHandle;
  config: Config;
  /** The root logger: each module logs through its own child. */
  logger: Logger;
  /** The one clock (ms since the epoch); tests pass a fake one. */
  now: () => number;
  /** Small JSON settings by key, shared with the other processes. */
  settings: SettingsStore;
  /** The sign-in throttles' failure counters, shared with the other processes. */
  throttles: ThrottleCounters;
}
