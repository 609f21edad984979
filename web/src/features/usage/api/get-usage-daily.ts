import { usageDailySchema, type UsageDaily } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** Days shown by the Overview chart (today so far included). */
export const USAGE_CHART_DAYS = 30;
export const USAGE_CHART_REFRESH_MS = 60_000;

export function getUsageDaily(days: number = USAGE_CHART_DAYS, signal?: AbortSignal): Promise<UsageDaily> {
  return api.get(`/api/v1/usage/daily?days=${days}`, usageDailySchema, signal);
}

export function getUsageDailyQueryOptions(days: number = USAGE_CHART_DAYS) {
  return queryOptions({
    queryKey: ['usage', 'daily', days] as const,
    queryFn: ({ signal }) => getUsageDaily(days, signal),
    // Today's peak can still grow, but a daily chart need not follow it as closely as the counts:
    // today is computed from every live session, so it is read once a minute.
    refetchInterval: USAGE_CHART_REFRESH_MS,
  });
}

export function useUsageDaily(days: number = USAGE_CHART_DAYS) {
  return useQuery(getUsageDailyQueryOptions(days));
}
