import { consoleUserSchema, type ConsoleUser, type UpdateUserRequest } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { invalidateUsers } from './invalidate';

export interface UpdateUserVariables {
  username: string;
  changes: UpdateUserRequest;
}

/** PATCH /api/v1/users/{username}: disable/enable (disabling ends their sessions) or change the role. */
export function updateUser({ username, changes }: UpdateUserVariables): Promise<ConsoleUser> {
  return api.patch(`/api/v1/users/${encodeURIComponent(username)}`, changes, consoleUserSchema);
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateUser, onSettled: () => invalidateUsers(queryClient) });
}
