import { logsPageSchema, type LogLineLevel, type LogsPage } from '@oig/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** Lines one read asks for: the table never holds more (each read replaces the last). */
export const LOGS_PAGE_SIZE = 200;
/** How often the live tail reads the newest lines again. */
export const LOGS_LIVE_MS = 5_000;
export const LOGS_DOWNLOAD_URL = '/api/v1/logs/download';
export const LOGS_DOWNLOAD_FILE_NAME = 'oig-logs.ndjson';
export const SUPPORT_BUNDLE_URL = '/api/v1/support-bundle';
export const SUPPORT_BUNDLE_FILE_NAME = 'oig-support-bundle.zip';

export interface LogsFilter {
  level?: LogLineLevel | undefined;
  module?: string | undefined;
  q?: string | undefined;
  limit?: number | undefined;
}

/** Query string of a filter, without empty values. */
export function logsSearchParams(filter: LogsFilter = {}): URLSearchParams {
  const params = new URLSearchParams();
  const q = filter.q?.trim();
  if (filter.level) params.set('level', filter.level);
  if (filter.module) params.set('module', filter.module);
  if (q) params.set('q', q);
  params.set('limit', String(filter.limit ?? LOGS_PAGE_SIZE));
  return params;
}

export function getLogs(filter: LogsFilter = {}, signal?: AbortSignal): Promise<LogsPage> {
  return api.get(`/api/v1/logs?${logsSearchParams(filter).toString()}`, logsPageSchema, signal);
}

/** The newest lines matching `filter`; read again every LOGS_LIVE_MS while `live`. */
export function useLogs(filter: LogsFilter, live: boolean) {
  return useQuery(
    queryOptions({
      queryKey: ['logs', Object.fromEntries(logsSearchParams(filter))] as const,
      queryFn: ({ signal }) => getLogs(filter, signal),
      placeholderData: keepPreviousData,
      refetchInterval: live ? LOGS_LIVE_MS : false,
    }),
  );
}
