import { terminateResultSchema, type LiveSessionFilter } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { LIVE_SESSIONS_KEY } from './get-live-sessions';
import { getSessionHistoryQueryOptions } from './get-session-history';

export type TerminateResult = z.infer<typeof terminateResultSchema>;

/** The sessions named, or every session matching a filter at that moment. */
export type TerminateTarget = { ids: readonly string[] } | { filter: LiveSessionFilter };

export function terminateSessions(target: TerminateTarget): Promise<TerminateResult> {
  return api.post('/api/v1/sessions/terminate', target, terminateResultSchema);
}

export function useTerminateSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: terminateSessions,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: LIVE_SESSIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: getSessionHistoryQueryOptions().queryKey }),
      ]),
  });
}
