import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { LIVE_SESSIONS_KEY } from './get-live-sessions';
import { getSessionHistoryQueryOptions } from './get-session-history';

export function terminateSession(id: string): Promise<void> {
  return api.delete(`/api/v1/sessions/${encodeURIComponent(id)}`);
}

export function useTerminateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: terminateSession,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: LIVE_SESSIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: getSessionHistoryQueryOptions().queryKey }),
      ]),
  });
}
