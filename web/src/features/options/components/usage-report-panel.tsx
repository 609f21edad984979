import { emailSchema, type Options } from '@oig/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DownloadButton } from '@/components/ui/download-button';
import { ErrorAlert, QueryErrorAlert } from '@/components/ui/error-alert';
import { EmailField, TextField } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { formatCalendarDate, formatIso, useFormatters, zonedDateTimeFormat } from '@/lib/format';
import {
  USAGE_REPORT_CSV_FILE_NAME,
  USAGE_REPORT_CSV_URL,
  useUsageReportStatus,
} from '../api/get-usage-report-status';
import { useSendUsageReport } from '../api/send-usage-report';
import { useUpdateOptions } from '../api/update-options';

interface UsageReportPanelProps {
  options: Options;
  canEdit: boolean;
}

/**
 * "Send OIG Usage Report": where the monthly usage report is mailed, "Send Report To Email Now"
 * (administrators), the monthly run's status and the month-to-date CSV.
 */
export function UsageReportPanel({ options, canEdit }: UsageReportPanelProps) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const update = useUpdateOptions();
  const send = useSendUsageReport();
  const sendHintId = useId();
  const current = options.usageReportEmail;
  const [email, setEmail] = useState(current ?? '');
  const [error, setError] = useState<string | undefined>();
  const [confirmClear, setConfirmClear] = useState(false);
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setEmail(current ?? '');
    setError(undefined);
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    update.reset();
    // emailSchema refuses anything but one plain address (no display name, no CR/LF header injection).
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      setError(email.trim() ? t('report.invalidEmail') : t('report.requiredEmail'));
      return;
    }
    setError(undefined);
    send.reset(); // A "Send Now" error was about the address before this one.
    try {
      const saved = await update.mutateAsync({ usageReportEmail: parsed.data });
      toast.success(t('report.saved', { email: saved.usageReportEmail ?? parsed.data }));
    } catch (e) {
      const server = fieldErrors(e).usageReportEmail;
      if (server) setError(server);
    }
  };

  const clear = async () => {
    update.reset();
    try {
      await update.mutateAsync({ usageReportEmail: null });
      toast.success(t('report.cleared'));
    } catch {
      // Shown under the form (update.error).
    } finally {
      setConfirmClear(false);
    }
  };

  const sendNow = async () => {
    try {
      const queued = await send.mutateAsync();
      toast.success(t('report.sendQueued', { month: queued.month, to: queued.to }));
    } catch {
      // Shown beside the button (send.error), e.g. 409 when the address was cleared meanwhile.
    }
  };

  const serverError =
    update.isError && !fieldErrors(update.error).usageReportEmail ? errorMessage(update.error) : undefined;

  return (
    <CollapsiblePanel
      title={t('report.title')}
      aside={canEdit ? undefined : <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />}
      data-testid="usage-report-panel"
    >
      <div className="max-w-xl space-y-3">
        <p className="text-sm text-gray-700">{t('report.intro')}</p>
        {canEdit ? (
          <form
            onSubmit={(e) => void save(e)}
            noValidate
            aria-label={t('report.formLabel')}
            className="space-y-3"
            data-testid="usage-report-form"
          >
            <EmailField
              label={t('report.email')}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={error}
              hint={t('report.schedule')}
              disabled={update.isPending}
              placeholder="admin@example.com"
              data-testid="usage-report-email"
            />
            {serverError && <ErrorAlert>{serverError}</ErrorAlert>}
            <div className="flex gap-2">
              <Button
                type="submit"
                variant="primary"
                disabled={update.isPending}
                aria-busy={update.isPending || undefined}
                data-testid="usage-report-save"
              >
                {update.isPending && !confirmClear && <Spinner className="size-3.5" />}
                {t('report.save')}
              </Button>
              <Button
                onClick={() => setConfirmClear(true)}
                disabled={update.isPending || current === null}
                data-testid="usage-report-clear"
              >
                {t('report.clear')}
              </Button>
            </div>
          </form>
        ) : (
          <dl className="space-y-1">
            <dt className="text-sm font-medium text-gray-800">{t('report.email')}</dt>
            <dd className="text-sm text-gray-900" data-testid="usage-report-value">
              {current ?? t('report.notSet')}
            </dd>
            <dd className="text-xs text-gray-600">{t('report.schedule')}</dd>
          </dl>
        )}

        <div className="space-y-2 border-t border-gray-100 pt-3">
          <div className="flex flex-wrap items-center gap-2">
            {canEdit && (
              <Button
                onClick={() => void sendNow()}
                busy={send.isPending}
                disabled={current === null || update.isPending}
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
              {current === null ? t('report.sendNeedsAddress') : t('report.sendHint', { email: current })}
            </p>
          )}
          {canEdit && send.isError && <ErrorAlert>{errorMessage(send.error)}</ErrorAlert>}
        </div>

        <UsageReportStatusBlock />
      </div>
      {canEdit && (
        <ConfirmDialog
          open={confirmClear}
          title={t('report.clearTitle')}
          confirmLabel={t('report.clearConfirm')}
          cancelLabel={t('common:cancel')}
          onConfirm={() => void clear()}
          onCancel={() => setConfirmClear(false)}
          busy={update.isPending}
        >
          {t('report.clearBody', { email: current ?? '' })}
        </ConfirmDialog>
      )}
    </CollapsiblePanel>
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
