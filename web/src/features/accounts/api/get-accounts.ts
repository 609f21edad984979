import { accountListSchema } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';

export const ACCOUNTS_REFRESH_MS = 30_000;

/** Prefix of every query of the Application Accounts tab (the ACL and the account list). */
export const ACCOUNTS_QUERY_KEY = ['accounts'] as const;

export type AccountList = z.infer<typeof accountListSchema>;

export function getAccounts(signal?: AbortSignal): Promise<AccountList> {
  return api.get('/api/v1/accounts', accountListSchema, signal);
}

export function getAccountsQueryOptions() {
  return queryOptions({
    queryKey: [...ACCOUNTS_QUERY_KEY, 'list'] as const,
    queryFn: ({ signal }) => getAccounts(signal),
    refetchInterval: ACCOUNTS_REFRESH_MS,
  });
}

export function useAccounts() {
  return useQuery(getAccountsQueryOptions());
}
