import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { OUTBOX_QUERY_KEY } from './get-outbox';

export type OutboxAction = 'retry' | 'discard';

/**
 * POST /api/v1/mail/outbox/{id}/retry|discard → 204; 409 (with the server's reason) when the state
 * does not allow it.
 */
export function outboxAction({ id, action }: { id: string; action: OutboxAction }): Promise<void> {
  return api.post(`/api/v1/mail/outbox/${encodeURIComponent(id)}/${action}`, undefined);
}

export function useOutboxAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: outboxAction,
    onSettled: () => queryClient.invalidateQueries({ queryKey: OUTBOX_QUERY_KEY }),
  });
}
