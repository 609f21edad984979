import type { TestMailRequest } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { OUTBOX_QUERY_KEY } from './get-outbox';

const queuedSchema = z.object({ id: z.string() });

/** POST /api/v1/mail/test → 202 {id}: a test message, queued in the outbox. */
export function sendTestMail(body: TestMailRequest): Promise<{ id: string }> {
  return api.post('/api/v1/mail/test', body, queuedSchema);
}

export function useSendTestMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendTestMail,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: OUTBOX_QUERY_KEY }),
  });
}
