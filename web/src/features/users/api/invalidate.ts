import type { QueryClient } from '@tanstack/react-query';
import { getUsersQueryOptions } from './get-users';

/** After a change to console users: read the list again (the audit log follows every mutation by itself). */
export function invalidateUsers(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey });
}
