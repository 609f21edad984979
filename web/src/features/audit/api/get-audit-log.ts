import { auditPageSchema, type AuditAction, type AuditPage } from '@oig/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { AUDIT_QUERY_KEY } from '@/lib/query-client';

export const AUDIT_PAGE_SIZE = 50;

/** Audit query as sent to the server: from/to are ISO 8601 with offset. */
export interface AuditFilter {
  q?: string | undefined;
  action?: AuditAction | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Query string of a filter, without empty values. */
export function auditSearchParams(filter: AuditFilter = {}): URLSearchParams {
  const params = new URLSearchParams();
  const q = filter.q?.trim();
  const actor = filter.actor?.trim();
  if (q) params.set('q', q);
  if (filter.action) params.set('action', filter.action);
  if (actor) params.set('actor', actor);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  params.set('limit', String(filter.limit ?? AUDIT_PAGE_SIZE));
  params.set('offset', String(filter.offset ?? 0));
  return params;
}

export function getAuditLog(filter: AuditFilter = {}, signal?: AbortSignal): Promise<AuditPage> {
  return api.get(`/api/v1/audit?${auditSearchParams(filter).toString()}`, auditPageSchema, signal);
}

/** Without a filter the key is a prefix of every audit query (used to invalidate them all). */
export function getAuditLogQueryOptions(filter?: AuditFilter) {
  const key = filter ? Object.fromEntries(auditSearchParams(filter)) : {};
  return queryOptions({
    queryKey: [...AUDIT_QUERY_KEY, key] as const,
    queryFn: ({ signal }) => getAuditLog(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAuditLog(filter: AuditFilter) {
  return useQuery(getAuditLogQueryOptions(filter));
}
