import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MailDeliveryNote } from '@/components/mail-delivery-note';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DownloadButton } from '@/components/ui/download-button';
import { ErrorAlert, QueryErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { formatCalendarDate, formatIso, useFormatters, zonedDateTimeFormat } from '@/lib/format';
import { mailOutcomeToast } from '@/lib/mail-delivery';
import {
  USAGE_REPORT_CSV_FILE_NAME,
  USAGE_REPORT_CSV_URL,
  useUsageReportStatus,
} from '../api/get-usage-report-status';
import { useSendUsageReport } from '../api/send-usage-report';
import { pastMonthsNewestFirst } from '../utils/report-months';

/** The report period select's value for the current month so far (the other values are `YYYY-MM`). */
const MONTH_TO_DATE = '';

interface UsageReportActionsProps {
  /** The saved report address (null: none, so nothing can be sent). */
  address: string | null;
  canEdit: boolean;
  /** True while the address is being saved: sending waits for it. */
  saving: boolean;
}

/**
 * The usage report's actions below its address: "Send Report To Email Now" (administrators) for
 * this month so far or, chosen in the report period, a past month (its monthly report again, after
 * a confirmation: e.g. when it went to a wrong address), the month-to-date CSV, and the monthly
 * run's status. The route keys it by the saved address and the number of saves, so a "Send Now"
 * error about a previous address is gone once that changes.
 */
export function UsageReportActions({ address, canEdit, saving }: UsageReportActionsProps) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const fmt = useFormatters();
  const send = useSendUsageReport();
  const status = useUsageReportStatus();
  const sendHintId = useId();
  const current = address;
  const [chosen, setChosen] = useState(MONTH_TO_DATE);
  // The past month whose sending is being confirmed (kept as asked, even if the list moves on meanwhile).
  const [confirming, setConfirming] = useState<string | null>(null);

  // The past months the server allows (its time zone's), newest first, named in the console's language.
  const pastMonths = status.data?.pastMonths;
  const months = useMemo(
    () => (pastMonths ? pastMonthsNewestFirst(pastMonths.oldest, pastMonths.latest) : []),
    [pastMonths],
  );
  const monthName = useMemo(
    () => zonedDateTimeFormat(fmt.language, { month: 'long', year: 'numeric' }, 'UTC'),
    [fmt.language],
  );
  const nameOf = (month: string) => formatCalendarDate(monthName, month);
  // A month no longer offered (the list moved on) falls back to this month so far.
  const month = months.includes(chosen) ? chosen : MONTH_TO_DATE;
  const periods = [
    { value: MONTH_TO_DATE, label: t('report.resend.monthToDate') },
    ...months.map((m) => ({ value: m, label: nameOf(m) })),
  ];

  const sendNow = async (past?: string) => {
    try {
      const queued = await send.mutateAsync(past);
      const said = mailOutcomeToast(
        queued.mail,
        queued.monthToDate !== false
          ? t('report.sendQueued', { month: queued.month, to: queued.to })
          : t('report.resend.queued', { month: nameOf(queued.month), to: queued.to }),
      );
      if (said.toFile) toast.show(said.text, 'info');
      else toast.success(said.text);
    } catch {
      // Shown beside the button (send.error), e.g. 409 when the address was cleared meanwhile.
    } finally {
      setConfirming(null);
    }
  };
  const onSend = () => {
    if (month === MONTH_TO_DATE) void sendNow();
    else setConfirming(month);
  };

  let hint = t('report.sendNeedsAddress');
  if (current !== null)
    hint =
      month === MONTH_TO_DATE
        ? t('report.sendHint', { email: current })
        : t('report.resend.hint', { month: nameOf(month), email: current });

  return (
    <>
      <div className="space-y-2 border-t border-gray-100 pt-3">
        {canEdit && (
          <div className="max-w-xs">
            <SelectField
              label={t('report.resend.period')}
              options={periods}
              value={month}
              onChange={(e) => {
                setChosen(e.target.value);
                send.reset();
              }}
              disabled={send.isPending}
              data-testid="usage-report-month"
            />
          </div>
        )}
        <div className="flex flex-wrap items-center gap-2">
          {canEdit && (
            <Button
              onClick={onSend}
              busy={send.isPending}
              disabled={current === null || saving}
              aria-describedby={sendHintId}
              data-testid="usage-report-send"
            >
              {t('report.sendNow')}
            </Button>
          )}
          <DownloadButton
            url={USAGE_REPORT_CSV_URL}
            fileName={USAGE_REPORT_CSV_FILE_NAME}
            data-testid="usage-report-csv"
          >
            {t('report.downloadCsv')}
          </DownloadButton>
        </div>
        {canEdit && (
          <p id={sendHintId} className="text-xs text-gray-600" data-testid="usage-report-send-hint">
            {hint}
          </p>
        )}

        {canEdit && <MailDeliveryNote testId="usage-report-delivery-note" />}
        {canEdit && send.isError && <ErrorAlert>{errorMessage(send.error)}</ErrorAlert>}
      </div>

      <UsageReportStatusBlock />
      {canEdit && (
        <ConfirmDialog
          open={confirming !== null}
          title={t('report.resend.confirmTitle', { month: nameOf(confirming ?? '') })}
          confirmLabel={t('report.resend.confirm')}
          cancelLabel={t('common:cancel')}
          onConfirm={() => confirming !== null && void sendNow(confirming)}
          onCancel={() => setConfirming(null)}
          busy={send.isPending}
          tone="primary"
        >
          <p>{t('report.resend.confirmBody', { month: nameOf(confirming ?? ''), email: current ?? '' })}</p>
          {send.isPending && (
            <p role="status" className="mt-2 font-medium text-gray-800" data-testid="usage-report-sending">
              {t('report.resend.sending', { month: nameOf(confirming ?? '') })}
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}

/** The monthly run: when it is next due, and how the last one went (with its outbox message's state). */
function UsageReportStatusBlock() {
  const { t } = useTranslation(['options', 'common']);
  const fmt = useFormatters();
  const query = useUsageReportStatus();

  if (query.isPending) {
    return (
      <p role="status" className="text-xs text-gray-600">
        {t('common:loading')}
      </p>
    );
  }
  if (query.isError) return <QueryErrorAlert query={query} />;

  const { timeZone, nextMonthlyAt, lastMonthly } = query.data;
  // Dates of the monthly run are those of the report time zone, which the text names.
  const date = zonedDateTimeFormat(fmt.language, { dateStyle: 'long' }, timeZone);
  const dateTime = zonedDateTimeFormat(fmt.language, { dateStyle: 'medium', timeStyle: 'short' }, timeZone);
  const monthName = zonedDateTimeFormat(fmt.language, { month: 'long', year: 'numeric' }, 'UTC');
  const at = (iso: string, format: Intl.DateTimeFormat) => formatIso(format, iso);

  let outcome = '';
  if (lastMonthly) {
    const state = lastMonthly.outcome === 'skipped' ? 'skipped' : (lastMonthly.mail?.state ?? 'queued');
    switch (state) {
      case 'skipped':
      case 'queued':
      case 'sending':
      case 'failed':
      case 'discarded':
        outcome = t(`report.status.outcomes.${state}`);
        break;
      case 'saved':
        outcome = t('report.status.outcomes.saved', { file: lastMonthly.mail?.fileName ?? '' });
        break;
      case 'sent':
        outcome = lastMonthly.mail?.sentAt
          ? t('report.status.outcomes.sentAt', { time: at(lastMonthly.mail.sentAt, dateTime) })
          : t('report.status.outcomes.sent');
        break;
      default:
        outcome = state;
    }
  }

  return (
    <div
      className="space-y-1 rounded-md border border-gray-200 bg-gray-50 px-3 py-2 text-sm text-gray-800"
      data-testid="usage-report-status"
    >
      <p data-testid="usage-report-next">
        {t('report.status.schedule', { timeZone, next: at(nextMonthlyAt, date) })}
      </p>
      <p data-testid="usage-report-last" data-outcome={lastMonthly ? lastMonthly.outcome : undefined}>
        {lastMonthly
          ? t('report.status.last', { month: formatCalendarDate(monthName, lastMonthly.month), outcome })
          : t('report.status.none')}
      </p>
    </div>
  );
}
