import { useSyncExternalStore } from 'react';

/** One clock for every "time since …" on the page: a single timer however many cells show one. */
const TICK_MS = 1_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    // No timer runs while nothing shows the time.
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const snapshot = () => now;

/** The current time (ms since epoch), updated every second while a component shows it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
