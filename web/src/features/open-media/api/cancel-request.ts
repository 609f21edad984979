import type { CancelOpenMediaRequest } from '@oig/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { requestPath } from './get-request-history';
import { useInvalidateOpenMedia } from './invalidate';

export interface CancelVariables {
  id: string;
  body: CancelOpenMediaRequest;
}

/** POST /api/v1/open-media/requests/{id}/cancel → 200 or 204. */
export function cancelOpenMediaRequest({ id, body }: CancelVariables): Promise<void> {
  return api.post(`${requestPath(id)}/cancel`, body);
}

export function useCancelOpenMediaRequest() {
  const invalidate = useInvalidateOpenMedia();
  return useMutation({ mutationFn: cancelOpenMediaRequest, onSettled: invalidate });
}
