import type { ResetPasswordRequest } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { invalidateUsers } from './invalidate';

export interface ResetPasswordVariables {
  username: string;
  body: ResetPasswordRequest;
}

/** POST /api/v1/users/{username}/password → 204; the user's console sessions end. */
export function resetPassword({ username, body }: ResetPasswordVariables): Promise<void> {
  return api.post(`/api/v1/users/${encodeURIComponent(username)}/password`, body);
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: resetPassword, onSettled: () => invalidateUsers(queryClient) });
}
