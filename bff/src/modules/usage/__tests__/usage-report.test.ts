import {
  OIG_VERSION,
  USAGE_COUNTERS,
  usageDailySchema,
  usageReportSchema,
  type UsageCounter,
  type UsageReport,
} from '@oig/shared';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../test/harness.js';
import { appKey } from '../usage-compute.js';
import {
  renderReportCsv as renderReportCsvOf,
  renderReportHtml,
  renderReportText,
} from '../usage-report.render.js';
import { ACME, addSessions, C, GOOGLE, SALESFORCE, type AppName } from './usage-fixtures.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

/** Friday 14 November 2026, 10:00 in Paris. */
const NOW = Date.parse('2026-11-14T10:00:00+01:00');
// OIG_LOG_LEVEL: saving the report address saves the options, whose level then applies to the test logger.
const ENV = { OIG_TIME_ZONE: 'Europe/Paris', OIG_NAME: 'oig-test', OIG_LOG_LEVEL: 'error' };
const XSS: AppName = { companyName: '<script>alert(1)</script>', applicationName: '=SUM(A1)' };
const SIGNS: AppName = { companyName: '+Plus Co', applicationName: '-Minus' };

/**
 * September to mid-November 2026 in Paris (summer time ends on 25 October at 03:00 → 02:00).
 * Times with their local offset; the ones written in UTC are where UTC and Paris disagree.
 */
const SESSIONS = [
  { app: ACME, counters: C.rest, start: '2026-09-15T10:00:00+02:00', end: '2026-09-15T11:00:00+02:00' },
  // 1 October 00:30 in Paris, still 30 September in UTC: October's.
  { app: ACME, counters: C.rest, start: '2026-09-30T22:30:00Z', end: '2026-09-30T22:40:00Z' },
  { app: GOOGLE, counters: C.google, start: '2026-10-05T09:00:00+02:00', end: '2026-10-05T11:00:00+02:00' },
  { app: GOOGLE, counters: C.google, start: '2026-10-05T10:00:00+02:00', end: '2026-10-05T10:30:00+02:00' },
  {
    app: SALESFORCE,
    counters: C.salesforceAdvanced,
    start: '2026-10-05T10:15:00+02:00',
    end: '2026-10-05T12:00:00+02:00',
  },
  { app: XSS, counters: C.thirdParty, start: '2026-10-10T12:00:00+02:00', end: '2026-10-10T12:05:00+02:00' },
  {
    app: SIGNS,
    counters: C.thirdParty,
    start: '2026-10-12T08:00:00+02:00',
    end: '2026-10-12T08:00:00+02:00',
  },
  { app: GOOGLE, counters: C.google, start: '2026-10-20T14:00:00+02:00', end: '2026-10-20T15:00:00+02:00' },
  { app: GOOGLE, counters: C.google, start: '2026-10-20T14:30:00+02:00', end: '2026-10-20T14:45:00+02:00' },
  {
    app: SALESFORCE,
    counters: C.salesforceStandard,
    start: '2026-10-20T14:40:00+02:00',
    end: '2026-10-20T16:00:00+02:00',
  },
  // 02:30 → 02:30 on 25 October: the first (summer) 02:30 to the second (winter) one.
  { app: ACME, counters: C.rest, start: '2026-10-25T00:30:00Z', end: '2026-10-25T01:30:00Z' },
  { app: ACME, counters: C.rest, start: '2026-10-25T01:00:00Z', end: '2026-10-25T01:10:00Z' },
  // Live since 30 October 08:00 (holds std + google + MiVoice Integration now).
  { app: GOOGLE, counters: C.google, start: '2026-10-30T08:00:00+01:00', end: null },
  // 31 October 23:30 in Paris: October's, running into November.
  { app: ACME, counters: C.rest, start: '2026-10-31T23:30:00+01:00', end: '2026-11-01T01:00:00+01:00' },
  // 1 November 00:30 in Paris, still 31 October in UTC: November's.
  { app: ACME, counters: C.rest, start: '2026-10-31T23:30:00Z', end: '2026-10-31T23:45:00Z' },
  { app: GOOGLE, counters: C.google, start: '2026-11-10T09:00:00+01:00', end: '2026-11-10T10:00:00+01:00' },
];

const peak = (n: number, at: string | null = null) => ({ peak: n, at });
const license = (
  type: string,
  available: number,
  p: { peak: number; at: string | null },
  current: number,
) => ({ type, available, server: false, peak: p, current });

const OCTOBER: UsageReport = {
  oig: { name: 'oig-test', version: OIG_VERSION },
  period: {
    month: '2026-10',
    from: '2026-10-01T00:00:00.000+02:00',
    to: '2026-11-01T00:00:00.000+01:00',
    timeZone: 'Europe/Paris',
    monthToDate: false,
  },
  generatedAt: '2026-11-14T10:00:00.000+01:00',
  licenses: [
    license('standardCallControl', 50, peak(3, '2026-10-20T14:40:00.000+02:00'), 1),
    license('advancedCallControl', 10, peak(1, '2026-10-05T10:15:00.000+02:00'), 0),
    license('google', 50, peak(2, '2026-10-05T10:00:00.000+02:00'), 1),
    license('salesforce', 50, peak(1, '2026-10-05T10:15:00.000+02:00'), 0),
    license('dataAccess', 50, peak(2, '2026-10-25T02:00:00.000+01:00'), 0),
  ] as UsageReport['licenses'],
  // 3 at once on 5 October 10:15 and again on 20 October 14:40: the first time is kept.
  miVoiceIntegration: {
    enabled: true,
    available: 1500,
    peak: peak(3, '2026-10-05T10:15:00.000+02:00'),
    current: 1,
  },
  applications: [
    { companyName: '+Plus Co', applicationName: '-Minus', sessions: 1, peakConcurrent: peak(0) },
    {
      companyName: '<script>alert(1)</script>',
      applicationName: '=SUM(A1)',
      sessions: 1,
      peakConcurrent: peak(1, '2026-10-10T12:00:00.000+02:00'),
    },
    // 1 Oct 00:30, the two on 25 Oct, 31 Oct 23:30 (not 1 Nov 00:30, nor 15 Sep).
    {
      companyName: 'Acme',
      applicationName: 'Call Recorder',
      sessions: 4,
      peakConcurrent: peak(2, '2026-10-25T02:00:00.000+01:00'),
    },
    {
      companyName: 'Mitel',
      applicationName: 'MiVoice Integration for Google',
      sessions: 5,
      peakConcurrent: peak(2, '2026-10-05T10:00:00.000+02:00'),
    },
    {
      companyName: 'Mitel',
      applicationName: 'MiVoice Integration for Salesforce',
      sessions: 2,
      peakConcurrent: peak(1, '2026-10-05T10:15:00.000+02:00'),
    },
  ],
};

const NOVEMBER_TO_DATE: UsageReport = {
  ...OCTOBER,
  period: {
    month: '2026-11',
    from: '2026-11-01T00:00:00.000+01:00',
    to: '2026-11-14T10:00:00.000+01:00',
    timeZone: 'Europe/Paris',
    monthToDate: true,
  },
  licenses: [
    license('standardCallControl', 50, peak(2, '2026-11-10T09:00:00.000+01:00'), 1),
    license('advancedCallControl', 10, peak(0), 0),
    license('google', 50, peak(2, '2026-11-10T09:00:00.000+01:00'), 1),
    license('salesforce', 50, peak(0), 0),
    // The session of 31 Oct 23:30 is held at midnight; the one of 1 Nov 00:30 makes 2.
    license('dataAccess', 50, peak(2, '2026-11-01T00:30:00.000+01:00'), 0),
  ] as UsageReport['licenses'],
  miVoiceIntegration: {
    enabled: true,
    available: 1500,
    peak: peak(2, '2026-11-10T09:00:00.000+01:00'),
    current: 1,
  },
  applications: [
    {
      companyName: 'Acme',
      applicationName: 'Call Recorder',
      sessions: 1,
      peakConcurrent: peak(2, '2026-11-01T00:30:00.000+01:00'),
    },
    {
      companyName: 'Mitel',
      applicationName: 'MiVoice Integration for Google',
      sessions: 1,
      peakConcurrent: peak(2, '2026-11-10T09:00:00.000+01:00'),
    },
  ],
};

const csvSections = (body: string) => {
  expect(body.startsWith('\uFEFF')).toBe(true);
  expect(body.endsWith('\r\n')).toBe(true);
  return body
    .slice(1, -2)
    .split('\r\n\r\n')
    .map((s) => Papa.parse<string[]>(s, { newline: '\r\n' }))
    .map((p) => {
      expect(p.errors).toEqual([]);
      return p.data;
    });
};

/** The expected Overview chart: every day zero except the listed ones. */
const zeroPeaks = () =>
  Object.fromEntries(USAGE_COUNTERS.map((c) => [c, peak(0)])) as Record<
    UsageCounter,
    { peak: number; at: string | null }
  >;

describe.each(DB_KINDS)('usage report (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  const clock = { t: NOW };

  const report = async (month?: string) => {
    const res = await admin
      .get('/api/v1/usage-report/report')
      .query(month ? { month } : {})
      .expect(200);
    expect(() => usageReportSchema.parse(res.body)).not.toThrow();
    return res.body as UsageReport;
  };
  const dayRows = async (like: string) =>
    (
      await h.ctx.db.db
        .selectFrom('usage_daily')
        .select('day')
        .where('subject_kind', '=', 'day')
        .where('day', 'like', like)
        .orderBy('day')
        .execute()
    ).map((r) => r.day);

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), {
      start: false,
      env: ENV,
      context: { now: () => clock.t, reportCheckMs: 0, mail: { pollMs: 0 } },
    });
    admin = (await signIn(h)).agent;
    await addSessions(h, SESSIONS);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('a finished month: exact peaks with their local times, sessions per application, the Paris month boundaries', async () => {
    expect(await report('2026-10')).toEqual(OCTOBER);
  });

  it('September holds the session of 15 September only (1 October 00:30 in Paris is October, though UTC says 30 September)', async () => {
    const sep = await report('2026-09');
    expect(sep.period).toEqual({
      month: '2026-09',
      from: '2026-09-01T00:00:00.000+02:00',
      to: '2026-10-01T00:00:00.000+02:00',
      timeZone: 'Europe/Paris',
      monthToDate: false,
    });
    expect(sep.applications).toEqual([
      {
        companyName: 'Acme',
        applicationName: 'Call Recorder',
        sessions: 1,
        peakConcurrent: peak(1, '2026-09-15T10:00:00.000+02:00'),
      },
    ]);
    expect(sep.licenses.find((l) => l.type === 'dataAccess')!.peak).toEqual(
      peak(1, '2026-09-15T10:00:00.000+02:00'),
    );
    expect(sep.miVoiceIntegration.peak).toEqual(peak(0));
  });

  it('the current month is month to date, up to now; it is the default', async () => {
    expect(await report('2026-11')).toEqual(NOVEMBER_TO_DATE);
    expect(await report()).toEqual(NOVEMBER_TO_DATE);
  });

  it('a month long past: all zero, no application', async () => {
    const r = await report('2025-01');
    expect(r.applications).toEqual([]);
    expect(r.licenses.map((l) => l.peak)).toEqual([peak(0), peak(0), peak(0), peak(0), peak(0)]);
    expect(r.period.from).toBe('2025-01-01T00:00:00.000+01:00');
  });

  it('a future month is refused with 400 naming month; so are badly written months', async () => {
    for (const month of ['2026-12', '2027-01']) {
      const res = await admin.get('/api/v1/usage-report/report').query({ month }).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain(month);
      expect(Object.keys(res.body.error.fields)).toEqual(['month']);
      await admin.get('/api/v1/usage-report/report.csv').query({ month }).expect(400);
    }
    for (const month of [
      '2026-13',
      'abc',
      '2026-1',
      '2026-00',
      '26-10',
      '2026-10-01',
      '',
      '0050-06',
      '1999-12',
    ]) {
      const res = await admin.get('/api/v1/usage-report/report').query({ month }).expect(400);
      expect(res.body.error.code, month).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields), month).toEqual(['month']);
      const csv = await admin.get('/api/v1/usage-report/report.csv').query({ month }).expect(400);
      expect(Object.keys(csv.body.error.fields), month).toEqual(['month']);
    }
    const extra = await admin
      .get('/api/v1/usage-report/report')
      .query({ month: '2026-10', extra: '1' })
      .expect(400);
    expect(extra.body.error.code).toBe('validation_failed');
  });

  it('CSV: sections with the same figures; cells starting with = + - are neutralised', async () => {
    const res = await admin.get('/api/v1/usage-report/report.csv').query({ month: '2026-10' }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?oig-usage-2026-10\.csv"?$/);
    const [meta, licenses, apps, ...rest] = csvSections(res.text);
    expect(rest).toEqual([]);
    expect(meta).toEqual([
      ['OIG', 'oig-test'],
      ['Version', OIG_VERSION],
      ['Period from', '2026-10-01T00:00:00.000+02:00'],
      ['Period to (exclusive)', '2026-11-01T00:00:00.000+01:00'],
      ['Time zone', 'Europe/Paris'],
      ['Month to date', 'no'],
      ['Generated', '2026-11-14T10:00:00.000+01:00'],
    ]);
    expect(licenses).toEqual([
      ['License', 'Available', 'Server license', 'Peak used', 'Peak time', 'Current', 'License Code'],
      ['Standard Call Control', '50', 'no', '3', '2026-10-20T14:40:00.000+02:00', '1', 'standardCallControl'],
      ['Advanced Call Control', '10', 'no', '1', '2026-10-05T10:15:00.000+02:00', '0', 'advancedCallControl'],
      ['MiVoice for Google', '50', 'no', '2', '2026-10-05T10:00:00.000+02:00', '1', 'google'],
      ['MiVoice for Salesforce', '50', 'no', '1', '2026-10-05T10:15:00.000+02:00', '0', 'salesforce'],
      ['Data Access Service', '50', 'no', '2', '2026-10-25T02:00:00.000+01:00', '0', 'dataAccess'],
      [
        'MiVoice Integration maximum concurrent users',
        '1500',
        'no',
        '3',
        '2026-10-05T10:15:00.000+02:00',
        '1',
        'miVoiceIntegration',
      ],
    ]);
    expect(apps).toEqual([
      ['Company', 'Application', 'Sessions', 'Peak concurrent sessions', 'Peak time'],
      ["'+Plus Co", "'-Minus", '1', '0', ''],
      ['<script>alert(1)</script>', "'=SUM(A1)", '1', '1', '2026-10-10T12:00:00.000+02:00'],
      ['Acme', 'Call Recorder', '4', '2', '2026-10-25T02:00:00.000+01:00'],
      ['Mitel', 'MiVoice Integration for Google', '5', '2', '2026-10-05T10:00:00.000+02:00'],
      ['Mitel', 'MiVoice Integration for Salesforce', '2', '1', '2026-10-05T10:15:00.000+02:00'],
    ]);

    const current = await admin.get('/api/v1/usage-report/report.csv').expect(200);
    expect(current.headers['content-disposition']).toMatch(
      /^attachment; filename="?oig-usage-2026-11-to-date\.csv"?$/,
    );
    const [curMeta, , curApps] = csvSections(current.text);
    expect(curMeta![3]).toEqual(['Period to (exclusive)', '2026-11-14T10:00:00.000+01:00']);
    expect(curMeta![5]).toEqual(['Month to date', 'yes']);
    expect(curApps!.slice(1)).toEqual([
      ['Acme', 'Call Recorder', '1', '2', '2026-11-01T00:30:00.000+01:00'],
      ['Mitel', 'MiVoice Integration for Google', '1', '2', '2026-11-10T09:00:00.000+01:00'],
    ]);
  });

  it('HTML and text: names from applications are escaped in HTML, the figures are there', async () => {
    const r = await report('2026-10');
    const html = renderReportHtml(r);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('<h1 style="font-size:20px">OIG usage report — October 2026</h1>');
    expect(html).toContain('MiVoice Integration maximum concurrent users: 3</h2>');
    expect(html).toContain('2026-10-25 02:00:00 (+01:00)');
    const text = renderReportText(r);
    expect(text).toContain('- Acme / Call Recorder: 4 / 2 at 2026-10-25 02:00:00 (+01:00)');
    expect(text).toContain('- Standard Call Control: 50 / 3 at 2026-10-20 14:40:00 (+02:00) / 1');
  });

  it('GET /usage/daily?days=30: 30 days, oldest first, ending today, with the available capacities', async () => {
    const res = await admin.get('/api/v1/usage/daily').query({ days: 30 }).expect(200);
    expect(() => usageDailySchema.parse(res.body)).not.toThrow();
    expect(res.body.timeZone).toBe('Europe/Paris');
    expect(res.body.available).toEqual({
      standardCallControl: 50,
      advancedCallControl: 10,
      google: 50,
      salesforce: 50,
      dataAccess: 50,
      miVoiceIntegration: 1500,
    });

    // Expected: the live Google session is held at every midnight from 31 October on.
    const expected = new Map<string, Record<UsageCounter, { peak: number; at: string | null }>>();
    const days: string[] = [];
    for (let d = Date.UTC(2026, 9, 16); d <= Date.UTC(2026, 10, 14); d += 86_400_000)
      days.push(new Date(d).toISOString().slice(0, 10));
    for (const day of days) {
      const p = zeroPeaks();
      if (day >= '2026-10-31') for (const c of C.google) p[c] = peak(1, `${day}T00:00:00.000+01:00`);
      expected.set(day, p);
    }
    Object.assign(expected.get('2026-10-20')!, {
      standardCallControl: peak(3, '2026-10-20T14:40:00.000+02:00'),
      google: peak(2, '2026-10-20T14:30:00.000+02:00'),
      salesforce: peak(1, '2026-10-20T14:40:00.000+02:00'),
      miVoiceIntegration: peak(3, '2026-10-20T14:40:00.000+02:00'),
    });
    Object.assign(expected.get('2026-10-25')!, { dataAccess: peak(2, '2026-10-25T02:00:00.000+01:00') });
    for (const c of C.google) expected.get('2026-10-30')![c] = peak(1, '2026-10-30T08:00:00.000+01:00');
    Object.assign(expected.get('2026-10-31')!, { dataAccess: peak(1, '2026-10-31T23:30:00.000+01:00') });
    Object.assign(expected.get('2026-11-01')!, { dataAccess: peak(2, '2026-11-01T00:30:00.000+01:00') });
    for (const c of C.google) expected.get('2026-11-10')![c] = peak(2, '2026-11-10T09:00:00.000+01:00');

    expect(res.body.days).toHaveLength(30);
    expect(res.body.days[0].day).toBe('2026-10-16');
    expect(res.body.days[29].day).toBe('2026-11-14');
    expect(res.body.days).toEqual(days.map((day) => ({ day, peaks: expected.get(day) })));
  });

  it('GET /usage/daily: 1 and 31 days, the 25-hour day once, 30 by default', async () => {
    const one = await admin.get('/api/v1/usage/daily').query({ days: 1 }).expect(200);
    expect(one.body.days.map((d: { day: string }) => d.day)).toEqual(['2026-11-14']);
    const most = await admin.get('/api/v1/usage/daily').query({ days: 31 }).expect(200);
    const list = most.body.days.map((d: { day: string }) => d.day) as string[];
    expect(list).toHaveLength(31);
    expect(list[0]).toBe('2026-10-15');
    expect(list[30]).toBe('2026-11-14');
    expect(new Set(list).size).toBe(31);
    expect(list.filter((d) => d === '2026-10-25')).toEqual(['2026-10-25']);
    const def = await admin.get('/api/v1/usage/daily').expect(200);
    expect(def.body.days).toHaveLength(30);
  });

  it('GET /usage/daily: days 0, 32, 366, abc, 1.5, -3 and unknown parameters → 400 naming days', async () => {
    for (const days of ['0', '32', '366', 'abc', '1.5', '-3']) {
      const res = await admin.get('/api/v1/usage/daily').query({ days }).expect(400);
      expect(res.body.error.code, days).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields), days).toEqual(['days']);
    }
    await admin.get('/api/v1/usage/daily').query({ days: 7, month: '2026-10' }).expect(400);
  });

  it('finished days are recorded in usage_daily once, and a recorded day is served from there', async () => {
    const db = h.ctx.db.db;
    await report('2026-10');
    await report();
    // Every day of October, and November up to yesterday (today is not over).
    const october = await dayRows('2026-10-%');
    expect(october).toHaveLength(31);
    expect(october[24]).toBe('2026-10-25');
    expect(await dayRows('2026-11-%')).toEqual(
      Array.from({ length: 13 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`),
    );
    const oct20 = await db
      .selectFrom('usage_daily')
      .selectAll()
      .where('day', '=', '2026-10-20')
      .orderBy('subject_kind')
      .orderBy('subject')
      .execute();
    expect(
      oct20.map((r) => ({
        ...r,
        peak: Number(r.peak),
        peak_at: r.peak_at === null ? null : Number(r.peak_at),
        sessions: Number(r.sessions),
      })),
    ).toEqual([
      {
        time_zone: 'Europe/Paris',
        day: '2026-10-20',
        subject_kind: 'application',
        subject: appKey('Mitel', 'MiVoice Integration for Google'),
        peak: 2,
        peak_at: Date.parse('2026-10-20T14:30:00+02:00'),
        sessions: 2,
      },
      {
        time_zone: 'Europe/Paris',
        day: '2026-10-20',
        subject_kind: 'application',
        subject: appKey('Mitel', 'MiVoice Integration for Salesforce'),
        peak: 1,
        peak_at: Date.parse('2026-10-20T14:40:00+02:00'),
        sessions: 1,
      },
      {
        time_zone: 'Europe/Paris',
        day: '2026-10-20',
        subject_kind: 'counter',
        subject: 'google',
        peak: 2,
        peak_at: Date.parse('2026-10-20T14:30:00+02:00'),
        sessions: 0,
      },
      {
        time_zone: 'Europe/Paris',
        day: '2026-10-20',
        subject_kind: 'counter',
        subject: 'miVoiceIntegration',
        peak: 3,
        peak_at: Date.parse('2026-10-20T14:40:00+02:00'),
        sessions: 0,
      },
      {
        time_zone: 'Europe/Paris',
        day: '2026-10-20',
        subject_kind: 'counter',
        subject: 'salesforce',
        peak: 1,
        peak_at: Date.parse('2026-10-20T14:40:00+02:00'),
        sessions: 0,
      },
      {
        time_zone: 'Europe/Paris',
        day: '2026-10-20',
        subject_kind: 'counter',
        subject: 'standardCallControl',
        peak: 3,
        peak_at: Date.parse('2026-10-20T14:40:00+02:00'),
        sessions: 0,
      },
      {
        time_zone: 'Europe/Paris',
        day: '2026-10-20',
        subject_kind: 'day',
        subject: '',
        peak: 0,
        peak_at: null,
        sessions: 0,
      },
    ]);

    // Asking again writes nothing more.
    const all = () =>
      db
        .selectFrom('usage_daily')
        .selectAll()
        .orderBy('day')
        .orderBy('subject_kind')
        .orderBy('subject')
        .execute();
    const before = await all();
    await report('2026-10');
    await report();
    await admin.get('/api/v1/usage/daily').query({ days: 30 }).expect(200);
    expect(await all()).toEqual(before);

    // Without the sessions, the recorded days still give the same reports.
    await db.deleteFrom('session_history').execute();
    await db.deleteFrom('app_sessions').execute();
    expect(await report('2026-10')).toEqual(OCTOBER);
    expect(await report()).toEqual(NOVEMBER_TO_DATE);
    const daily = (await admin.get('/api/v1/usage/daily').query({ days: 2 }).expect(200)).body.days;
    // Yesterday from the record (the live session held at midnight); today computed, now empty.
    expect(daily[0]).toEqual({
      day: '2026-11-13',
      peaks: {
        ...zeroPeaks(),
        ...Object.fromEntries(C.google.map((c) => [c, peak(1, '2026-11-13T00:00:00.000+01:00')])),
      },
    });
    expect(daily[1]).toEqual({ day: '2026-11-14', peaks: zeroPeaks() });

    // And what is recorded is what is served.
    await db
      .updateTable('usage_daily')
      .set({ peak: 7 })
      .where('day', '=', '2026-10-20')
      .where('subject', '=', 'standardCallControl')
      .execute();
    expect((await report('2026-10')).licenses[0]!.peak).toEqual(peak(7, '2026-10-20T14:40:00.000+02:00'));
  });

  it('a day is recorded once it has been over for a minute, not before', async () => {
    const saved = clock.t;
    try {
      clock.t = Date.parse('2026-11-15T00:00:30+01:00');
      await h.ctx.usage.daily(2);
      expect(await dayRows('2026-11-14')).toEqual([]);
      clock.t = Date.parse('2026-11-15T00:01:00+01:00');
      await h.ctx.usage.daily(2);
      expect(await dayRows('2026-11-14')).toEqual(['2026-11-14']);
      expect(await dayRows('2026-11-15')).toEqual([]);
    } finally {
      clock.t = saved;
    }
  });

  it('a finished day with an application session is recorded with the application (minimal case)', async () => {
    const db = h.ctx.db.db;
    const saved = clock.t;
    try {
      clock.t = Date.parse('2027-03-10T12:00:00+01:00');
      await addSessions(h, [
        { app: ACME, counters: C.rest, start: '2027-03-09T09:00:00+01:00', end: '2027-03-09T09:30:00+01:00' },
      ]);
      const daily = await h.ctx.usage.daily(2);
      expect(daily.days.map((d) => [d.day, d.peaks.dataAccess])).toEqual([
        ['2027-03-09', { peak: 1, at: '2027-03-09T09:00:00.000+01:00' }],
        ['2027-03-10', { peak: 0, at: null }],
      ]);
      const rows = await db
        .selectFrom('usage_daily')
        .select(['subject_kind', 'subject', 'sessions'])
        .where('day', '=', '2027-03-09')
        .where('subject_kind', '=', 'application')
        .execute();
      expect(rows.map((r) => ({ ...r, sessions: Number(r.sessions) }))).toEqual([
        { subject_kind: 'application', subject: appKey('Acme', 'Call Recorder'), sessions: 1 },
      ]);
    } finally {
      clock.t = saved;
    }
  });
});

describe('usage report rendering', () => {
  const serverReport: UsageReport = {
    ...OCTOBER,
    licenses: OCTOBER.licenses.map((l) =>
      l.type === 'standardCallControl' ? { ...l, available: 25_000, server: true } : l,
    ),
    miVoiceIntegration: { enabled: false, available: 0, peak: peak(0), current: 0 },
    applications: [
      {
        companyName: '@Home',
        applicationName: '\tTabbed',
        sessions: 1234,
        peakConcurrent: peak(1, '2026-10-02T08:00:00.000+02:00'),
      },
      {
        companyName: 'Plain & "Quoted"',
        applicationName: 'a,b',
        sessions: 1,
        peakConcurrent: peak(1, '2026-10-03T08:00:00.000+02:00'),
      },
    ],
  };

  it('a server license, MiVoice Integration not licensed, and more characters from application names', () => {
    const [, licenses, apps] = csvSections(renderReportCsvOf(serverReport));
    expect(licenses![1]).toEqual([
      'Standard Call Control',
      '25000',
      'yes',
      '3',
      '2026-10-20T14:40:00.000+02:00',
      '1',
      'standardCallControl',
    ]);
    expect(licenses![6]).toEqual([
      'MiVoice Integration maximum concurrent users',
      '0',
      'no',
      '0',
      '',
      '0',
      'miVoiceIntegration',
    ]);
    expect(apps!.slice(1)).toEqual([
      ["'@Home", "'\tTabbed", '1234', '1', '2026-10-02T08:00:00.000+02:00'],
      ['Plain & "Quoted"', 'a,b', '1', '1', '2026-10-03T08:00:00.000+02:00'],
    ]);
    const c = renderReportHtml(serverReport).replace(/<[^>]+>/g, '|');
    expect(c).toContain('|Standard Call Control||25,000 (Server)||3|');
    expect(c).toContain('MiVoice Integration is not licensed.');
    expect(c).toContain('|Plain &#38; &#34;Quoted&#34;||a,b||1|');
    expect(c).toContain('|@Home||\tTabbed||1,234||1|');
    expect(renderReportText(serverReport)).toContain(
      '- Standard Call Control: 25,000 (Server) / 3 at 2026-10-20 14:40:00 (+02:00) / 1',
    );
  });

  it('no application: the HTML says so, the CSV has only its header row', () => {
    const empty = { ...OCTOBER, applications: [] };
    expect(renderReportHtml(empty)).toContain('No application sessions in this period.');
    expect(renderReportText(empty)).toContain('Applications (sessions / peak concurrent at):\n- none');
    // (papaparse writes a header-only table with a trailing line break, so the file ends with a
    // blank line here; only non-empty rows are compared.)
    const apps = csvSections(renderReportCsvOf(empty))[2]!.filter((row) => row.join('') !== '');
    expect(apps).toEqual([['Company', 'Application', 'Sessions', 'Peak concurrent sessions', 'Peak time']]);
  });
});
