import { usageReportStatusSchema, type UsageReportStatus } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** Where the month-to-date CSV is downloaded from (the current month when `month` is omitted). */
export const USAGE_REPORT_CSV_URL = '/api/v1/usage-report/report.csv';
/** A name for it if the server's answer names none (the server's own is `oig-usage-YYYY-MM-to-date.csv`). */
export const USAGE_REPORT_CSV_FILE_NAME = 'oig-usage-to-date.csv';

export function getUsageReportStatus(signal?: AbortSignal): Promise<UsageReportStatus> {
  return api.get('/api/v1/usage-report', usageReportStatusSchema, signal);
}

export function getUsageReportStatusQueryOptions() {
  return queryOptions({
    queryKey: ['usage-report', 'status'] as const,
    queryFn: ({ signal }) => getUsageReportStatus(signal),
  });
}

export function useUsageReportStatus() {
  return useQuery(getUsageReportStatusQueryOptions());
}
