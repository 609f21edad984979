import { outboxPageSchema, type MailStateName, type OutboxPage } from '@oig/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const OUTBOX_PAGE_SIZE = 50;
/** The outbox is read again this often while the panel is shown. */
export const OUTBOX_REFRESH_MS = 15_000;
/** Prefix of every outbox query key (used to invalidate them all). */
export const OUTBOX_QUERY_KEY = queryKeys.outbox;

export interface OutboxFilter {
  state?: MailStateName | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Query string of a filter, without an empty state. */
export function outboxSearchParams(filter: OutboxFilter = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.state) params.set('state', filter.state);
  params.set('limit', String(filter.limit ?? OUTBOX_PAGE_SIZE));
  params.set('offset', String(filter.offset ?? 0));
  return params;
}

export function getOutbox(filter: OutboxFilter = {}, signal?: AbortSignal): Promise<OutboxPage> {
  return api.get(`/api/v1/mail/outbox?${outboxSearchParams(filter).toString()}`, outboxPageSchema, signal);
}

export function getOutboxQueryOptions(filter: OutboxFilter = {}) {
  return queryOptions({
    queryKey: [...OUTBOX_QUERY_KEY, Object.fromEntries(outboxSearchParams(filter))] as const,
    queryFn: ({ signal }) => getOutbox(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOutbox(
  filter: OutboxFilter,
  { refetchInterval = OUTBOX_REFRESH_MS }: { refetchInterval?: number | false } = {},
) {
  return useQuery({ ...getOutboxQueryOptions(filter), refetchInterval });
}
