import { sendUsageReportResponseSchema, type SendUsageReportResponse } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import { api } from '@/lib/api-client';
import { getUsageReportStatusQueryOptions } from './get-usage-report-status';

/**
 * POST /api/v1/usage-report/send → 202 {month, monthToDate, to, mailId, mail}: queued in the Mail
 * Outbox for the saved report address — the month-to-date report, or with `month` (`YYYY-MM`, a
 * past month of the status's `pastMonths`) that month's report as the monthly mail has it. 409 when
 * no address is saved; 400 with a reason for a month that cannot be sent.
 */
export function sendUsageReport(month?: string): Promise<SendUsageReportResponse> {
  return api.post(
    '/api/v1/usage-report/send',
    month === undefined ? undefined : { month },
    sendUsageReportResponseSchema,
  );
}

export function useSendUsageReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (month?: string) => sendUsageReport(month),
    // The message is now in the Mail Outbox: read it again (not awaited, so the toast is not held up).
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.outbox });
      void queryClient.invalidateQueries({ queryKey: getUsageReportStatusQueryOptions().queryKey });
    },
  });
}
