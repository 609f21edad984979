import {
  liveSessionListSchema,
  liveSessionsSearchParams,
  type LiveSessionFilter,
  type LiveSessionList,
  type LiveSessionSort,
  type SortOrder,
} from '@oig/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { LIVE_LIST_REFRESH_MS } from '@/lib/refresh';

export const SESSIONS_REFRESH_MS = LIVE_LIST_REFRESH_MS;
/**
 * Rows of a page of the live list as the console shows it (the API's default is
 * LIVE_SESSIONS_PAGE_DEFAULT, its maximum LIVE_SESSIONS_PAGE_MAX). 25, not 50: a refresh that
 * replaces every row costs the main thread ~0.6 ms per row on top of ~27 ms for the rest (bench
 * phase 9: 56–58 ms for 50 rows, 42 ms for 25, against a 50 ms budget), and the table's region
 * shows about a dozen rows at a time anyway.
 */
export const LIVE_PAGE_SIZE = 25;

/** One page of the live list as the console asks for it. */
export interface LiveSessionsPage {
  filter: LiveSessionFilter;
  sort: LiveSessionSort;
  order: SortOrder;
  offset: number;
  limit: number;
}

export const FIRST_PAGE: LiveSessionsPage = {
  filter: { terms: [] },
  sort: 'createdAt',
  order: 'desc',
  offset: 0,
  limit: LIVE_PAGE_SIZE,
};

/** Prefix of every live-list query (invalidated after a termination). */
export const LIVE_SESSIONS_KEY = ['sessions', 'live'] as const;

export function getLiveSessions(page: LiveSessionsPage, signal?: AbortSignal): Promise<LiveSessionList> {
  return api.get(
    `/api/v1/sessions?${liveSessionsSearchParams(page).toString()}`,
    liveSessionListSchema,
    signal,
  );
}

/**
 * The page shown, read again every 30 s; while another page, order or filter loads, the previous
 * answer stays on screen (no spinner between pages).
 */
export function getLiveSessionsQueryOptions(page: LiveSessionsPage = FIRST_PAGE) {
  return queryOptions({
    queryKey: [...LIVE_SESSIONS_KEY, liveSessionsSearchParams(page).toString()] as const,
    queryFn: ({ signal }) => getLiveSessions(page, signal),
    refetchInterval: SESSIONS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useLiveSessions(page: LiveSessionsPage) {
  return useQuery(getLiveSessionsQueryOptions(page));
}
