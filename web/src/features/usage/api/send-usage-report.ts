import { sendUsageReportResponseSchema, type SendUsageReportResponse } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import { api } from '@/lib/api-client';
import { getUsageReportStatusQueryOptions } from './get-usage-report-status';

/**
 * POST /api/v1/usage-report/send → 202 {month, to, mailId}: the month-to-date report, queued in
 * the Mail Outbox for the saved report address; 409 when no address is saved.
 */
export function sendUsageReport(): Promise<SendUsageReportResponse> {
  return api.post('/api/v1/usage-report/send', undefined, sendUsageReportResponseSchema);
}

export function useSendUsageReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendUsageReport,
    // The message is now in the Mail Outbox: read it again (not awaited, so the toast is not held up).
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.outbox });
      void queryClient.invalidateQueries({ queryKey: getUsageReportStatusQueryOptions().queryKey });
    },
  });
}
