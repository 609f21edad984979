import { consoleUserSchema, type ConsoleUser } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { invalidateUsers } from './invalidate';

/** POST /api/v1/users/{username}/unlock: forgets the user's failed sign-ins (409 user_not_locked when not locked). */
export function unlockUser(username: string): Promise<ConsoleUser> {
  return api.post(`/api/v1/users/${encodeURIComponent(username)}/unlock`, undefined, consoleUserSchema);
}

export function useUnlockUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: unlockUser, onSettled: () => invalidateUsers(queryClient) });
}
