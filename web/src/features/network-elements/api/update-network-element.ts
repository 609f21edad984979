import { networkElementSchema, type NetworkElement, type NetworkElementInput } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getNetworkElementsQueryOptions } from './get-network-elements';

export interface UpdateNetworkElementVariables {
  id: string;
  input: NetworkElementInput;
}

/** PUT /api/v1/network-elements/{id}: the whole element (its type and setup may change). */
export function updateNetworkElement({ id, input }: UpdateNetworkElementVariables): Promise<NetworkElement> {
  return api.put(`/api/v1/network-elements/${encodeURIComponent(id)}`, input, networkElementSchema);
}

export function useUpdateNetworkElement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNetworkElement,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getNetworkElementsQueryOptions().queryKey }),
  });
}
