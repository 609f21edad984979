import { overviewSchema, type Overview } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const OVERVIEW_REFRESH_MS = 30_000;

export function getOverview(signal?: AbortSignal): Promise<Overview> {
  return api.get('/api/v1/overview', overviewSchema, signal);
}

export function getOverviewQueryOptions() {
  return queryOptions({
    queryKey: ['overview'] as const,
    queryFn: ({ signal }) => getOverview(signal),
    refetchInterval: OVERVIEW_REFRESH_MS,
  });
}

export function useOverview() {
  return useQuery(getOverviewQueryOptions());
}
