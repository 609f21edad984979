import { googleContactsPageSchema, type GoogleContactsPage } from '@oig/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSearchParams, type PageQuery } from '@/lib/page-query';

export const CONTACTS_PAGE_SIZE = 10;

export function getGoogleContacts(page: PageQuery, signal?: AbortSignal): Promise<GoogleContactsPage> {
  return api.get(
    `/api/v1/mivoice/google/contacts?${pageSearchParams(page).toString()}`,
    googleContactsPageSchema,
    signal,
  );
}

/** Without a page the key is the prefix of every contacts query (used to invalidate them all). */
export function getGoogleContactsQueryOptions(page?: PageQuery) {
  return queryOptions({
    queryKey: ['mivoice', 'google-contacts', page ? Object.fromEntries(pageSearchParams(page)) : {}] as const,
    queryFn: ({ signal }) => getGoogleContacts(page ?? { limit: CONTACTS_PAGE_SIZE, offset: 0 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useGoogleContacts(page: PageQuery) {
  return useQuery(getGoogleContactsQueryOptions(page));
}
