import type { OpenMediaT } from '../i18n';

/** A duration in whole seconds as "45 s", "2 min 05 s" or "1 h 02 min" (negative counts as 0). */
export function formatDuration(totalSeconds: number, t: OpenMediaT): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return t('duration.hours', { h, m: two(m) });
  if (m > 0) return t('duration.minutes', { m, s: two(s) });
  return t('duration.seconds', { s });
}

/** Seconds from an ISO 8601 instant to `now` (ms); 0 when the instant cannot be read. */
export function secondsSince(iso: string, now: number): number {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.floor((now - at) / 1000));
}
