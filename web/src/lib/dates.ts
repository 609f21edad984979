import type { z } from 'zod';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** `2025-03-04T00:00:00.000+01:00`: local wall time with the local UTC offset. */
export function toIsoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/**
 * Value of an <input type="date"> (YYYY-MM-DD) as ISO 8601 with offset: the start of that local
 * day for "from", its last millisecond for "to". Undefined when empty or not a real date.
 */
export function dateInputToIso(value: string, edge: 'start' | 'end'): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date =
    edge === 'start'
      ? new Date(year, month - 1, day, 0, 0, 0, 0)
      : new Date(year, month - 1, day, 23, 59, 59, 999);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day)
    return undefined;
  return toIsoWithOffset(date);
}

/**
 * The rule of a from/to pair of date inputs (either may be empty), for a filter form's schema
 * (`.superRefine(checkDateRange)`): each must be a real date, and "from" must not come after "to".
 * Issues carry the codes `invalidDate` and `fromAfterTo`; the texts are the form's.
 */
export function checkDateRange({ from, to }: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const bad = (path: 'from' | 'to', code: 'invalidDate' | 'fromAfterTo') =>
    ctx.addIssue({ code: 'custom', path: [path], params: { code }, message: code });
  const fromBad = from !== '' && !dateInputToIso(from, 'start');
  const toBad = to !== '' && !dateInputToIso(to, 'end');
  if (fromBad) bad('from', 'invalidDate');
  if (toBad) bad('to', 'invalidDate');
  if (!fromBad && !toBad && from && to && from > to) bad('from', 'fromAfterTo');
}
