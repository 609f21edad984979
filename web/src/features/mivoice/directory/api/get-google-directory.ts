import { googleDirectorySchema, type GoogleDirectory } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/v1/mivoice/google: the directory settings (never the key itself) and the cache's state. */
export function getGoogleDirectory(signal?: AbortSignal): Promise<GoogleDirectory> {
  return api.get('/api/v1/mivoice/google', googleDirectorySchema, signal);
}

export function getGoogleDirectoryQueryOptions() {
  return queryOptions({
    queryKey: ['mivoice', 'google'] as const,
    queryFn: ({ signal }) => getGoogleDirectory(signal),
  });
}

export function useGoogleDirectory() {
  return useQuery(getGoogleDirectoryQueryOptions());
}
