import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '@/lib/api-client';
import { getNetworkElementsQueryOptions } from './get-network-elements';

/** The probe runs in the background after 202: read the list again after these delays. */
export const PROBE_REFETCH_DELAYS_MS = [2_000, 8_000] as const;

/** POST /api/v1/network-elements/probe → 202: re-check the reachability of every element now. */
export function probeNetworkElements(): Promise<void> {
  return api.post('/api/v1/network-elements/probe', {});
}

export function useProbeNetworkElements() {
  const queryClient = useQueryClient();
  const timers = useRef<number[]>([]);
  useEffect(
    () => () => {
      for (const timer of timers.current) window.clearTimeout(timer);
      timers.current = [];
    },
    [],
  );
  return useMutation({
    mutationFn: probeNetworkElements,
    onSuccess: () => {
      for (const delay of PROBE_REFETCH_DELAYS_MS) {
        timers.current.push(
          window.setTimeout(
            () => void queryClient.invalidateQueries({ queryKey: getNetworkElementsQueryOptions().queryKey }),
            delay,
          ),
        );
      }
    },
  });
}
