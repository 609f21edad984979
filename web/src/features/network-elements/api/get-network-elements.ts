import { networkElementListSchema, type NetworkElement } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { LIVE_LIST_REFRESH_MS } from '@/lib/refresh';

export type NetworkElementList = z.infer<typeof networkElementListSchema>;
export type { NetworkElement };

/** Same rhythm as the Sessions tab: the list (and the reachability it shows) refreshes every 30 s. */
export const NETWORK_ELEMENTS_REFRESH_MS = LIVE_LIST_REFRESH_MS;

export function getNetworkElements(signal?: AbortSignal): Promise<NetworkElementList> {
  return api.get('/api/v1/network-elements', networkElementListSchema, signal);
}

export function getNetworkElementsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.networkElements,
    queryFn: ({ signal }) => getNetworkElements(signal),
    refetchInterval: NETWORK_ELEMENTS_REFRESH_MS,
  });
}

export function useNetworkElements() {
  return useQuery(getNetworkElementsQueryOptions());
}
