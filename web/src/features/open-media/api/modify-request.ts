import type { ModifyOpenMediaRequest } from '@oig/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { requestPath } from './get-request-history';
import { useInvalidateOpenMedia } from './invalidate';

export interface ModifyVariables {
  id: string;
  body: ModifyOpenMediaRequest;
}

/** PATCH /api/v1/open-media/requests/{id}: its IVR data and private data (only while queued). */
export function modifyOpenMediaRequest({ id, body }: ModifyVariables): Promise<void> {
  return api.patch(requestPath(id), body);
}

export function useModifyOpenMediaRequest() {
  const invalidate = useInvalidateOpenMedia();
  return useMutation({ mutationFn: modifyOpenMediaRequest, onSettled: invalidate });
}
