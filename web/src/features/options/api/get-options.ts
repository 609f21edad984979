import { optionsSchema, type Options } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export function getOptions(signal?: AbortSignal): Promise<Options> {
  return api.get('/api/v1/options', optionsSchema, signal);
}

export function getOptionsQueryOptions() {
  return queryOptions({
    queryKey: ['options'] as const,
    queryFn: ({ signal }) => getOptions(signal),
  });
}

export function useOptions() {
  return useQuery(getOptionsQueryOptions());
}
