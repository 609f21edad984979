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

export type DateRangeErrors = Partial<Record<'from' | 'to', string>>;

/**
 * Checks a from/to pair of date inputs (either may be empty): each must be a real date, and "from"
 * must not come after "to". Empty result means valid; the messages are the caller's.
 */
export function validateDateRange(
  { from, to }: { from: string; to: string },
  messages: { invalidDate: string; fromAfterTo: string },
): DateRangeErrors {
  const errors: DateRangeErrors = {};
  if (from && !dateInputToIso(from, 'start')) errors.from = messages.invalidDate;
  if (to && !dateInputToIso(to, 'end')) errors.to = messages.invalidDate;
  if (!errors.from && !errors.to && from && to && from > to) errors.from = messages.fromAfterTo;
  return errors;
}
