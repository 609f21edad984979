import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { accountPath, type AccountKey } from '../utils/account-path';
import { ACCOUNTS_QUERY_KEY } from './get-accounts';

/** DELETE /api/v1/accounts/{company}/{application} (204): current sessions continue, the next login is refused. */
export function deleteAccount(account: AccountKey): Promise<void> {
  return api.delete(
    accountPath({ companyName: account.companyName, applicationName: account.applicationName }),
  );
}

export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    // The application is offered again in the create form (ACL flags) and leaves the list.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ACCOUNTS_QUERY_KEY }),
  });
}
