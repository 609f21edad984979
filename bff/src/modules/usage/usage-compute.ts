import { USAGE_COUNTERS, type UsageCounter } from '@oig/shared';
import { sliceClock, type SliceClock } from '../../lib/slices.js';
import { sortSliced } from '../../lib/sort-sliced.js';
import type { Calendar } from './calendar.js';

/** Sessions or events handled between two looks at the slice clock. */
const CHECK_EVERY = 2_048;

/** A session as usage sees it: when it held its licenses, which, and for which application. */
export interface UsageInterval {
  start: number;
  /** When it ended (its licenses were released); null while it is live. */
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
 * Sessions in columns (no object per session: a month may hold a million, and a million small
 * objects cost long garbage collections). `counters` and `app` index `counterSets` and `apps`.
 */
export class IntervalColumns {
  length = 0;
  start = new Float64Array(1024);
  /** Infinity while live. */
  end = new Float64Array(1024);
  counters = new Uint16Array(1024);
  app = new Uint32Array(1024);
  readonly counterSets: Array<readonly UsageCounter[]> = [];
  readonly apps: string[] = [];
  private readonly counterIndex = new Map<string, number>();
  private readonly appIndex = new Map<string, number>();

  /** `countersKey` names the counter set (e.g. the stored licenses text); `counters` is read once per key. */
  push(
    start: number,
    end: number | null,
    countersKey: string,
    counters: () => readonly UsageCounter[],
    app: string,
  ) {
    if (this.length === this.start.length) {
      const grow = <A extends Float64Array | Uint16Array | Uint32Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.counters = grow(this.counters);
      this.app = grow(this.app);
    }
    let c = this.counterIndex.get(countersKey);
    if (c === undefined) {
      c = this.counterSets.push(counters()) - 1;
      this.counterIndex.set(countersKey, c);
    }
    let a = this.appIndex.get(app);
    if (a === undefined) {
      a = this.apps.push(app) - 1;
      this.appIndex.set(app, a);
    }
    const i = this.length++;
    this.start[i] = start;
    this.end[i] = end ?? Number.POSITIVE_INFINITY;
    this.counters[i] = c;
    this.app[i] = a;
  }

  static of(list: readonly UsageInterval[]): IntervalColumns {
    const out = new IntervalColumns();
    for (const s of list) out.push(s.start, s.end, s.counters.join(), () => s.counters, s.app);
    return out;
  }
}

/**
 * Per day of [from, to): the peak concurrent use of each counter with its time, and per
 * application the sessions started and the peak concurrent sessions. `from` must be the start of
 * a day; `to` may end mid-day (today so far).
 *
 * One sweep over the sessions' starts and ends, sorted once (ends before starts at the same
 * millisecond: a license released and taken in the same instant was never held twice). At each
 * day's start the peak begins at what is held across midnight. Done in time-bounded slices (a
 * month may hold a million sessions): the caller's clock is checked every few thousand items.
 */
export async function computeDays(
  input: readonly UsageInterval[] | IntervalColumns,
  from: number,
  to: number,
  cal: Calendar,
  clock: SliceClock = sliceClock(),
): Promise<DayUsage[]> {
  const iv = input instanceof IntervalColumns ? input : IntervalColumns.of(input);
  const held = Object.fromEntries(USAGE_COUNTERS.map((c) => [c, 0])) as Record<UsageCounter, number>;
  const appHeld = new Array<number>(iv.apps.length).fill(0);
  // Events: time, +1 start / −1 end / 0 started without ever being held (ended as it began).
  const times = new Float64Array(2 * iv.length);
  const kinds = new Int8Array(2 * iv.length);
  const owners = new Uint32Array(2 * iv.length);
  let events = 0;
  const order: number[] = [];
  const push = (t: number, k: number, s: number) => {
    order.push(events);
    times[events] = t;
    kinds[events] = k;
    owners[events++] = s;
  };
  const hold = (s: number, d: number) => {
    for (const c of iv.counterSets[iv.counters[s]!]!) held[c] += d;
    appHeld[iv.app[s]!]! += d;
  };

  for (let s = 0; s < iv.length; s++) {
    if (s % CHECK_EVERY === CHECK_EVERY - 1) await clock.pause();
    const start = iv.start[s]!;
    const end = iv.end[s]!;
    if (start >= to || end <= from) continue;
    if (start < from) hold(s, 1);
    else if (end <= start) push(start, 0, s);
    else push(start, 1, s);
    if (end < to && end > start) push(end, -1, s);
  }
  const sorted = await sortSliced(order, (a, b) => times[a]! - times[b]! || kinds[a]! - kinds[b]!, clock);

  const days: DayUsage[] = [];
  let e = 0;
  for (let dayStart = from; dayStart < to; dayStart = cal.nextDay(dayStart)) {
    const dayEnd = Math.min(cal.nextDay(dayStart), to);
    // Sessions that ended at this midnight were not held in this day.
    for (; e < sorted.length && times[sorted[e]!] === dayStart && kinds[sorted[e]!] === -1; e++)
      hold(owners[sorted[e]!]!, -1);
    const counters = emptyCounters();
    for (const c of USAGE_COUNTERS) raise(counters[c], held[c], dayStart);
    const byApp: Array<AppUsage | undefined> = new Array<AppUsage | undefined>(iv.apps.length);
    const touched: number[] = [];
    const appOf = (app: number): AppUsage => {
      let a = byApp[app];
      if (!a) {
        byApp[app] = a = { sessions: 0, peak: 0, at: null };
        touched.push(app);
      }
      return a;
    };
    for (let app = 0; app < appHeld.length; app++)
      if (appHeld[app]! > 0) raise(appOf(app), appHeld[app]!, dayStart);

    for (; e < sorted.length && times[sorted[e]!]! < dayEnd; e++) {
      if (e % CHECK_EVERY === CHECK_EVERY - 1) await clock.pause();
      const i = sorted[e]!;
      const t = times[i]!;
      const k = kinds[i]!;
      const s = owners[i]!;
      if (k === -1) {
        hold(s, -1);
        continue;
      }
      const a = appOf(iv.app[s]!);
      a.sessions++;
      if (k === 0) continue;
      hold(s, 1);
      for (const c of iv.counterSets[iv.counters[s]!]!) raise(counters[c], held[c], t);
      raise(a, appHeld[iv.app[s]!]!, t);
    }
    const applications = new Map(touched.map((app) => [iv.apps[app]!, byApp[app]!]));
    days.push({ day: cal.dayOf(dayStart), counters, applications });
    await clock.pause();
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
