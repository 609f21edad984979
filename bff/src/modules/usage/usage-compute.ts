import { USAGE_COUNTERS, type UsageCounter } from '@oig/shared';
import type { Calendar } from './calendar.js';

/** A session as usage sees it: when it held its licences, which, and for which application. */
export interface UsageInterval {
  start: number;
  /** When it ended (its licences were released); null while it is live. */
  end: number | null;
  counters: readonly UsageCounter[];
  /** `appKey(company, application)`. */
  app: string;
}

/** The most in use at once, and when that was first reached (null when nothing was). */
export interface PeakAt {
  peak: number;
  at: number | null;
}

export interface AppUsage extends PeakAt {
  /** Sessions started that day. */
  sessions: number;
}

/** One day of usage in the report time zone. */
export interface DayUsage {
  day: string;
  counters: Record<UsageCounter, PeakAt>;
  applications: Map<string, AppUsage>;
}

export { appKey, splitAppKey } from '../../lib/app-key.js';

export const emptyCounters = (): Record<UsageCounter, PeakAt> =>
  Object.fromEntries(USAGE_COUNTERS.map((c) => [c, { peak: 0, at: null }])) as Record<UsageCounter, PeakAt>;

/** A later, higher peak replaces an earlier one; an equal one keeps the earlier time. */
export function raise(p: PeakAt, value: number, at: number): void {
  if (value > p.peak) {
    p.peak = value;
    p.at = at;
  }
}

/**
 * Per day of [from, to): the peak concurrent use of each counter with its time, and per
 * application the sessions started and the peak concurrent sessions. `from` must be the start of
 * a day; `to` may end mid-day (today so far).
 *
 * One sweep over the sessions' starts and ends, sorted once (ends before starts at the same
 * millisecond: a licence released and taken in the same instant was never held twice). At each
 * day's start the peak begins at what is held across midnight.
 */
export function computeDays(
  intervals: Iterable<UsageInterval>,
  from: number,
  to: number,
  cal: Calendar,
): DayUsage[] {
  const held = Object.fromEntries(USAGE_COUNTERS.map((c) => [c, 0])) as Record<UsageCounter, number>;
  const appHeld = new Map<string, number>();
  // Events: time, +1 start / −1 end / 0 started without ever being held (ended as it began).
  const times: number[] = [];
  const kinds: number[] = [];
  const owners: UsageInterval[] = [];
  const push = (t: number, k: number, s: UsageInterval) => {
    times.push(t);
    kinds.push(k);
    owners.push(s);
  };
  const hold = (s: UsageInterval, d: number) => {
    for (const c of s.counters) held[c] += d;
    appHeld.set(s.app, (appHeld.get(s.app) ?? 0) + d);
  };

  for (const s of intervals) {
    const end = s.end ?? Number.POSITIVE_INFINITY;
    if (s.start >= to || end <= from) continue;
    if (s.start < from) hold(s, 1);
    else if (end <= s.start) push(s.start, 0, s);
    else push(s.start, 1, s);
    if (end < to && end > s.start) push(end, -1, s);
  }
  const order = Array.from(times.keys()).sort((a, b) => times[a]! - times[b]! || kinds[a]! - kinds[b]!);

  const days: DayUsage[] = [];
  let e = 0;
  for (let dayStart = from; dayStart < to; dayStart = cal.nextDay(dayStart)) {
    const dayEnd = Math.min(cal.nextDay(dayStart), to);
    // Sessions that ended at this midnight were not held in this day.
    for (; e < order.length && times[order[e]!] === dayStart && kinds[order[e]!] === -1; e++)
      hold(owners[order[e]!]!, -1);
    const counters = emptyCounters();
    for (const c of USAGE_COUNTERS) raise(counters[c], held[c], dayStart);
    const applications = new Map<string, AppUsage>();
    const appOf = (app: string): AppUsage => {
      let a = applications.get(app);
      if (!a) applications.set(app, (a = { sessions: 0, peak: 0, at: null }));
      return a;
    };
    for (const [app, n] of appHeld) if (n > 0) raise(appOf(app), n, dayStart);

    for (; e < order.length && times[order[e]!]! < dayEnd; e++) {
      const i = order[e]!;
      const t = times[i]!;
      const k = kinds[i]!;
      const s = owners[i]!;
      if (k === -1) {
        hold(s, -1);
        continue;
      }
      const a = appOf(s.app);
      a.sessions++;
      if (k === 0) continue;
      hold(s, 1);
      for (const c of s.counters) raise(counters[c], held[c], t);
      raise(a, appHeld.get(s.app)!, t);
    }
    days.push({ day: cal.dayOf(dayStart), counters, applications });
  }
  return days;
}

/** A period's figures from its days: the highest daily peak (first reached), sessions summed. */
export function aggregateDays(days: readonly DayUsage[]): {
  counters: Record<UsageCounter, PeakAt>;
  applications: Map<string, AppUsage>;
} {
  const counters = emptyCounters();
  const applications = new Map<string, AppUsage>();
  for (const d of days) {
    for (const c of USAGE_COUNTERS)
      if (d.counters[c].at !== null) raise(counters[c], d.counters[c].peak, d.counters[c].at);
    for (const [app, u] of d.applications) {
      let a = applications.get(app);
      if (!a) applications.set(app, (a = { sessions: 0, peak: 0, at: null }));
      a.sessions += u.sessions;
      if (u.at !== null) raise(a, u.peak, u.at);
    }
  }
  return { counters, applications };
}
