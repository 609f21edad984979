import { mivoiceEmailResponseSchema, type MivoiceEmailResponse } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import { api } from '@/lib/api-client';

/**
 * POST /api/v1/mivoice/users/email → 202 {mailId, to}: "Email User List", queued in the Mail
 * Outbox for the administrator e-mail; 409 (naming adminEmail) when none is set.
 */
export function emailUserList(): Promise<MivoiceEmailResponse> {
  return api.post('/api/v1/mivoice/users/email', undefined, mivoiceEmailResponseSchema);
}

export function useEmailUserList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: emailUserList,
    // The message is now in the Mail Outbox (not awaited, so the toast is not held up).
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.outbox }),
  });
}
