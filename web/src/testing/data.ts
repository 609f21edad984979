import {
  USAGE_COUNTERS,
  type LiveSession,
  type Me,
  type Overview,
  type Peak,
  type SessionProbe,
  type SessionHistoryEntry,
  type UsageCounter,
  type UsageDaily,
  type UsageReportStatus,
} from '@oig/shared';

export const adminMe: Me = {
  username: 'admin',
  role: 'administrator',
  csrfToken: 'csrf-admin-token',
  version: '4.0.0',
};
export const supportMe: Me = {
  username: 'helpdesk',
  role: 'support',
  csrfToken: 'csrf-support-token',
  version: '4.0.0',
};

const APPS = ['CRM Connector', 'Wallboard', 'Call Recorder', 'Dialer Pro', 'Presence Sync'] as const;
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli'] as const;

export function makeSession(i: number, overrides: Partial<LiveSession> = {}): LiveSession {
  const created = new Date(Date.UTC(2025, 0, 1, 8, 0, 0) + i * 1000);
  return {
    id: `h-${i}`,
    applicationName: APPS[i % APPS.length] as string,
    companyName: COMPANIES[i % COMPANIES.length] as string,
    createdAt: created.toISOString(),
    type: i % 3 === 0 ? 'advanced' : 'standard',
    protocol: i % 2 === 0 ? 'soap' : 'rest',
    clientAddress: `10.0.${Math.floor(i / 250) % 256}.${i % 250}`,
    lastActivityAt: new Date(created.getTime() + 60_000).toISOString(),
    licenses: i % 3 === 0 ? ['advancedCallControl'] : ['standardCallControl', 'dataAccess'],
    sessionIdLast4: String(1000 + (i % 9000)),
    ...overrides,
  };
}

export function makeSessions(n: number): LiveSession[] {
  return Array.from({ length: n }, (_, i) => makeSession(i));
}

export function makeHistoryEntry(
  i: number,
  overrides: Partial<SessionHistoryEntry> = {},
): SessionHistoryEntry {
  const base = makeSession(i);
  return {
    ...base,
    endedAt: new Date(Date.parse(base.createdAt) + 3_600_000).toISOString(),
    endReason: 'logout',
    ...overrides,
  };
}

export function makeOverview(overrides: Partial<Overview['licensing']> = {}): Overview {
  return {
    applications: 12,
    sessions: 34,
    networkElements: 3,
    version: '4.0.0',
    licensing: {
      source: '/etc/oig/licenses.json',
      standardCallControl: { available: 25_000, used: 120, server: true },
      advancedCallControl: { available: 100, used: 95, server: false },
      google: { available: 50, used: 50, server: false },
      salesforce: { available: 0, used: 0, server: false },
      dataAccess: { available: 200, used: 10, server: false },
      virtualEnablement: true,
      miVoiceIntegration: false,
      trustedMode: true,
      ...overrides,
    },
    refusedLogins: {
      total: 9,
      byReason: [
        { reason: 'bad_local_password', attempts: 6 },
        { reason: 'no_license', attempts: 3 },
      ],
    },
  };
}

/** `YYYY-MM-DD` of the `n` days up to and including `last` (oldest first). */
export function dayRange(last: string, n: number): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    new Date(end - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * 30 days of usage up to 2026-11-23 (Europe/Paris). `peaks[counter]` gives the daily peaks
 * (oldest first; missing counters are 0 every day); each peak is reached at 13:05 UTC that day.
 */
export function makeUsageDaily({
  peaks = {},
  available = {},
  last = '2026-11-23',
}: {
  peaks?: Partial<Record<UsageCounter, number[]>>;
  available?: Partial<Record<UsageCounter, number>>;
  last?: string;
} = {}): UsageDaily {
  const days = dayRange(last, 30);
  return {
    timeZone: 'Europe/Paris',
    available: Object.fromEntries(USAGE_COUNTERS.map((c) => [c, available[c] ?? 0])) as Record<
      UsageCounter,
      number
    >,
    days: days.map((day, i) => ({
      day,
      peaks: Object.fromEntries(
        USAGE_COUNTERS.map((c): [UsageCounter, Peak] => {
          const peak = peaks[c]?.[i] ?? 0;
          return [c, { peak, at: peak > 0 ? `${day}T13:05:00.000Z` : null }];
        }),
      ) as Record<UsageCounter, Peak>,
    })),
  };
}

export function makeUsageReportStatus(overrides: Partial<UsageReportStatus> = {}): UsageReportStatus {
  return {
    email: 'ops@example.com',
    timeZone: 'Europe/Paris',
    nextMonthlyAt: '2026-12-01T00:00:00.000+01:00',
    lastMonthly: {
      month: '2026-10',
      outcome: 'queued',
      handledAt: '2026-11-01T00:01:00.000+01:00',
      mail: {
        id: 'mail-oct',
        state: 'sent',
        sentAt: '2026-11-01T00:01:05.000+01:00',
        savedAt: null,
        fileName: null,
      },
    },
    pastMonths: { oldest: '2025-12', latest: '2026-10' },
    ...overrides,
  };
}

/** GET /auth/session's answer: signed in as `me`, or signed out (null). */
export const sessionProbe = (me: Me | null): { body: SessionProbe } => ({
  body: me ? { signedIn: true, me } : { signedIn: false },
});
