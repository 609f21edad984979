import { networkElementListSchema, type NetworkElement } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';

export type NetworkElementList = z.infer<typeof networkElementListSchema>;
export type { NetworkElement };

/** Same rhythm as the Sessions tab: the list (and the reachability it shows) refreshes every 30 s. */
export const NETWORK_ELEMENTS_REFRESH_MS = 30_000;

export function getNetworkElements(signal?: AbortSignal): Promise<NetworkElementList> {
  return api.get('/api/v1/network-elements', networkElementListSchema, signal);
}

export function getNetworkElementsQueryOptions() {
  return queryOptions({
    queryKey: ['network-elements', 'list'] as const,
    queryFn: ({ signal }) => getNetworkElements(signal),
    refetchInterval: NETWORK_ELEMENTS_REFRESH_MS,
  });
}

export function useNetworkElements() {
  return useQuery(getNetworkElementsQueryOptions());
}
