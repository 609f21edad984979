import { terminateResultSchema } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { getLiveSessionsQueryOptions } from './get-live-sessions';
import { getSessionHistoryQueryOptions } from './get-session-history';

export type TerminateResult = z.infer<typeof terminateResultSchema>;

export function terminateSessions(ids: readonly string[]): Promise<TerminateResult> {
  return api.post('/api/v1/sessions/terminate', { ids }, terminateResultSchema);
}

export function useTerminateSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: terminateSessions,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: getLiveSessionsQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: getSessionHistoryQueryOptions().queryKey }),
      ]),
  });
}
