import type { Logger } from 'pino';
import {
  LICENSE_TYPES,
  OIG_VERSION,
  USAGE_COUNTERS,
  type LicenseFile,
  type SendUsageReportResponse,
  type UsageCounter,
  type UsageDaily,
  type UsageReport,
  type UsageReportStatus,
  type MailKind,
} from '@oig/shared';
import { AppError, fieldProblem } from '../../http/app-error.js';
import { sliceClock } from '../../lib/slices.js';
import type { Actor, AuditService } from '../audit/index.js';
import { capacityOf, isServerLicensed, type LicenseCounters } from '../licensing/index.js';
import type { MailService } from '../mail/index.js';
import type { Calendar } from './calendar.js';
import { aggregateDays, computeDays, splitAppKey, type DayUsage, type PeakAt } from './usage-compute.js';
import {
  renderReportCsv,
  renderReportHtml,
  renderReportText,
  reportFileName,
  reportSubject,
} from './usage-report.render.js';
import type { UsageRepo } from './usage.repo.js';

/**
 * A day is recorded once it has been over this long: every session that began in it has been
 * committed by then (a login's transaction takes milliseconds).
 */
export const RECORD_AFTER_MS = 60_000;
/** Finished days each periodic check records (the Overview chart shows the last 30). */
const RECENT_DAYS = 31;
/** Months a returning server catches up on at most (older ones are not mailed). */
export const MAX_CATCH_UP_MONTHS = 12;
/** Outbox kind and idempotency key of the monthly report: one message per month, ever. */
export const USAGE_REPORT_KIND = 'usage-report' satisfies MailKind;
export const monthlyReportKey = (month: string) => `usage-report:${month}`;

export interface UsageDeps {
  repo: UsageRepo;
  licensing: Pick<LicenseCounters, 'usage'>;
  calendar: Calendar;
  license: () => { inventory: LicenseFile };
  instanceName: string;
  mail: Pick<MailService, 'enqueue' | 'get' | 'outcome'>;
  /** The Options tab's report address (null = none). */
  reportEmail: () => Promise<string | null>;
  /**
   * How long ended sessions are kept (OIG_HISTORY_RETENTION_DAYS, at least 62 days): a past month
   * can be sent again while the history holds it whole.
   */
  historyRetentionMs: number;
  audit: AuditService;
  logger: Logger;
  now?: () => number;
}

/**
 * Usage (SPEC §5, §6): per day, the peak concurrent use of each license counter and, per
 * application, sessions and peak concurrent sessions; the Overview chart; the usage report
 * (HTML + CSV) mailed now or monthly, exactly once per month across restarts and processes.
 *
 * Usage is computed from the sessions themselves (live and ended), so it costs nothing at login.
 * A finished day is recorded in usage_daily the first time it is needed, and read from there
 * afterwards.
 */
export function createUsageService(deps: UsageDeps) {
  const { repo, calendar: cal, logger } = deps;
  const now = deps.now ?? Date.now;

  /** The days of [from, to), oldest first; finished days recorded once, the rest computed. */
  async function days(from: number, to: number): Promise<DayUsage[]> {
    const t = now();
    const starts: number[] = [];
    for (let d = from; d < to; d = cal.nextDay(d)) starts.push(d);
    const keys = starts.map((s) => cal.dayOf(s));
    // Finished: the whole day lies in the range and has been over for RECORD_AFTER_MS.
    const finished = new Set(
      keys.filter((_, i) => {
        const end = cal.nextDay(starts[i]!);
        return end <= to && end + RECORD_AFTER_MS <= t;
      }),
    );
    const recorded = await repo.recordedDays(cal.timeZone, [...finished]);
    const out: DayUsage[] = [];
    // Consecutive days not recorded yet are computed together from one read of their sessions
    // (in bounded statements and time-bounded slices: a cold month never holds the event loop).
    for (let i = 0; i < starts.length;) {
      const hit = recorded.get(keys[i]!);
      if (hit) {
        out.push(hit);
        i++;
        continue;
      }
      let j = i + 1;
      while (j < starts.length && !recorded.has(keys[j]!)) j++;
      const runFrom = starts[i]!;
      const runTo = Math.min(cal.nextDay(starts[j - 1]!), to);
      const clock = sliceClock();
      const computed = await computeDays(await repo.intervals(runFrom, runTo), runFrom, runTo, cal, clock);
      for (const day of computed) {
        if (finished.has(day.day)) await repo.recordDay(cal.timeZone, day);
        out.push(day);
        await clock.pause();
      }
      i = j;
    }
    return out;
  }

  /**
   * The past months that can be sent again at `t`: the previous month back to the oldest one that
   * began after the history's retention limit (a session of that month ended after its start, so
   * none of them is pruned yet). With at least 62 days kept, there is always one.
   */
  function pastMonths(t: number): { oldest: string; latest: string } {
    const latest = cal.shiftMonth(cal.monthOf(t), -1);
    const limit = t - deps.historyRetentionMs;
    let oldest = cal.monthOf(limit);
    if (cal.monthRange(oldest).from < limit) oldest = cal.shiftMonth(oldest, 1);
    return { oldest, latest };
  }

  /** Refuses a month that is not a past month the history holds whole (400, nothing queued). */
  function checkPastMonth(month: string, t: number): void {
    const current = cal.monthOf(t);
    const { oldest, latest } = pastMonths(t);
    if (month === current)
      throw new AppError(
        'validation_failed',
        'usage_month_not_over',
        `Month ${month} is not over yet: send without a month for the month to date`,
        {
          params: { month },
          fields: { month: fieldProblem('usage_month_not_over', 'Not over yet', { month }) },
        },
      );
    if (month > current)
      throw new AppError(
        'validation_failed',
        'usage_month_in_future',
        `Month ${month} has not begun: choose ${latest} or an earlier month`,
        {
          params: { month, latest },
          fields: {
            month: fieldProblem('usage_month_in_future', `Choose ${latest} or earlier`, { month, latest }),
          },
        },
      );
    if (month < oldest) {
      const days = String(Math.round(deps.historyRetentionMs / 86_400_000));
      throw new AppError(
        'validation_failed',
        'usage_month_too_old',
        `The session history (kept ${days} days) no longer holds all of ${month}: choose ${oldest} or a later month`,
        {
          params: { month, oldest, days },
          fields: {
            month: fieldProblem('usage_month_too_old', `Choose ${oldest} or later`, { month, oldest, days }),
          },
        },
      );
    }
  }

  const peakView = (p: PeakAt) => ({ peak: p.peak, at: p.at === null ? null : cal.iso(p.at) });

  /** The report of [month start, to): a whole month, or month to date. */
  async function build(month: string, monthToDate: boolean): Promise<UsageReport> {
    const range = cal.monthRange(month);
    const to = monthToDate ? Math.min(now(), range.to) : range.to;
    const [period, used] = await Promise.all([days(range.from, to), deps.licensing.usage()]);
    const { counters, applications } = aggregateDays(period);
    const { inventory } = deps.license();
    return {
      oig: { name: deps.instanceName, version: OIG_VERSION },
      period: { month, from: cal.iso(range.from), to: cal.iso(to), timeZone: cal.timeZone, monthToDate },
      generatedAt: cal.iso(now()),
      licenses: LICENSE_TYPES.map((type) => ({
        type,
        available: inventory[type],
        server: isServerLicensed(type, inventory[type]),
        peak: peakView(counters[type]),
        current: used[type],
      })),
      miVoiceIntegration: {
        enabled: inventory.miVoiceIntegration,
        available: capacityOf(inventory, 'miVoiceIntegration'),
        peak: peakView(counters.miVoiceIntegration),
        current: used.miVoiceIntegration,
      },
      applications: [...applications]
        .map(([key, a]) => {
          const [companyName, applicationName] = splitAppKey(key);
          return { companyName, applicationName, sessions: a.sessions, peakConcurrent: peakView(a) };
        })
        .sort(
          (a, b) =>
            a.companyName.localeCompare(b.companyName) || a.applicationName.localeCompare(b.applicationName),
        ),
    };
  }

  /** The report as a message for the outbox. */
  function message(report: UsageReport, to: string, idempotencyKey?: string) {
    return {
      kind: USAGE_REPORT_KIND,
      to: [to],
      subject: reportSubject(report),
      subjectParams: {
        name: report.oig.name,
        month: report.period.month,
        monthToDate: report.period.monthToDate ? 'yes' : 'no',
        lastDay: Number(report.period.to.slice(8, 10)),
      },
      html: renderReportHtml(report),
      text: renderReportText(report),
      attachments: [
        {
          filename: reportFileName(report),
          contentType: 'text/csv; charset=utf-8',
          content: Buffer.from(renderReportCsv(report), 'utf8'),
        },
      ],
      ...(idempotencyKey ? { idempotencyKey } : {}),
    };
  }

  const service = {
    days,
    build,

    /** A month's report: the whole month, or month to date for the current one (the default). */
    async report(month?: string): Promise<UsageReport> {
      const current = cal.monthOf(now());
      const m = month ?? current;
      if (m > current)
        throw new AppError('validation_failed', 'month_not_begun', `Month ${m} has not begun yet`, {
          params: { month: m },
          fields: { month: fieldProblem('month_in_future', 'Choose the current month or an earlier one') },
        });
      return build(m, m === current);
    },

    csv: renderReportCsv,
    fileName: reportFileName,

    /** The Overview chart: the last `n` days, today so far included. */
    async daily(n: number): Promise<UsageDaily> {
      const t = now();
      let from = cal.startOfDay(t);
      // Step back one calendar day at a time (a day is not always 24 h).
      for (let i = 1; i < n; i++) from = cal.startOfDay(from - 1);
      const list = await days(from, t + 1);
      const { inventory } = deps.license();
      return {
        timeZone: cal.timeZone,
        available: Object.fromEntries(USAGE_COUNTERS.map((c) => [c, capacityOf(inventory, c)])) as Record<
          UsageCounter,
          number
        >,
        days: list.map((d) => ({
          day: d.day,
          peaks: Object.fromEntries(
            USAGE_COUNTERS.map((c) => [c, peakView(d.counters[c])]),
          ) as UsageDaily['days'][number]['peaks'],
        })),
      };
    },

    /**
     * "Send Report To Email Now" to the current report address: the month-to-date report, or, with
     * `month`, that past month's report exactly as the monthly run builds it (same renderer,
     * subject and attachment; no idempotency key, so the monthly message of that month is neither
     * replaced nor prevented).
     */
    async sendNow(actor: Actor, pastMonth?: string): Promise<SendUsageReportResponse> {
      const t = now();
      if (pastMonth !== undefined) checkPastMonth(pastMonth, t);
      const to = await deps.reportEmail();
      if (!to)
        throw new AppError(
          'conflict',
          'usage_report_email_not_set',
          'No usage report e-mail address is set: save one under Send OIG Usage Report first',
          { fields: { usageReportEmail: fieldProblem('not_set', 'Set an address first') } },
        );
      const monthToDate = pastMonth === undefined;
      const month = pastMonth ?? cal.monthOf(t);
      const report = await build(month, monthToDate);
      const mail = await deps.mail.enqueue(message(report, to));
      await deps.audit.record(
        actor,
        'usage-report.send',
        monthToDate ? `Usage report ${month} (month to date)` : `Usage report ${month}`,
        undefined,
        { to, month, monthToDate, mailId: mail.id },
      );
      logger.info({ actor: actor.username, month, monthToDate, to, mailId: mail.id }, 'usage report queued');
      return { month, monthToDate, to, mailId: mail.id, mail: await deps.mail.outcome(mail.id) };
    },

    /**
     * The monthly run (every process calls it on its timer; safe to call any time). Every month
     * not handled yet, from where the scheduler started up to the previous month, is handled
     * once: mailed when an address is set, else recorded as skipped. On the very first run only
     * the previous month is considered. The outbox idempotency key makes the message unique even when two
     * processes (or a run interrupted after enqueueing) build it twice; the run row then records
     * the month for the Options tab and for the next run.
     */
    async runMonthly(): Promise<string[]> {
      const t = now();
      // First the days the Overview chart shows, so that its requests only read recorded days.
      await days(cal.startOfDay(cal.startOfDay(t) - (RECENT_DAYS - 1) * 86_400_000), cal.startOfDay(t));
      const current = cal.monthOf(t);
      const previous = cal.shiftMonth(current, -1);
      // Wait until the previous month's last day can be recorded.
      if (t < cal.monthRange(current).from + RECORD_AFTER_MS) return [];
      // Months to handle: from where the scheduler started (or the previous month on its first
      // run), at most MAX_CATCH_UP_MONTHS back, every one not handled yet — also a gap left by a
      // restored database.
      const oldest = cal.shiftMonth(previous, -(MAX_CATCH_UP_MONTHS - 1));
      const [first, latest] = await Promise.all([repo.earliestMonth(), repo.latestRun()]);
      if (latest && latest.month > previous) {
        logger.warn(
          { month: latest.month, previous },
          'a usage report is recorded as handled for a month that has not ended: ' +
            'the clock was ahead; that month will not be mailed again',
        );
      }
      const start = first === undefined ? previous : first > oldest ? first : oldest;
      const done = await repo.runMonths(start, previous);
      const due: string[] = [];
      for (let m = start; m <= previous; m = cal.shiftMonth(m, 1)) if (!done.has(m)) due.push(m);
      const handled: string[] = [];
      for (const month of due) {
        const to = await deps.reportEmail();
        if (!to) {
          if (await repo.recordRun({ month, outcome: 'skipped', mail_id: null, handled_at: now() })) {
            logger.info({ month }, 'monthly usage report skipped: no report address is set');
          }
          handled.push(month);
          continue;
        }
        const mail = await deps.mail.enqueue(message(await build(month, false), to, monthlyReportKey(month)));
        if (await repo.recordRun({ month, outcome: 'queued', mail_id: mail.id, handled_at: now() })) {
          logger.info({ month, to, mailId: mail.id }, 'monthly usage report queued');
        }
        handled.push(month);
      }
      return handled;
    },

    async status(): Promise<UsageReportStatus> {
      const [email, latest] = await Promise.all([deps.reportEmail(), repo.latestRun()]);
      const mail = latest?.mail_id ? await deps.mail.get(latest.mail_id) : undefined;
      const t = now();
      const next = cal.monthRange(cal.monthOf(t)).to;
      return {
        email,
        pastMonths: pastMonths(t),
        timeZone: cal.timeZone,
        nextMonthlyAt: cal.iso(next),
        lastMonthly: latest
          ? {
              month: latest.month,
              outcome: latest.outcome,
              handledAt: cal.iso(Number(latest.handled_at)),
              mail: mail
                ? {
                    id: mail.id,
                    state: mail.state,
                    sentAt: mail.state === 'sent' && mail.sentAt !== null ? cal.iso(mail.sentAt) : null,
                    savedAt: mail.state === 'saved' && mail.sentAt !== null ? cal.iso(mail.sentAt) : null,
                    fileName: mail.fileName,
                  }
                : null,
            }
          : null,
      };
    },
  };
  return service;
}
export type UsageService = ReturnType<typeof createUsageService>;

/** Runs the monthly check at start and then every `everyMs` (unref'd; one run at a time). */
export function createUsageReportScheduler(
  usage: Pick<UsageService, 'runMonthly'>,
  everyMs: number,
  logger: Logger,
) {
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = usage
      .runMonthly()
      .catch((err: unknown) =>
        logger.error({ err }, 'monthly usage report check failed; tried again at the next check'),
      )
      .finally(() => {
        if (!started) return;
        timer = setTimeout(tick, everyMs);
        timer.unref();
      });
  };
  return {
    start(): void {
      if (everyMs <= 0 || started) return;
      started = true;
      tick();
    },
    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
