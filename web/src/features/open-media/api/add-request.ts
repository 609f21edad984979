import { addOpenMediaResultSchema, type AddOpenMediaRequest, type AddOpenMediaResult } from '@oig/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { useInvalidateOpenMedia } from './invalidate';

/** POST /api/v1/open-media/requests → 201: the MiCC's AddRequest (a test request from the console). */
export function addOpenMediaRequest(body: AddOpenMediaRequest): Promise<AddOpenMediaResult> {
  return api.post('/api/v1/open-media/requests', body, addOpenMediaResultSchema);
}

export function useAddOpenMediaRequest() {
  const invalidate = useInvalidateOpenMedia();
  return useMutation({ mutationFn: addOpenMediaRequest, onSettled: invalidate });
}
