import { z } from 'zod';
import { LICENSE_TYPES } from './constants.js';
import { mailOutcomeSchema } from './mail.js';

/**
 * What usage is recorded for (SPEC §5, §6): the five license types of the inventory, plus
 * MiVoice Integration sessions (Google + Salesforce together, the billing figure).
 */
export const USAGE_COUNTERS = [...LICENSE_TYPES, 'miVoiceIntegration'] as const;
export type UsageCounter = (typeof USAGE_COUNTERS)[number];

/** A calendar month `YYYY-MM`, in the report time zone. */
export const periodSchema = z
  .string({ error: 'Month is required (YYYY-MM)' })
  .regex(/^(2\d{3})-(0[1-9]|1[0-2])$/, 'Month must be written YYYY-MM (year 2000 or later), e.g. 2026-10');

/** A peak: the most in use at once, and when that was first reached (ISO; null when never used). */
export const peakSchema = z.object({ peak: z.number().int(), at: z.string().nullable() });
export type Peak = z.infer<typeof peakSchema>;

/** One day of the Overview chart: the peak of each counter that day. */
export const usageDaySchema = z.object({
  /** `YYYY-MM-DD` in the report time zone. */
  day: z.string(),
  peaks: z.record(z.enum(USAGE_COUNTERS), peakSchema),
});
export type UsageDay = z.infer<typeof usageDaySchema>;

/** GET /usage/daily?days=30 — oldest day first, today (so far) last. */
export const usageDailyQuerySchema = z
  .object({
    days: z.coerce
      .number({ error: 'days must be a number' })
      .int('days must be a whole number')
      .min(1, 'days must be 1–31')
      .max(31, 'days must be 1–31')
      .default(30),
  })
  .strict();
export const usageDailySchema = z.object({
  timeZone: z.string(),
  /** What is available now, for the chart's limit line (0 = none; the counter is not licensed). */
  available: z.record(z.enum(USAGE_COUNTERS), z.number().int()),
  days: z.array(usageDaySchema),
});
export type UsageDaily = z.infer<typeof usageDailySchema>;

/** The usage report (SPEC §6), as mailed in HTML and CSV. Times are ISO with offset. */
export const usageReportSchema = z.object({
  oig: z.object({ name: z.string(), version: z.string() }),
  period: z.object({
    /** `YYYY-MM`. */
    month: z.string(),
    from: z.string(),
    /** Exclusive end: the first instant after the period (now for month-to-date). */
    to: z.string(),
    timeZone: z.string(),
    monthToDate: z.boolean(),
  }),
  generatedAt: z.string(),
  licenses: z.array(
    z.object({
      type: z.enum(LICENSE_TYPES),
      available: z.number().int(),
      /** True when `available` is the server maximum (25,000 users). */
      server: z.boolean(),
      peak: peakSchema,
      current: z.number().int(),
    }),
  ),
  /** MiVoice Integration maximum concurrent users (the billing figure). */
  miVoiceIntegration: z.object({
    enabled: z.boolean(),
    available: z.number().int(),
    peak: peakSchema,
    current: z.number().int(),
  }),
  applications: z.array(
    z.object({
      companyName: z.string(),
      applicationName: z.string(),
      /** Sessions started in the period. */
      sessions: z.number().int(),
      peakConcurrent: peakSchema,
    }),
  ),
});
export type UsageReport = z.infer<typeof usageReportSchema>;

/** What the Options tab shows of the report: where it goes, the monthly run, the last one. */
export const usageReportStatusSchema = z.object({
  email: z.string().nullable(),
  timeZone: z.string(),
  /** When the next monthly report is due (the first instant of next month), ISO. */
  nextMonthlyAt: z.string(),
  /** The latest month the scheduler handled, and how. */
  lastMonthly: z
    .object({
      month: z.string(),
      /** 'queued': handed to the outbox; 'skipped': no address was set when it was due. */
      outcome: z.enum(['queued', 'skipped']),
      handledAt: z.string(),
      /** The outbox message (state as in the Mail Outbox), when queued. */
      mail: z
        .object({
          id: z.string(),
          state: z.string(),
          sentAt: z.string().nullable(),
          /** State 'saved' (no SMTP server): when, and the .eml file's name in the outbox folder. */
          savedAt: z.string().nullable(),
          fileName: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable(),
  /**
   * The past months "Send Report To Email Now" can send again (`YYYY-MM`, report time zone):
   * `latest` is the previous month, `oldest` the oldest month whose sessions the history still
   * holds whole (OIG_HISTORY_RETENTION_DAYS). Absent from a process older than this field (rolling
   * upgrade): the console then offers the month to date only.
   */
  pastMonths: z.object({ oldest: z.string(), latest: z.string() }).optional(),
});
export type UsageReportStatus = z.infer<typeof usageReportStatusSchema>;

/**
 * POST /usage-report/send: without `month`, the month-to-date report; with a past month (from
 * the status's `pastMonths`), that month's report as the monthly mail has it, e.g. again after the
 * monthly mail went to a wrong address. Either goes now, to the current report address.
 */
export const sendUsageReportRequestSchema = z.object({ month: periodSchema.optional() }).strict();
export type SendUsageReportRequest = z.infer<typeof sendUsageReportRequestSchema>;

/** What POST /usage-report/send queued. */
export const sendUsageReportResponseSchema = z.object({
  month: z.string(),
  /** True for the current month so far; false for a whole past month. Absent from an older process
   * (which sends the month to date only). */
  monthToDate: z.boolean().optional(),
  to: z.string(),
  /** The outbox message that carries it. */
  mailId: z.string(),
  /** What became of it: sent in the background, or saved to a file (no SMTP server). */
  mail: mailOutcomeSchema,
});
export type SendUsageReportResponse = z.infer<typeof sendUsageReportResponseSchema>;

/** GET /usage-report/report(.csv)?month=YYYY-MM — the current month (to date) when omitted. */
export const usageReportQuerySchema = z.object({ month: periodSchema.optional() }).strict();
export type UsageReportQuery = z.infer<typeof usageReportQuerySchema>;
