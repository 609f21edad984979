import type { ChangeOwnPasswordRequest } from '@oig/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/v1/auth/password → 204 (any role). A wrong current password answers 400 with fields.currentPassword. */
export function changeOwnPassword(body: ChangeOwnPasswordRequest): Promise<void> {
  return api.post('/api/v1/auth/password', body);
}

export function useChangeOwnPassword() {
  return useMutation({ mutationFn: changeOwnPassword });
}
