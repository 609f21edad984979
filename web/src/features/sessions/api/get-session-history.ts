import { sessionHistoryListSchema, type SessionHistoryList } from '@oig/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** History filter as sent to the server: from/to are ISO 8601 with offset. */
export interface SessionHistoryFilter {
  application?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Query string of a filter, without empty values (shared with the CSV export). */
export function historySearchParams(filter: SessionHistoryFilter = {}): URLSearchParams {
  const params = new URLSearchParams();
  const application = filter.application?.trim();
  if (application) params.set('application', application);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return params;
}

function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export function getSessionHistory(
  filter: SessionHistoryFilter = {},
  signal?: AbortSignal,
): Promise<SessionHistoryList> {
  return api.get(
    withQuery('/api/v1/sessions/history', historySearchParams(filter)),
    sessionHistoryListSchema,
    signal,
  );
}

/** Without a filter the key is a prefix of every history query (used to invalidate them all). */
export function getSessionHistoryQueryOptions(filter?: SessionHistoryFilter) {
  const key = filter ? Object.fromEntries(historySearchParams(filter)) : {};
  return queryOptions({
    queryKey: ['sessions', 'history', key] as const,
    queryFn: ({ signal }) => getSessionHistory(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSessionHistory(filter: SessionHistoryFilter) {
  return useQuery(getSessionHistoryQueryOptions(filter));
}
