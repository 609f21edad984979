import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, format, startOfDay, startOfMonth } from 'date-fns';

/**
 * Days and months of the report time zone (OIG_TIME_ZONE). A day is not always 24 hours (summer
 * time), so boundaries are computed as wall-clock midnights in the zone, never by adding
 * milliseconds.
 */
export interface Calendar {
  timeZone: string;
  /** `YYYY-MM-DD` of the day holding `ms`. */
  dayOf(ms: number): string;
  /** `YYYY-MM` of the month holding `ms`. */
  monthOf(ms: number): string;
  /** First instant of the day holding `ms`. */
  startOfDay(ms: number): number;
  /** First instant of the day after the one holding `ms`. */
  nextDay(ms: number): number;
  /** [first instant, first instant of the next month) of `YYYY-MM`. */
  monthRange(month: string): { from: number; to: number };
  /** The month before `YYYY-MM`, or after it with `delta` = 1. */
  shiftMonth(month: string, delta: number): string;
  /** ISO 8601 with the zone's offset at that instant, e.g. `2026-10-01T00:00:00.000+02:00`. */
  iso(ms: number): string;
}

/** True when `zone` is an IANA time zone this Node.js knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The process's own zone (TZ, or the system's). */
export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function createCalendar(timeZone: string): Calendar {
  const at = (ms: number) => new TZDate(ms, timeZone);
  const parseMonth = (month: string) => {
    const m = /^(\d{4})-(\d{2})$/.exec(month);
    if (!m) throw new Error(`not a month: ${month}`);
    return new TZDate(Number(m[1]), Number(m[2]) - 1, 1, timeZone);
  };
  return {
    timeZone,
    dayOf: (ms) => format(at(ms), 'yyyy-MM-dd'),
    monthOf: (ms) => format(at(ms), 'yyyy-MM'),
    startOfDay: (ms) => startOfDay(at(ms)).getTime(),
    // Midnight of the next day (startOfDay again: where summer time skips midnight, the day
    // begins at 01:00 and one day later is not the next day's start).
    nextDay: (ms) => startOfDay(addDays(startOfDay(at(ms)), 1)).getTime(),
    monthRange(month) {
      // Each end is its own month's first instant (not first + 1 month: where midnight is skipped
      // a month may begin at 01:00, and the next one still begins at its own midnight).
      const next = (m: string) => startOfMonth(parseMonth(m)).getTime();
      return { from: next(month), to: next(format(addMonths(parseMonth(month), 1), 'yyyy-MM')) };
    },
    shiftMonth: (month, delta) => format(addMonths(parseMonth(month), delta), 'yyyy-MM'),
    iso: (ms) => format(at(ms), "yyyy-MM-dd'T'HH:mm:ss.SSSxxx"),
  };
}
