import { consoleUserSchema, type ConsoleUser, type CreateUserRequest } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { invalidateUsers } from './invalidate';

/** POST /api/v1/users → 201 with the new user. */
export function createUser(body: CreateUserRequest): Promise<ConsoleUser> {
  return api.post('/api/v1/users', body, consoleUserSchema);
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createUser, onSettled: () => invalidateUsers(queryClient) });
}
