import { accountSchema, type Account, type CreateAccountRequest } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { ACCOUNTS_QUERY_KEY } from './get-accounts';

/** POST /api/v1/accounts: gives an application of the list a local password (201 Account). */
export function createAccount({
  companyName,
  applicationName,
  localPassword,
}: CreateAccountRequest): Promise<Account> {
  return api.post('/api/v1/accounts', { companyName, applicationName, localPassword }, accountSchema);
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    // Both the account list and the ACL's "has a local password" flags change.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ACCOUNTS_QUERY_KEY }),
  });
}
