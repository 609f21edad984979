import { openMediaServiceGroupListSchema, type OpenMediaServiceGroupList } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { LIVE_LIST_REFRESH_MS } from '@/lib/refresh';
import { OPEN_MEDIA_QUERY_KEY } from './get-requests';

/** A non-tenanted system: the product manages one MiCC without tenants. */
export const NO_TENANT = -1;

/** GET /api/v1/open-media/service-groups?tenantId=-1: the Open Media groups and whether each is open. */
export function getServiceGroups(signal?: AbortSignal): Promise<OpenMediaServiceGroupList> {
  return api.get(
    `/api/v1/open-media/service-groups?tenantId=${NO_TENANT}`,
    openMediaServiceGroupListSchema,
    signal,
  );
}

export function getServiceGroupsQueryOptions() {
  return queryOptions({
    queryKey: [...OPEN_MEDIA_QUERY_KEY, 'service-groups', NO_TENANT] as const,
    queryFn: ({ signal }) => getServiceGroups(signal),
    refetchInterval: LIVE_LIST_REFRESH_MS,
    // The server already waited for the MiCC (its own timeout): say the problem at once, and let
    // the next refresh be the next try.
    retry: false,
  });
}

export function useServiceGroups() {
  return useQuery(getServiceGroupsQueryOptions());
}
