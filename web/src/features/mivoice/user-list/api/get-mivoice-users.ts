import { mivoiceUsersPageSchema, type MivoiceUsersPage } from '@oig/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSearchParams, type PageQuery } from '@/lib/page-query';

export const USERS_PAGE_SIZE = 50;

/** GET /api/v1/mivoice/users: the MiVoice Integration for Google user list, filtered and paged. */
export function getMivoiceUsers(page: PageQuery, signal?: AbortSignal): Promise<MivoiceUsersPage> {
  return api.get(
    `/api/v1/mivoice/users?${pageSearchParams(page).toString()}`,
    mivoiceUsersPageSchema,
    signal,
  );
}

/** Without a page the key is the prefix of every user-list query (used to invalidate them all). */
export function getMivoiceUsersQueryOptions(page?: PageQuery) {
  return queryOptions({
    queryKey: ['mivoice', 'users', page ? Object.fromEntries(pageSearchParams(page)) : {}] as const,
    queryFn: ({ signal }) => getMivoiceUsers(page ?? { limit: USERS_PAGE_SIZE, offset: 0 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMivoiceUsers(page: PageQuery) {
  return useQuery(getMivoiceUsersQueryOptions(page));
}
