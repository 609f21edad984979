import {
  networkElementDefaultsSchema,
  type MiccSettings,
  type MivbSettings,
  type NetworkElementType,
} from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';

/** The default values of each type, as GET|PUT /network-elements/defaults/{type} carry them. */
export interface DefaultsByType {
  mivb: MivbSettings;
  micc: MiccSettings;
}

/** The shared schema of a type's settings. */
export function defaultsSchema<K extends NetworkElementType>(type: K): z.ZodType<DefaultsByType[K]> {
  return networkElementDefaultsSchema[type] as unknown as z.ZodType<DefaultsByType[K]>;
}

export function defaultsPath(type: NetworkElementType): string {
  return `/api/v1/network-elements/defaults/${type}`;
}

export function getNetworkElementDefaults<K extends NetworkElementType>(
  type: K,
  signal?: AbortSignal,
): Promise<DefaultsByType[K]> {
  return api.get(defaultsPath(type), defaultsSchema(type), signal);
}

export function getNetworkElementDefaultsQueryOptions<K extends NetworkElementType>(type: K) {
  return queryOptions({
    queryKey: ['network-elements', 'defaults', type] as const,
    queryFn: ({ signal }) => getNetworkElementDefaults(type, signal),
  });
}

export function useNetworkElementDefaults<K extends NetworkElementType>(
  type: K,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({ ...getNetworkElementDefaultsQueryOptions(type), enabled });
}
