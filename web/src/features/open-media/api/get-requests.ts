import { openMediaRequestListSchema, type OpenMediaRequestList } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { LIVE_LIST_REFRESH_MS } from '@/lib/refresh';

/** Prefix of every Open Media query: an action on a request reads them all again. */
export const OPEN_MEDIA_QUERY_KEY = ['open-media'] as const;

/**
 * GET /api/v1/open-media/requests: every request the MiCC holds; when it cannot be read, the last
 * list with `problem` saying why.
 */
export function getOpenMediaRequests(signal?: AbortSignal): Promise<OpenMediaRequestList> {
  return api.get('/api/v1/open-media/requests', openMediaRequestListSchema, signal);
}

export function getOpenMediaRequestsQueryOptions() {
  return queryOptions({
    queryKey: [...OPEN_MEDIA_QUERY_KEY, 'requests'] as const,
    queryFn: ({ signal }) => getOpenMediaRequests(signal),
    // The rhythm of the Sessions tab: both follow what is happening now.
    refetchInterval: LIVE_LIST_REFRESH_MS,
    // The server already waited for the MiCC (its own timeout): say the problem at once, and let
    // the next refresh be the next try.
    retry: false,
  });
}

export function useOpenMediaRequests() {
  return useQuery(getOpenMediaRequestsQueryOptions());
}
