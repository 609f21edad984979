import { accountSchema, type Account } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { accountPath, type AccountKey } from '../utils/account-path';
import { getAccountsQueryOptions } from './get-accounts';

export interface UpdateAccountInput extends AccountKey {
  enabled: boolean;
}

/** PATCH /api/v1/accounts/{company}/{application}: disable (refuse new logins) or enable. */
export function updateAccount({ enabled, ...account }: UpdateAccountInput): Promise<Account> {
  return api.patch(accountPath(account), { enabled }, accountSchema);
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAccount,
    onSettled: () => queryClient.invalidateQueries({ queryKey: getAccountsQueryOptions().queryKey }),
  });
}
