import {
  REFUSED_LOGIN_REASON_LABELS,
  REFUSED_LOGIN_REASONS,
  REFUSED_LOGINS_CSV_MAX,
  REFUSED_LOGIN_PER_ADDRESS_MAX,
  SESSION_PROTOCOL_LABELS,
  USAGE_COUNTER_LABELS,
  type RefusedLogin,
  type RefusedLoginPage,
  type RefusedLoginReason,
  type RefusedLoginsQuery,
  type RefusedLoginsSummary,
  type UsageCounter,
} from '@oig/shared';
import { csvLines, toCsv } from '../../lib/csv.js';
import { sliceClock } from '../../lib/slices.js';
import {
  REFUSED_FOLDED_NAME,
  type RefusedLoginFilter,
  type RefusedLoginRow,
  type RefusedLoginsRepo,
} from './refused-logins.repo.js';

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();
const DAY_MS = 86_400_000;

function toEntry(r: RefusedLoginRow): RefusedLogin {
  const folded = r.application_name === REFUSED_FOLDED_NAME;
  return {
    id: r.id,
    at: iso(r.at),
    lastAt: iso(r.last_at),
    attempts: Number(r.attempts),
    companyName: r.company_name,
    applicationName: folded ? '' : r.application_name,
    protocol: r.protocol,
    clientAddress: r.client_address,
    reason: r.reason as RefusedLoginReason,
    license: (r.license as UsageCounter | null) ?? null,
    detail: r.detail,
    folded,
  };
}

/** The refused logins CSV, for people: English words, then the codes in columns of their own. */
const CSV_FIELDS = [
  'Time',
  'Last Attempt',
  'Attempts',
  'Company Name',
  'Application Name',
  'Protocol',
  'Client Address',
  'Reason',
  'License',
  'Detail',
  'Protocol Code',
  'Reason Code',
  'License Code',
] as const;
/** The Detail of a folded row in the CSV. */
const FOLDED_TEXT =
  `Various applications: more than ${REFUSED_LOGIN_PER_ADDRESS_MAX} different refusals ` +
  'from this address within half a second, counted together';
/** Rows read (and written to CSV) per statement, with a turn between. */
const CSV_PAGE = 500;

const filterOf = (q: RefusedLoginsQuery): RefusedLoginFilter => ({
  application: q.application?.trim() || undefined,
  reason: q.reason,
  from: q.from ? Date.parse(q.from) : undefined,
  to: q.to ? Date.parse(q.to) : undefined,
});

/** The console's view of refused application logins: pages, CSV, the Overview's last 24 hours. */
export function createRefusedLoginsService(deps: { repo: RefusedLoginsRepo; now: () => number }) {
  const { repo, now } = deps;
  return {
    async page(q: RefusedLoginsQuery): Promise<RefusedLoginPage> {
      const { rows, total } = await repo.page(filterOf(q), q.offset, q.limit);
      return { entries: rows.map(toEntry), total, offset: q.offset, limit: q.limit };
    },

    /** The newest REFUSED_LOGINS_CSV_MAX rows matching the filter, read a page per statement. */
    async csv(q: RefusedLoginsQuery): Promise<string> {
      const f = filterOf(q);
      const cells = (e: RefusedLogin) => [
        e.at,
        e.lastAt,
        String(e.attempts),
        e.companyName,
        e.applicationName,
        SESSION_PROTOCOL_LABELS[e.protocol],
        e.clientAddress,
        REFUSED_LOGIN_REASON_LABELS[e.reason] ?? e.reason,
        e.license ? USAGE_COUNTER_LABELS[e.license] : '',
        e.folded ? FOLDED_TEXT : (e.detail ?? ''),
        e.protocol,
        e.reason,
        e.license ?? '',
      ];
      // The header line alone (toCsv ends it with CRLF when there is no data; the join adds them).
      const parts = [toCsv({ fields: [...CSV_FIELDS], data: [] }).replace(/\r\n$/, '')];
      const slice = sliceClock();
      let after: RefusedLoginRow | undefined;
      for (let done = 0; done < REFUSED_LOGINS_CSV_MAX;) {
        const want = Math.min(CSV_PAGE, REFUSED_LOGINS_CSV_MAX - done);
        const rows = await repo.listAfter(f, after, want);
        if (rows.length > 0)
          parts.push(
            csvLines(
              CSV_FIELDS,
              rows.map((r) => cells(toEntry(r))),
            ),
          );
        done += rows.length;
        if (rows.length < want) break;
        after = rows[rows.length - 1];
        await slice.pause();
      }
      return parts.join('\r\n');
    },

    /** Attempts refused in the last 24 hours, by reason (in the reasons' order; reasons with none left out). */
    async lastDay(): Promise<RefusedLoginsSummary> {
      const counts = new Map(
        (await repo.attemptsByReason(now() - DAY_MS)).map((r) => [r.reason, r.attempts]),
      );
      const byReason = REFUSED_LOGIN_REASONS.filter((r) => (counts.get(r) ?? 0) > 0).map((reason) => ({
        reason,
        attempts: counts.get(reason)!,
      }));
      return { total: byReason.reduce((n, r) => n + r.attempts, 0), byReason };
    },
  };
}
export type RefusedLoginsService = ReturnType<typeof createRefusedLoginsService>;
