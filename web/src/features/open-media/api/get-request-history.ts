import { openMediaHistorySchema, type OpenMediaHistory } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { OPEN_MEDIA_QUERY_KEY } from './get-requests';

export const requestPath = (id: string) => `/api/v1/open-media/requests/${encodeURIComponent(id)}`;

/** GET /api/v1/open-media/requests/{id}/history: every status event the MiCC still holds. */
export function getRequestHistory(id: string, signal?: AbortSignal): Promise<OpenMediaHistory> {
  return api.get(`${requestPath(id)}/history`, openMediaHistorySchema, signal);
}

export function getRequestHistoryQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...OPEN_MEDIA_QUERY_KEY, 'history', id] as const,
    queryFn: ({ signal }) => getRequestHistory(id, signal),
  });
}

export function useRequestHistory(id: string) {
  return useQuery(getRequestHistoryQueryOptions(id));
}
