import { networkElementSchema, type NetworkElement, type NetworkElementInput } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getNetworkElementsQueryOptions } from './get-network-elements';

/** POST /api/v1/network-elements → 201 with the element as read back. */
export function createNetworkElement(input: NetworkElementInput): Promise<NetworkElement> {
  return api.post('/api/v1/network-elements', input, networkElementSchema);
}

export function useCreateNetworkElement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createNetworkElement,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getNetworkElementsQueryOptions().queryKey }),
  });
}
