import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getNetworkElementsQueryOptions } from './get-network-elements';

/** DELETE /api/v1/network-elements/{id} → 204. */
export function deleteNetworkElement(id: string): Promise<void> {
  return api.delete(`/api/v1/network-elements/${encodeURIComponent(id)}`);
}

export function useDeleteNetworkElement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteNetworkElement,
    onSettled: () => queryClient.invalidateQueries({ queryKey: getNetworkElementsQueryOptions().queryKey }),
  });
}
