import { testMailResponseSchema, type TestMailRequest, type TestMailResponse } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { OUTBOX_QUERY_KEY } from './get-outbox';

/**
 * POST /api/v1/mail/test → 202 {id, mail}: a test message, queued in the outbox; `mail` says what
 * became of it (with no mail server: saved to its .eml file).
 */
export function sendTestMail(body: TestMailRequest): Promise<TestMailResponse> {
  return api.post('/api/v1/mail/test', body, testMailResponseSchema);
}

export function useSendTestMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendTestMail,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: OUTBOX_QUERY_KEY }),
  });
}
