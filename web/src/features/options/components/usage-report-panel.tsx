import { emailSchema, type Options } from '@oig/shared';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormErrorAlert } from '@/components/form/form-alert';
import { EmailField } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { applyServerErrors, SERVER_ERROR } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import type { FormMessages } from '@/lib/form/zod-messages';
import { useUpdateOptions } from '../api/update-options';

/**
 * Saving sets an address (clearing it is the Clear button): one plain address, no display name,
 * no CR/LF header injection, as PUT /options takes it.
 */
const usageReportFormSchema = z.object({ usageReportEmail: emailSchema });

const MESSAGES: FormMessages = {
  usageReportEmail: { required: 'options:report.requiredEmail', '*': 'options:report.invalidEmail' },
};

interface UsageReportPanelProps {
  options: Options;
  canEdit: boolean;
  /**
   * The report's actions and status below the address (the usage feature's, composed by the
   * route): given the saved address, whether a save is under way, and how many saves were sent
   * (a new one makes a "Send Now" error about the address before it obsolete).
   */
  renderActions: (address: string | null, saving: boolean, saves: number) => ReactNode;
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
  // A new address from the server (after a save or a clear) replaces what is typed.
  const form = useZodForm(usageReportFormSchema, {
    values: { usageReportEmail: current ?? '' },
    messages: MESSAGES,
  });
  const { errors } = form.formState;
  const [confirmClear, setConfirmClear] = useState(false);
  const [saves, setSaves] = useState(0);

  const save = form.handleSubmit(async ({ usageReportEmail }) => {
    setSaves((n) => n + 1);
    try {
      const saved = await update.mutateAsync({ usageReportEmail });
      toast.success(t('report.saved', { email: saved.usageReportEmail ?? usageReportEmail }));
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  const clear = async () => {
    form.clearErrors();
    try {
      await update.mutateAsync({ usageReportEmail: null });
      toast.success(t('report.cleared'));
    } catch (error) {
      form.setError(SERVER_ERROR, { message: errorMessage(error) });
    } finally {
      setConfirmClear(false);
    }
  };

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
              {...form.register('usageReportEmail')}
              error={errors.usageReportEmail?.message}
              hint={t('report.schedule')}
              disabled={update.isPending}
              placeholder="admin@example.com"
              data-testid="usage-report-email"
            />
            <FormErrorAlert errors={errors} />
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

        {renderActions(current, update.isPending, saves)}
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
