import { USAGE_COUNTERS, type UsageCounter } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar.js';
import {
  aggregateDays,
  appKey,
  computeDays,
  emptyCounters,
  splitAppKey,
  type AppUsage,
  type DayUsage,
  type PeakAt,
  type UsageInterval,
} from '../usage-compute.js';

const UTC = createCalendar('UTC');
const PARIS = createCalendar('Europe/Paris');
const t = (iso: string) => Date.parse(iso);
const H = 3_600_000;

const GOOGLE: UsageCounter[] = ['google', 'miVoiceIntegration', 'standardCallControl'];
const SF_ADV: UsageCounter[] = ['advancedCallControl', 'miVoiceIntegration', 'salesforce'];
const REST: UsageCounter[] = ['dataAccess'];
const G = appKey('Mitel', 'MiVoice Integration for Google');
const S = appKey('Mitel', 'MiVoice Integration for Salesforce');
const A = appKey('Acme', 'Call Recorder');

const s = (
  start: string,
  end: string | null,
  counters: readonly UsageCounter[] = REST,
  app = A,
): UsageInterval => ({
  start: t(start),
  end: end === null ? null : t(end),
  counters,
  app,
});

/** The counters of a day as {counter: [peak, ISO | null]}, only the ones that were used. */
const used = (d: DayUsage) =>
  Object.fromEntries(
    USAGE_COUNTERS.filter((c) => d.counters[c].peak > 0 || d.counters[c].at !== null).map((c) => [
      c,
      [d.counters[c].peak, iso(d.counters[c].at)],
    ]),
  );
const apps = (d: { applications: Map<string, AppUsage> }) =>
  Object.fromEntries(
    [...d.applications].map(([k, a]) => [splitAppKey(k).join(' / '), [a.sessions, a.peak, iso(a.at)]]),
  );
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const DAY = '2026-10-05';
const oneDay = async (intervals: UsageInterval[], cal = UTC) => {
  const from = t(`${DAY}T00:00:00Z`);
  const days = await computeDays(intervals, from, from + 24 * H, cal);
  expect(days.map((d) => d.day)).toEqual([DAY]);
  return days[0]!;
};

describe('computeDays: peaks within one day', () => {
  const cases: Array<{
    name: string;
    intervals: UsageInterval[];
    counters: Record<string, [number, string | null]>;
    apps: Record<string, [number, number, string | null]>;
  }> = [
    {
      name: 'overlapping sessions: the peak of each counter and when it was first reached',
      intervals: [
        s(`${DAY}T10:00:00Z`, `${DAY}T12:00:00Z`, GOOGLE, G),
        s(`${DAY}T11:00:00Z`, `${DAY}T13:00:00Z`, GOOGLE, G),
        s(`${DAY}T11:15:00Z`, `${DAY}T11:45:00Z`, SF_ADV, S),
        s(`${DAY}T11:30:00Z`, `${DAY}T11:40:00Z`, REST, A),
      ],
      counters: {
        standardCallControl: [2, `${DAY}T11:00:00.000Z`],
        google: [2, `${DAY}T11:00:00.000Z`],
        miVoiceIntegration: [3, `${DAY}T11:15:00.000Z`],
        advancedCallControl: [1, `${DAY}T11:15:00.000Z`],
        salesforce: [1, `${DAY}T11:15:00.000Z`],
        dataAccess: [1, `${DAY}T11:30:00.000Z`],
      },
      apps: {
        'Mitel / MiVoice Integration for Google': [2, 2, `${DAY}T11:00:00.000Z`],
        'Mitel / MiVoice Integration for Salesforce': [1, 1, `${DAY}T11:15:00.000Z`],
        'Acme / Call Recorder': [1, 1, `${DAY}T11:30:00.000Z`],
      },
    },
    {
      name: 'an equal peak reached later keeps the earlier time',
      intervals: [
        s(`${DAY}T14:00:00Z`, `${DAY}T15:00:00Z`),
        s(`${DAY}T14:30:00Z`, `${DAY}T15:00:00Z`),
        s(`${DAY}T08:00:00Z`, `${DAY}T09:00:00Z`),
        s(`${DAY}T08:30:00Z`, `${DAY}T08:45:00Z`),
      ],
      counters: { dataAccess: [2, `${DAY}T08:30:00.000Z`] },
      apps: { 'Acme / Call Recorder': [4, 2, `${DAY}T08:30:00.000Z`] },
    },
    {
      name: 'a higher peak reached later replaces the earlier one',
      intervals: [
        s(`${DAY}T08:00:00Z`, `${DAY}T09:00:00Z`),
        s(`${DAY}T08:30:00Z`, `${DAY}T08:45:00Z`),
        s(`${DAY}T14:00:00Z`, `${DAY}T15:00:00Z`),
        s(`${DAY}T14:10:00Z`, `${DAY}T15:00:00Z`),
        s(`${DAY}T14:20:00Z`, `${DAY}T15:00:00Z`),
      ],
      counters: { dataAccess: [3, `${DAY}T14:20:00.000Z`] },
      apps: { 'Acme / Call Recorder': [5, 3, `${DAY}T14:20:00.000Z`] },
    },
    {
      name: 'released and taken at the same millisecond: never held twice (whatever the input order)',
      intervals: [
        s(`${DAY}T11:00:00Z`, `${DAY}T12:00:00Z`),
        s(`${DAY}T10:00:00Z`, `${DAY}T11:00:00Z`),
        s(`${DAY}T12:00:00Z`, `${DAY}T12:30:00Z`),
      ],
      counters: { dataAccess: [1, `${DAY}T10:00:00.000Z`] },
      apps: { 'Acme / Call Recorder': [3, 1, `${DAY}T10:00:00.000Z`] },
    },
    {
      name: 'a zero-length session counts as started but is never held',
      intervals: [s(`${DAY}T10:00:00Z`, `${DAY}T10:00:00Z`, GOOGLE, G)],
      counters: {},
      apps: { 'Mitel / MiVoice Integration for Google': [1, 0, null] },
    },
    {
      name: 'a zero-length session at the instant another starts does not raise the peak',
      intervals: [s(`${DAY}T10:00:00Z`, `${DAY}T11:00:00Z`), s(`${DAY}T10:30:00Z`, `${DAY}T10:30:00Z`)],
      counters: { dataAccess: [1, `${DAY}T10:00:00.000Z`] },
      apps: { 'Acme / Call Recorder': [2, 1, `${DAY}T10:00:00.000Z`] },
    },
    {
      name: 'per application: sessions started and peak concurrent are counted separately',
      intervals: [
        s(`${DAY}T09:00:00Z`, `${DAY}T10:00:00Z`, GOOGLE, G),
        s(`${DAY}T09:10:00Z`, `${DAY}T09:20:00Z`, GOOGLE, G),
        s(`${DAY}T09:15:00Z`, `${DAY}T09:50:00Z`, GOOGLE, G),
        s(`${DAY}T09:30:00Z`, `${DAY}T09:40:00Z`, [], appKey('Third', 'Party')),
        s(`${DAY}T16:00:00Z`, `${DAY}T17:00:00Z`, [], appKey('Third', 'Party')),
      ],
      counters: {
        standardCallControl: [3, `${DAY}T09:15:00.000Z`],
        google: [3, `${DAY}T09:15:00.000Z`],
        miVoiceIntegration: [3, `${DAY}T09:15:00.000Z`],
      },
      apps: {
        'Mitel / MiVoice Integration for Google': [3, 3, `${DAY}T09:15:00.000Z`],
        'Third / Party': [2, 1, `${DAY}T09:30:00.000Z`],
      },
    },
  ];

  it.each(cases)('$name', async ({ intervals, counters, apps: expected }) => {
    const d = await oneDay(intervals);
    expect(used(d)).toEqual(counters);
    expect(apps(d)).toEqual(expected);
    // Counters that nothing used stay at 0 with no time.
    for (const c of USAGE_COUNTERS)
      if (!(c in counters)) expect(d.counters[c]).toEqual({ peak: 0, at: null });
  });

  it('a session outside the period (ending at its start, or starting at its end) is ignored', async () => {
    const from = t(`${DAY}T00:00:00Z`);
    const to = from + 24 * H;
    const days = await computeDays(
      [s('2026-10-04T22:00:00Z', `${DAY}T00:00:00Z`), s('2026-10-06T00:00:00Z', '2026-10-06T01:00:00Z')],
      from,
      to,
      UTC,
    );
    expect(used(days[0]!)).toEqual({});
    expect(apps(days[0]!)).toEqual({});
  });
});

describe('computeDays: across days', () => {
  it('a session over midnight counts in both days; the next day starts at what is held at midnight', async () => {
    const from = t('2026-10-05T00:00:00Z');
    const days = await computeDays(
      [
        s('2026-10-05T22:00:00Z', '2026-10-06T02:00:00Z', ['standardCallControl', 'google'], G),
        s('2026-10-06T01:00:00Z', '2026-10-06T03:00:00Z', ['standardCallControl'], S),
      ],
      from,
      from + 2 * 24 * H,
      UTC,
    );
    expect(days.map((d) => d.day)).toEqual(['2026-10-05', '2026-10-06']);
    expect(used(days[0]!)).toEqual({
      standardCallControl: [1, '2026-10-05T22:00:00.000Z'],
      google: [1, '2026-10-05T22:00:00.000Z'],
    });
    expect(apps(days[0]!)).toEqual({
      'Mitel / MiVoice Integration for Google': [1, 1, '2026-10-05T22:00:00.000Z'],
    });
    // Day two: google's peak is the carried-over session, at midnight; the call-control peak is
    // reached when the second session starts.
    expect(used(days[1]!)).toEqual({
      standardCallControl: [2, '2026-10-06T01:00:00.000Z'],
      google: [1, '2026-10-06T00:00:00.000Z'],
    });
    expect(apps(days[1]!)).toEqual({
      'Mitel / MiVoice Integration for Google': [0, 1, '2026-10-06T00:00:00.000Z'],
      'Mitel / MiVoice Integration for Salesforce': [1, 1, '2026-10-06T01:00:00.000Z'],
    });
    // Aggregated: two sessions started in all, the higher peak.
    const agg = aggregateDays(days);
    expect(agg.counters.standardCallControl).toEqual({ peak: 2, at: t('2026-10-06T01:00:00Z') });
    expect(agg.counters.google).toEqual({ peak: 1, at: t('2026-10-05T22:00:00Z') });
    expect(apps(agg)).toEqual({
      'Mitel / MiVoice Integration for Google': [1, 1, '2026-10-05T22:00:00.000Z'],
      'Mitel / MiVoice Integration for Salesforce': [1, 1, '2026-10-06T01:00:00.000Z'],
    });
  });

  // Sessions are half-open [start, end): one that ends at midnight is not held in the next day,
  // and a day's figures do not depend on where the computation started (usage.service days()
  // starts at the first unrecorded day). This once opened the day with the released license.
  it('a session ending exactly at midnight is not held at the start of the next day', async () => {
    const from = t('2026-10-05T00:00:00Z');
    const midnight = t('2026-10-06T00:00:00Z');
    const intervals = [
      s('2026-10-05T22:00:00Z', '2026-10-06T00:00:00Z'),
      s('2026-10-05T23:00:00Z', '2026-10-06T00:00:00Z'),
      s('2026-10-06T00:00:00Z', '2026-10-06T01:00:00Z'),
    ];
    const both = await computeDays(intervals, from, from + 2 * 24 * H, UTC);
    const alone = await computeDays(intervals, midnight, midnight + 24 * H, UTC);
    expect(used(both[0]!)).toEqual({ dataAccess: [2, '2026-10-05T23:00:00.000Z'] });
    // Day two alone: one session, started at midnight; the two ended ones are not held.
    expect(used(alone[0]!)).toEqual({ dataAccess: [1, '2026-10-06T00:00:00.000Z'] });
    expect(apps(alone[0]!)).toEqual({ 'Acme / Call Recorder': [1, 1, '2026-10-06T00:00:00.000Z'] });
    // The same day computed after day one gives the same figures (not peak 2 at midnight).
    expect(used(both[1]!)).toEqual(used(alone[0]!));
    expect(apps(both[1]!)).toEqual(apps(alone[0]!));
  });

  it('a session ending exactly at `from` is not held (half-open intervals)', async () => {
    const midnight = t('2026-10-06T00:00:00Z');
    const days = await computeDays(
      [s('2026-10-05T22:00:00Z', '2026-10-06T00:00:00Z')],
      midnight,
      midnight + 24 * H,
      UTC,
    );
    expect(used(days[0]!)).toEqual({});
    expect(apps(days[0]!)).toEqual({});
  });

  it('a live session (end null) counts until `to`, which may end mid-day', async () => {
    const from = t('2026-10-05T00:00:00Z');
    const to = t('2026-10-07T09:30:00Z');
    const days = await computeDays(
      [s('2026-10-05T10:00:00Z', null, GOOGLE, G), s('2026-10-07T09:30:00Z', null, GOOGLE, G)],
      from,
      to,
      UTC,
    );
    expect(days.map((d) => d.day)).toEqual(['2026-10-05', '2026-10-06', '2026-10-07']);
    expect(days[0]!.counters.google).toEqual({ peak: 1, at: t('2026-10-05T10:00:00Z') });
    expect(days[1]!.counters.google).toEqual({ peak: 1, at: t('2026-10-06T00:00:00Z') });
    expect(days[2]!.counters.google).toEqual({ peak: 1, at: t('2026-10-07T00:00:00Z') });
    // The one starting at `to` is not in [from, to).
    expect(apps(days[2]!)).toEqual({
      'Mitel / MiVoice Integration for Google': [0, 1, '2026-10-07T00:00:00.000Z'],
    });
    expect(aggregateDays(days).applications.get(G)).toEqual({
      sessions: 1,
      peak: 1,
      at: t('2026-10-05T10:00:00Z'),
    });
  });

  it('a session started before `from` counts as held from `from` but not as started', async () => {
    const from = t('2026-10-05T00:00:00Z');
    const days = await computeDays(
      [
        s('2026-10-04T20:00:00Z', '2026-10-05T08:00:00Z'),
        s('2026-10-05T07:00:00Z', '2026-10-05T07:30:00Z'),
        s('2026-10-01T00:00:00Z', null, GOOGLE, G),
      ],
      from,
      from + 24 * H,
      UTC,
    );
    expect(used(days[0]!)).toEqual({
      dataAccess: [2, '2026-10-05T07:00:00.000Z'],
      standardCallControl: [1, '2026-10-05T00:00:00.000Z'],
      google: [1, '2026-10-05T00:00:00.000Z'],
      miVoiceIntegration: [1, '2026-10-05T00:00:00.000Z'],
    });
    expect(apps(days[0]!)).toEqual({
      'Acme / Call Recorder': [1, 2, '2026-10-05T07:00:00.000Z'],
      'Mitel / MiVoice Integration for Google': [0, 1, '2026-10-05T00:00:00.000Z'],
    });
  });

  it('a day with no use at all is still listed, with every counter at 0', async () => {
    const from = t('2026-10-05T00:00:00Z');
    const days = await computeDays(
      [s('2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z'), s('2026-10-07T10:00:00Z', '2026-10-07T11:00:00Z')],
      from,
      from + 3 * 24 * H,
      UTC,
    );
    expect(days.map((d) => d.day)).toEqual(['2026-10-05', '2026-10-06', '2026-10-07']);
    expect(days[1]!.counters).toEqual(emptyCounters());
    expect(days[1]!.applications.size).toBe(0);
  });
});

describe('aggregateDays', () => {
  const day = (
    name: string,
    counters: Partial<Record<UsageCounter, PeakAt>>,
    applications: Array<[string, AppUsage]> = [],
  ): DayUsage => ({
    day: name,
    counters: { ...emptyCounters(), ...counters },
    applications: new Map(applications),
  });

  it('takes the highest daily peak, the earliest day on ties, and sums sessions', async () => {
    const agg = aggregateDays([
      day(
        '2026-10-01',
        {
          dataAccess: { peak: 2, at: t('2026-10-01T10:00:00Z') },
          google: { peak: 4, at: t('2026-10-01T09:00:00Z') },
        },
        [[A, { sessions: 5, peak: 2, at: t('2026-10-01T10:00:00Z') }]],
      ),
      day(
        '2026-10-02',
        {
          dataAccess: { peak: 3, at: t('2026-10-02T11:00:00Z') },
          google: { peak: 4, at: t('2026-10-02T08:00:00Z') },
        },
        [
          [A, { sessions: 7, peak: 3, at: t('2026-10-02T11:00:00Z') }],
          [G, { sessions: 1, peak: 1, at: t('2026-10-02T12:00:00Z') }],
        ],
      ),
      day('2026-10-03', { dataAccess: { peak: 3, at: t('2026-10-03T07:00:00Z') } }, [
        [A, { sessions: 4, peak: 3, at: t('2026-10-03T07:00:00Z') }],
        [S, { sessions: 2, peak: 0, at: null }],
      ]),
    ]);
    expect(agg.counters.dataAccess).toEqual({ peak: 3, at: t('2026-10-02T11:00:00Z') });
    expect(agg.counters.google).toEqual({ peak: 4, at: t('2026-10-01T09:00:00Z') });
    expect(agg.counters.salesforce).toEqual({ peak: 0, at: null });
    expect(apps(agg)).toEqual({
      'Acme / Call Recorder': [16, 3, '2026-10-02T11:00:00.000Z'],
      'Mitel / MiVoice Integration for Google': [1, 1, '2026-10-02T12:00:00.000Z'],
      'Mitel / MiVoice Integration for Salesforce': [2, 0, null],
    });
  });

  it('of no day at all: every counter at 0, no application', async () => {
    const agg = aggregateDays([]);
    expect(agg.counters).toEqual(emptyCounters());
    expect(agg.applications.size).toBe(0);
  });
});

describe('calendar', () => {
  it('Europe/Paris: the spring-forward day lasts 23 h, the fall-back day 25 h, other days 24 h', async () => {
    const length = (iso: string) => (PARIS.nextDay(t(iso)) - PARIS.startOfDay(t(iso))) / H;
    expect(length('2026-03-29T12:00:00Z')).toBe(23);
    expect(length('2026-10-25T12:00:00Z')).toBe(25);
    expect(length('2026-10-24T12:00:00Z')).toBe(24);
    expect(length('2026-10-26T12:00:00Z')).toBe(24);
    expect(PARIS.iso(PARIS.startOfDay(t('2026-10-25T12:00:00Z')))).toBe('2026-10-25T00:00:00.000+02:00');
    expect(PARIS.iso(PARIS.nextDay(t('2026-10-25T12:00:00Z')))).toBe('2026-10-26T00:00:00.000+01:00');
  });

  it('Europe/Paris: computeDays lists the DST days once each, with their own hours', async () => {
    const { from, to } = PARIS.monthRange('2026-10');
    const days = await computeDays(
      [
        // 02:30 local twice on 25 October: 00:30Z (+02:00) and 01:30Z (+01:00).
        s('2026-10-25T00:30:00Z', '2026-10-25T01:45:00Z'),
        s('2026-10-25T01:30:00Z', '2026-10-25T02:00:00Z'),
        // 23:30 local on 25 October (+01:00) is still the 25th.
        s('2026-10-25T22:30:00Z', '2026-10-25T22:45:00Z'),
      ],
      from,
      to,
      PARIS,
    );
    expect(days).toHaveLength(31);
    expect(days[0]!.day).toBe('2026-10-01');
    expect(days[30]!.day).toBe('2026-10-31');
    const d25 = days.find((d) => d.day === '2026-10-25')!;
    expect(PARIS.iso(d25.counters.dataAccess.at!)).toBe('2026-10-25T02:30:00.000+01:00');
    expect(d25.counters.dataAccess.peak).toBe(2);
    expect(d25.applications.get(A)!.sessions).toBe(3);
    expect(days.find((d) => d.day === '2026-10-26')!.applications.size).toBe(0);
  });

  const months: Array<
    [zone: string, month: string, from: string, to: string, fromIso: string, toIso: string]
  > = [
    [
      'Europe/Paris',
      '2026-03',
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
      '2026-03-01T00:00:00.000+01:00',
      '2026-04-01T00:00:00.000+02:00',
    ],
    [
      'Europe/Paris',
      '2026-10',
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
      '2026-10-01T00:00:00.000+02:00',
      '2026-11-01T00:00:00.000+01:00',
    ],
    [
      'Europe/Paris',
      '2026-12',
      '2026-11-30T23:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
      '2026-12-01T00:00:00.000+01:00',
      '2027-01-01T00:00:00.000+01:00',
    ],
    // New Zealand: summer time ends on 5 April 2026 and starts on 27 September 2026.
    [
      'Pacific/Auckland',
      '2026-04',
      '2026-03-31T11:00:00.000Z',
      '2026-04-30T12:00:00.000Z',
      '2026-04-01T00:00:00.000+13:00',
      '2026-05-01T00:00:00.000+12:00',
    ],
    [
      'Pacific/Auckland',
      '2026-09',
      '2026-08-31T12:00:00.000Z',
      '2026-09-30T11:00:00.000Z',
      '2026-09-01T00:00:00.000+12:00',
      '2026-10-01T00:00:00.000+13:00',
    ],
    [
      'Pacific/Auckland',
      '2027-01',
      '2026-12-31T11:00:00.000Z',
      '2027-01-31T11:00:00.000Z',
      '2027-01-01T00:00:00.000+13:00',
      '2027-02-01T00:00:00.000+13:00',
    ],
    // Los Angeles: summer time starts on 8 March and ends on 1 November 2026.
    [
      'America/Los_Angeles',
      '2026-03',
      '2026-03-01T08:00:00.000Z',
      '2026-04-01T07:00:00.000Z',
      '2026-03-01T00:00:00.000-08:00',
      '2026-04-01T00:00:00.000-07:00',
    ],
    [
      'America/Los_Angeles',
      '2026-11',
      '2026-11-01T07:00:00.000Z',
      '2026-12-01T08:00:00.000Z',
      '2026-11-01T00:00:00.000-07:00',
      '2026-12-01T00:00:00.000-08:00',
    ],
    [
      'UTC',
      '2026-02',
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000+00:00',
      '2026-03-01T00:00:00.000+00:00',
    ],
  ];
  it.each(months)('%s %s starts and ends at local midnight', (zone, month, from, to, fromIso, toIso) => {
    const cal = createCalendar(zone);
    const r = cal.monthRange(month);
    expect(new Date(r.from).toISOString()).toBe(from);
    expect(new Date(r.to).toISOString()).toBe(to);
    expect(cal.iso(r.from)).toBe(fromIso);
    expect(cal.iso(r.to)).toBe(toIso);
    expect(cal.monthOf(r.from)).toBe(month);
    expect(cal.monthOf(r.to - 1)).toBe(month);
    expect(cal.monthOf(r.to)).toBe(cal.shiftMonth(month, 1));
    expect(cal.startOfDay(r.from)).toBe(r.from);
  });

  it('month and day of an instant near the boundaries, in different zones', async () => {
    const at = t('2026-10-31T23:30:00Z');
    expect(PARIS.monthOf(at)).toBe('2026-11');
    expect(PARIS.dayOf(at)).toBe('2026-11-01');
    expect(UTC.monthOf(at)).toBe('2026-10');
    expect(createCalendar('America/Los_Angeles').dayOf(at)).toBe('2026-10-31');
    expect(createCalendar('Pacific/Auckland').dayOf(t('2026-09-30T11:30:00Z'))).toBe('2026-10-01');
    expect(createCalendar('Pacific/Auckland').monthOf(t('2026-09-30T10:59:59.999Z'))).toBe('2026-09');
  });

  it('a session at 23:30 UTC on the last day of a month falls into the next month in Europe/Paris', async () => {
    const session = s('2026-10-31T23:30:00Z', '2026-10-31T23:45:00Z');
    const oct = PARIS.monthRange('2026-10');
    const nov = PARIS.monthRange('2026-11');
    const inOct = aggregateDays(await computeDays([session], oct.from, oct.to, PARIS));
    const inNov = aggregateDays(await computeDays([session], nov.from, nov.to, PARIS));
    expect(inOct.applications.size).toBe(0);
    expect(inOct.counters.dataAccess).toEqual({ peak: 0, at: null });
    expect(inNov.applications.get(A)).toEqual({ sessions: 1, peak: 1, at: t('2026-10-31T23:30:00Z') });
    expect(PARIS.iso(inNov.counters.dataAccess.at!)).toBe('2026-11-01T00:30:00.000+01:00');
  });

  it('shiftMonth crosses years both ways; iso writes the zone offset', async () => {
    expect(PARIS.shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(PARIS.shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(PARIS.shiftMonth('2026-03', -14)).toBe('2025-01');
    expect(PARIS.iso(t('2026-07-14T10:00:00Z'))).toBe('2026-07-14T12:00:00.000+02:00');
    expect(createCalendar('America/Los_Angeles').iso(t('2026-01-14T10:00:00Z'))).toBe(
      '2026-01-14T02:00:00.000-08:00',
    );
    expect(() => PARIS.monthRange('2026-1')).toThrow(/not a month/);
  });

  // America/Santiago skips local midnight when summer time starts (00:00 → 01:00, 6 September
  // 2026): that day begins at 01:00. The day after it (7 September) has a normal midnight, which
  // nextDay must give (adding one day to the 01:00 start once gave 01:00).
  it('calendar.nextDay: in a zone that skips midnight (America/Santiago), the next day starts at its own midnight', async () => {
    const cal = createCalendar('America/Santiago');
    const inSkippedDay = t('2026-09-06T12:00:00Z');
    expect(cal.iso(cal.startOfDay(inSkippedDay))).toBe('2026-09-06T01:00:00.000-03:00');
    expect(cal.iso(cal.nextDay(inSkippedDay))).toBe('2026-09-07T00:00:00.000-03:00');
  });

  it("calendar.monthRange: a month whose first day skips midnight ends at the next month's own midnight (America/Asuncion, October 2023)", async () => {
    const cal = createCalendar('America/Asuncion');
    const { from, to } = cal.monthRange('2023-10');
    expect(cal.iso(from)).toBe('2023-10-01T01:00:00.000-03:00');
    expect(cal.iso(to)).toBe('2023-11-01T00:00:00.000-03:00');
  });

  it('calendar.nextDay (America/Santiago): a session at 00:30 on 7 September is counted in the day of 7 September', async () => {
    const cal = createCalendar('America/Santiago');
    const from = cal.startOfDay(t('2026-09-06T12:00:00Z'));
    const to = t('2026-09-08T03:00:00Z'); // 8 September 00:00 -03:00
    const days = await computeDays([s('2026-09-07T03:30:00Z', '2026-09-07T03:45:00Z')], from, to, cal);
    expect(cal.dayOf(t('2026-09-07T03:30:00Z'))).toBe('2026-09-07');
    expect(days.map((d) => [d.day, d.applications.get(A)?.sessions ?? 0])).toEqual([
      ['2026-09-06', 0],
      ['2026-09-07', 1],
    ]);
  });
});
