import { z } from 'zod';
import { END_REASONS, LICENSE_TYPES, SERVICE_TYPES, SESSION_PROTOCOLS } from './constants.js';

export const liveSessionSchema = z.object({
  /** Opaque handle for the console; never the session id, which is a bearer credential. */
  id: z.string(),
  applicationName: z.string(),
  companyName: z.string(),
  createdAt: z.string(),
  type: z.enum(SERVICE_TYPES),
  protocol: z.enum(SESSION_PROTOCOLS),
  clientAddress: z.string(),
  lastActivityAt: z.string(),
  licenses: z.array(z.enum(LICENSE_TYPES)),
  /** Last four digits of the session id, enough to match it with an application's log. */
  sessionIdLast4: z.string(),
});
export type LiveSession = z.infer<typeof liveSessionSchema>;
export const liveSessionListSchema = z.object({
  sessions: z.array(liveSessionSchema),
  total: z.number().int(),
});
export type LiveSessionList = z.infer<typeof liveSessionListSchema>;

export const sessionHistoryEntrySchema = liveSessionSchema.extend({
  endedAt: z.string(),
  endReason: z.enum(END_REASONS),
});
export type SessionHistoryEntry = z.infer<typeof sessionHistoryEntrySchema>;
export const sessionHistoryListSchema = z.object({
  sessions: z.array(sessionHistoryEntrySchema),
  total: z.number().int(),
});
export type SessionHistoryList = z.infer<typeof sessionHistoryListSchema>;

const isoDate = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date and time' });
export const sessionHistoryQuerySchema = z
  .object({
    application: z.string().max(128).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'From must not be after To',
    path: ['from'],
  });
export type SessionHistoryQuery = z.infer<typeof sessionHistoryQuerySchema>;

export const terminateManyRequestSchema = z
  .object({ ids: z.array(z.string().min(1).max(64)).min(1, 'Select at least one session').max(25_000) })
  .strict();
export const terminateResultSchema = z.object({ terminated: z.number().int() });
export type TerminateResult = z.infer<typeof terminateResultSchema>;
