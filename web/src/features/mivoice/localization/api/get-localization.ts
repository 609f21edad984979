import { localizationOverviewSchema, type LocalizationOverview } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/v1/mivoice/localization: the languages of each application, with their completeness. */
export function getLocalization(signal?: AbortSignal): Promise<LocalizationOverview> {
  return api.get('/api/v1/mivoice/localization', localizationOverviewSchema, signal);
}

export function getLocalizationQueryOptions() {
  return queryOptions({
    queryKey: ['mivoice', 'localization'] as const,
    queryFn: ({ signal }) => getLocalization(signal),
  });
}

export function useLocalization() {
  return useQuery(getLocalizationQueryOptions());
}
