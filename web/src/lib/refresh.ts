/**
 * How often a live list (sessions, network elements, Open Media requests) is read again while
 * shown: one rhythm for every tab that follows what is happening now, so they tell the same time.
 */
export const LIVE_LIST_REFRESH_MS = 30_000;
