import { aclResponseSchema, type AclResponse } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getAccountsQueryOptions } from './get-accounts';
import { getAclQueryOptions } from './get-acl';

/**
 * POST /api/v1/acl/refresh: fetches the application list from the Mitel Certificate Server.
 * Fails with 502 (the server keeps the previous list) or 503 (no MCS configured).
 */
export function refreshAcl(): Promise<AclResponse> {
  return api.post('/api/v1/acl/refresh', undefined, aclResponseSchema);
}

export function useRefreshAcl() {
  const queryClient = useQueryClient();
  const aclKey = getAclQueryOptions().queryKey;
  return useMutation({
    mutationFn: refreshAcl,
    onSuccess: async (acl) => {
      await queryClient.cancelQueries({ queryKey: aclKey });
      queryClient.setQueryData(aclKey, acl);
      // Service types come from the list: the accounts may have changed with it.
      await queryClient.invalidateQueries({ queryKey: getAccountsQueryOptions().queryKey });
    },
    // The previous list stays in use; re-read it for the outcome of the attempt (lastFetch).
    onError: () => queryClient.invalidateQueries({ queryKey: aclKey }),
  });
}
