import { liveSessionListSchema, type LiveSessionList } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { LIVE_LIST_REFRESH_MS } from '@/lib/refresh';

export const SESSIONS_REFRESH_MS = LIVE_LIST_REFRESH_MS;

export function getLiveSessions(signal?: AbortSignal): Promise<LiveSessionList> {
  return api.get('/api/v1/sessions', liveSessionListSchema, signal);
}

export function getLiveSessionsQueryOptions() {
  return queryOptions({
    queryKey: ['sessions', 'live'] as const,
    queryFn: ({ signal }) => getLiveSessions(signal),
    refetchInterval: SESSIONS_REFRESH_MS,
  });
}

export function useLiveSessions() {
  return useQuery(getLiveSessionsQueryOptions());
}
