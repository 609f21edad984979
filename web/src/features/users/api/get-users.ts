import { consoleUserListSchema, type ConsoleUser } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export function getUsers(signal?: AbortSignal): Promise<{ users: ConsoleUser[] }> {
  return api.get('/api/v1/users', consoleUserListSchema, signal);
}

export function getUsersQueryOptions() {
  return queryOptions({
    queryKey: ['users'] as const,
    queryFn: ({ signal }) => getUsers(signal),
  });
}

export function useUsers() {
  return useQuery(getUsersQueryOptions());
}
