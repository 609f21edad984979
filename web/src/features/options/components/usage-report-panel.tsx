import { emailSchema, type Options } from '@oig/shared';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { EmailField, TextField } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { useUpdateOptions } from '../api/update-options';

interface UsageReportPanelProps {
  options: Options;
  canEdit: boolean;
  /**
   * The report's actions and status below the address (the usage feature's, composed by the
   * route): given the saved address and whether a save is under way.
   */
  renderActions: (address: string | null, saving: boolean) => ReactNode;
}

/**
 * "Send OIG Usage Report": where the monthly usage report is mailed (an option), then the
 * report's own actions and status (`renderActions`).
 */
export function UsageReportPanel({ options, canEdit, renderActions }: UsageReportPanelProps) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const update = useUpdateOptions();
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

        {renderActions(current, update.isPending)}
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
