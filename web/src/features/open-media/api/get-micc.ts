import { networkElementListSchema, type NetworkElement } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export type MiccElement = Extract<NetworkElement, { type: 'micc' }>;

const findMicc = (elements: readonly NetworkElement[]): MiccElement | null =>
  elements.find((e): e is MiccElement => e.type === 'micc') ?? null;

/**
 * The MiContact Center element, out of GET /api/v1/network-elements (the Network Elements tab's
 * own query, shared through its key: the same answer serves both). Null when none is configured.
 */
export function getMiccQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.networkElements,
    queryFn: ({ signal }) => api.get('/api/v1/network-elements', networkElementListSchema, signal),
    select: (list) => findMicc(list.elements),
  });
}

export function useMicc() {
  return useQuery(getMiccQueryOptions());
}
