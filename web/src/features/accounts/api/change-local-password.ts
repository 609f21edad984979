import { accountSchema, type Account } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { accountPath, type AccountKey } from '../utils/account-path';
import { getAccountsQueryOptions } from './get-accounts';

export interface ChangeLocalPasswordInput extends AccountKey {
  localPassword: string;
}

/** PUT /api/v1/accounts/{company}/{application}/password: current sessions continue, next logins use it. */
export function changeLocalPassword({
  localPassword,
  ...account
}: ChangeLocalPasswordInput): Promise<Account> {
  return api.put(`${accountPath(account)}/password`, { localPassword }, accountSchema);
}

export function useChangeLocalPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeLocalPassword,
    onSettled: () => queryClient.invalidateQueries({ queryKey: getAccountsQueryOptions().queryKey }),
  });
}
