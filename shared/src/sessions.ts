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

/** Rows of one page of live sessions: by default, and at most. */
export const LIVE_SESSIONS_PAGE_DEFAULT = 50;
export const LIVE_SESSIONS_PAGE_MAX = 500;
/** The furthest offset a page may start at (well beyond the 25,000 live sessions the product is sized for). */
export const LIVE_SESSIONS_OFFSET_MAX = 100_000;
/** Filter terms of one request, and characters of one term, at most. */
export const LIVE_SESSIONS_MAX_TERMS = 10;
export const LIVE_SESSIONS_TERM_MAX = 64;
/** Sessions one "terminate every matching session" ends at most. */
export const TERMINATE_MAX = 25_000;

/**
 * The codes a filter term may carry: the session types, protocols and license types (all distinct),
 * whose translated labels contain the term. The server does not know the console's languages, so
 * the console resolves each term against its own labels and sends the codes with it.
 */
export const LIVE_SESSION_FILTER_CODES = [...SERVICE_TYPES, ...SESSION_PROTOCOLS, ...LICENSE_TYPES] as const;
export type LiveSessionFilterCode = (typeof LIVE_SESSION_FILTER_CODES)[number];

/** Columns the live list sorts by (every column the table shows but the actions). */
export const LIVE_SESSION_SORTS = [
  'applicationName',
  'companyName',
  'createdAt',
  'type',
  'protocol',
  'clientAddress',
  'lastActivity',
  'licenses',
  'sessionId',
] as const;
export type LiveSessionSort = (typeof LIVE_SESSION_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

const termText = z
  .string()
  .trim()
  .min(1, 'A filter term must not be empty')
  .max(LIVE_SESSIONS_TERM_MAX, `A filter term has at most ${LIVE_SESSIONS_TERM_MAX} characters`)
  .transform((s) => s.toLowerCase());

/**
 * One filter term: a row matches when its text (application, company, client address, "…" and the
 * last four digits of the session id) contains `text` (case-insensitive), or its type, protocol or
 * one of its licenses is among `codes`.
 */
export const liveSessionFilterTermSchema = z
  .object({
    text: termText,
    codes: z
      .array(z.enum(LIVE_SESSION_FILTER_CODES, { error: 'Unknown session type, protocol or license code' }))
      .max(LIVE_SESSION_FILTER_CODES.length)
      .default([]),
  })
  .strict();
export type LiveSessionFilterTerm = z.infer<typeof liveSessionFilterTermSchema>;

/** Every term must match (an empty list matches every session). */
export const liveSessionFilterSchema = z
  .object({
    terms: z
      .array(liveSessionFilterTermSchema)
      .max(LIVE_SESSIONS_MAX_TERMS, `At most ${LIVE_SESSIONS_MAX_TERMS} filter terms`),
  })
  .strict();
export type LiveSessionFilter = z.infer<typeof liveSessionFilterSchema>;

/** A query parameter given once or repeated, as an array. */
const repeated = (v: unknown): unknown[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v];
/** `codes` of one term: comma-separated codes, or empty for none. */
const codeList = z
  .string()
  .max(400)
  .transform((s) => (s.trim() === '' ? [] : s.split(',').map((c) => c.trim())))
  .pipe(
    z.array(z.enum(LIVE_SESSION_FILTER_CODES, { error: 'Unknown session type, protocol or license code' })),
  );

/**
 * GET /sessions: a page of the live sessions matching a filter, in one order. The filter is given as
 * repeated `term` parameters and, optionally, as many `codes` parameters (the n-th for the n-th term;
 * each a comma-separated list of codes, possibly empty): `?term=soap&codes=soap&term=acme&codes=`.
 */
export const liveSessionsQuerySchema = z
  .object({
    term: z.preprocess(
      repeated,
      z.array(termText).max(LIVE_SESSIONS_MAX_TERMS, `At most ${LIVE_SESSIONS_MAX_TERMS} filter terms`),
    ),
    codes: z.preprocess(repeated, z.array(codeList).max(LIVE_SESSIONS_MAX_TERMS)),
    sort: z.enum(LIVE_SESSION_SORTS, { error: 'Unknown sort column' }).default('createdAt'),
    order: z.enum(SORT_ORDERS, { error: 'Use asc or desc' }).default('desc'),
    offset: z.coerce.number().int().min(0).max(LIVE_SESSIONS_OFFSET_MAX).default(0),
    limit: z.coerce.number().int().min(1).max(LIVE_SESSIONS_PAGE_MAX).default(LIVE_SESSIONS_PAGE_DEFAULT),
  })
  .refine((q) => q.codes.length === 0 || q.codes.length === q.term.length, {
    message: 'Give one codes parameter per term (or none)',
    path: ['codes'],
    params: { code: 'codes_mismatch' },
  });
export type LiveSessionsQuery = z.infer<typeof liveSessionsQuerySchema>;

/** The filter a GET /sessions query describes. */
export function filterOfQuery(q: Pick<LiveSessionsQuery, 'term' | 'codes'>): LiveSessionFilter {
  return { terms: q.term.map((text, i) => ({ text, codes: q.codes[i] ?? [] })) };
}

/** The query string of a page of live sessions (the console's request; empty codes kept in place). */
export function liveSessionsSearchParams(q: {
  filter: LiveSessionFilter;
  sort: LiveSessionSort;
  order: SortOrder;
  offset: number;
  limit: number;
}): URLSearchParams {
  const params = new URLSearchParams();
  for (const t of q.filter.terms) {
    params.append('term', t.text);
    params.append('codes', t.codes.join(','));
  }
  params.set('sort', q.sort);
  params.set('order', q.order);
  params.set('offset', String(q.offset));
  params.set('limit', String(q.limit));
  return params;
}

export const liveSessionListSchema = z.object({
  /** The page: sessions matching the filter, in the order asked for. */
  sessions: z.array(liveSessionSchema),
  /** Sessions matching the filter, in all. */
  total: z.number().int(),
  /** Live sessions in all, filter or not ("Showing N of M"). */
  live: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
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

/**
 * POST /sessions/terminate: the sessions named (`ids`), or every session matching `filter` at that
 * moment (at most TERMINATE_MAX) — exactly one of the two.
 */
export const terminateManyRequestSchema = z
  .object({
    ids: z
      .array(z.string().min(1).max(64))
      .min(1, 'Select at least one session')
      .max(TERMINATE_MAX, `At most ${TERMINATE_MAX} sessions at once`)
      .optional(),
    filter: liveSessionFilterSchema.optional(),
  })
  .strict()
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), {
    message: 'Give either ids or filter (exactly one)',
    params: { code: 'ids_or_filter' },
  });
export type TerminateManyRequest = z.infer<typeof terminateManyRequestSchema>;
export const terminateResultSchema = z.object({ terminated: z.number().int() });
export type TerminateResult = z.infer<typeof terminateResultSchema>;
