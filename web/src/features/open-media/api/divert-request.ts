import type { DivertOpenMediaRequest } from '@oig/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { requestPath } from './get-request-history';
import { useInvalidateOpenMedia } from './invalidate';

export interface DivertVariables {
  id: string;
  body: DivertOpenMediaRequest;
}

/** POST /api/v1/open-media/requests/{id}/divert: to another service group. */
export function divertOpenMediaRequest({ id, body }: DivertVariables): Promise<void> {
  return api.post(`${requestPath(id)}/divert`, body);
}

export function useDivertOpenMediaRequest() {
  const invalidate = useInvalidateOpenMedia();
  return useMutation({ mutationFn: divertOpenMediaRequest, onSettled: invalidate });
}
