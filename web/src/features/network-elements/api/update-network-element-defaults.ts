import type { MiccSettings, MivbSettings, NetworkElementType } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import {
  defaultsPath,
  defaultsSchema,
  getNetworkElementDefaultsQueryOptions,
  type DefaultsByType,
} from './get-network-element-defaults';
import { getNetworkElementsQueryOptions } from './get-network-elements';

export type UpdateDefaultsVariables = {
  [K in NetworkElementType]: { type: K; settings: DefaultsByType[K] };
}[NetworkElementType];

/** PUT /api/v1/network-elements/defaults/{type}: answers the saved values. */
export function updateNetworkElementDefaults<K extends NetworkElementType>(
  type: K,
  settings: DefaultsByType[K],
): Promise<DefaultsByType[K]> {
  return api.put(defaultsPath(type), settings, defaultsSchema(type));
}

export function useUpdateNetworkElementDefaults() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: UpdateDefaultsVariables): Promise<MivbSettings | MiccSettings> =>
      variables.type === 'mivb'
        ? updateNetworkElementDefaults('mivb', variables.settings)
        : updateNetworkElementDefaults('micc', variables.settings),
    onSuccess: (_saved, { type }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: getNetworkElementDefaultsQueryOptions(type).queryKey }),
        // Default elements show the effective values, which have just changed.
        queryClient.invalidateQueries({ queryKey: getNetworkElementsQueryOptions().queryKey }),
      ]),
  });
}
