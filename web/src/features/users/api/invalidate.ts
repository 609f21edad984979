import type { QueryClient } from '@tanstack/react-query';
import { getUsersQueryOptions } from './get-users';

/** After a change to console users: read the list again, and the audit log (query key prefix 'audit'). */
export function invalidateUsers(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey }),
    queryClient.invalidateQueries({ queryKey: ['audit'] }),
  ]);
}
