import {
  REFUSED_LOGINS_PAGE_DEFAULT,
  refusedLoginPageSchema,
  type RefusedLoginPage,
  type RefusedLoginReason,
} from '@oig/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { LIVE_LIST_REFRESH_MS } from '@/lib/refresh';

/** Rows of one page in the console. */
export const REFUSED_LOGINS_PAGE_SIZE = REFUSED_LOGINS_PAGE_DEFAULT;

/** The refused logins' filter as sent to the server: from/to are ISO 8601 with offset. */
export interface RefusedLoginsFilter {
  application?: string | undefined;
  reason?: RefusedLoginReason | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Query string of a filter, without empty values (shared with the CSV download); a page adds offset and limit. */
export function refusedLoginsSearchParams(
  filter: RefusedLoginsFilter = {},
  page?: { offset: number; limit: number },
): URLSearchParams {
  const params = new URLSearchParams();
  const application = filter.application?.trim();
  if (application) params.set('application', application);
  if (filter.reason) params.set('reason', filter.reason);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (page) {
    params.set('offset', String(page.offset));
    params.set('limit', String(page.limit));
  }
  return params;
}

/** GET /api/v1/sessions/refused.csv of a filter (downloaded with DownloadButton). */
export function getRefusedLoginsCsvUrl(filter: RefusedLoginsFilter = {}): string {
  const query = refusedLoginsSearchParams(filter).toString();
  return query ? `/api/v1/sessions/refused.csv?${query}` : '/api/v1/sessions/refused.csv';
}

/** The name the server gives the CSV (used if its answer names none). */
export const REFUSED_LOGINS_CSV_FILE_NAME = 'oig-refused-logins.csv';

export function getRefusedLogins(
  filter: RefusedLoginsFilter,
  page: { offset: number; limit: number },
  signal?: AbortSignal,
): Promise<RefusedLoginPage> {
  return api.get(
    `/api/v1/sessions/refused?${refusedLoginsSearchParams(filter, page).toString()}`,
    refusedLoginPageSchema,
    signal,
  );
}

export function getRefusedLoginsQueryOptions(
  filter: RefusedLoginsFilter,
  page: { offset: number; limit: number },
) {
  return queryOptions({
    queryKey: ['sessions', 'refused', Object.fromEntries(refusedLoginsSearchParams(filter, page))] as const,
    queryFn: ({ signal }) => getRefusedLogins(filter, page, signal),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_LIST_REFRESH_MS,
  });
}

export function useRefusedLogins(filter: RefusedLoginsFilter, page: { offset: number; limit: number }) {
  return useQuery(getRefusedLoginsQueryOptions(filter, page));
}
