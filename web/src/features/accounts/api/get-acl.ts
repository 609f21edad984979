import { aclResponseSchema, type AclResponse } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { ACCOUNTS_QUERY_KEY, ACCOUNTS_REFRESH_MS } from './get-accounts';

/** The application list (ACL) in use, with which applications already have a local password. */
export function getAcl(signal?: AbortSignal): Promise<AclResponse> {
  return api.get('/api/v1/acl', aclResponseSchema, signal);
}

export function getAclQueryOptions() {
  return queryOptions({
    queryKey: [...ACCOUNTS_QUERY_KEY, 'acl'] as const,
    queryFn: ({ signal }) => getAcl(signal),
    refetchInterval: ACCOUNTS_REFRESH_MS,
  });
}

export function useAcl() {
  return useQuery(getAclQueryOptions());
}
