import {
  updateMivoiceSettingsRequestSchema,
  type MivoiceSettings,
  type UpdateMivoiceSettingsRequest,
} from '@oig/shared';
import { useState } from 'react';
import { z } from 'zod';
import { FormErrorAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { EmailField } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import type { FormMessages } from '@/lib/form/zod-messages';
import { useMivoiceSettings } from '../api/get-mivoice-settings';
import { useUpdateMivoiceSettings } from '../api/update-mivoice-settings';
import { useMivoiceTranslation } from '../../i18n';

/** The request, typed: an empty field clears the address (null), anything else must be one plain address. */
const adminEmailFormSchema = z.object({
  adminEmail: z
    .string()
    .transform((v) => (v.trim() === '' ? null : v))
    .pipe(updateMivoiceSettingsRequestSchema.shape.adminEmail),
});

const MESSAGES: FormMessages = { adminEmail: { '*': 'mivoice:settings.invalid' } };

/** The administrator e-mail that "Email User List" and "Email Language Strings" mail their CSV to. */
export function AdminEmailPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useMivoiceTranslation();
  const query = useMivoiceSettings();
  return (
    <CollapsiblePanel
      title={t('settings.title')}
      aside={canEdit ? undefined : <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />}
      data-testid="admin-email-panel"
    >
      <div className="max-w-xl space-y-3">
        <p className="text-sm text-gray-700">{t('settings.intro')}</p>
        {query.isPending && <LoadingState label={t('common:loading')} />}
        {query.isError && <QueryErrorAlert query={query} />}
        {query.data &&
          (canEdit ? (
            <AdminEmailForm settings={query.data} />
          ) : (
            <dl className="space-y-1">
              <dt className="text-sm font-medium text-gray-800">{t('settings.email')}</dt>
              <dd className="text-sm text-gray-900" data-testid="admin-email-value">
                {query.data.adminEmail ?? t('settings.notSet')}
              </dd>
            </dl>
          ))}
      </div>
    </CollapsiblePanel>
  );
}

function AdminEmailForm({ settings }: { settings: MivoiceSettings }) {
  const current = settings.adminEmail;
  const { t } = useMivoiceTranslation();
  const toast = useToast();
  const update = useUpdateMivoiceSettings();
  // A new address from the server replaces what is typed.
  const form = useZodForm(adminEmailFormSchema, {
    values: { adminEmail: current ?? '' },
    messages: MESSAGES,
  });
  const { errors } = form.formState;
  // The saved settings the clearing confirmation was opened on: the dialog shows only while they are
  // still the ones shown (any change read from the server, even back to the same address, closes it;
  // the query keeps an unchanged answer's object).
  const [clearing, setClearing] = useState<MivoiceSettings | null>(null);
  const confirmingClear = clearing !== null && clearing === settings;

  const send = async (request: UpdateMivoiceSettingsRequest) => {
    setClearing(null);
    try {
      await update.mutateAsync(request);
      const { adminEmail } = request;
      toast.success(adminEmail ? t('settings.saved', { email: adminEmail }) : t('settings.cleared'));
    } catch (error) {
      applyServerErrors(form, error);
    }
  };

  // Clearing the saved address stops every export by mail: ask first.
  const save = form.handleSubmit(async (request) => {
    if (request.adminEmail === null && current) setClearing(settings);
    else await send(request);
  });

  return (
    <>
      <form
        onSubmit={(e) => void save(e)}
        noValidate
        aria-label={t('settings.formLabel')}
        className="space-y-3"
        data-testid="admin-email-form"
      >
        <EmailField
          label={t('settings.email')}
          {...form.register('adminEmail')}
          error={errors.adminEmail?.message}
          hint={current ? t('settings.hint') : t('settings.notSet')}
          placeholder="admin@example.com"
          data-testid="admin-email"
        />
        <FormErrorAlert errors={errors} />
        <Button type="submit" variant="primary" busy={update.isPending} data-testid="admin-email-save">
          {t('settings.save')}
        </Button>
      </form>
      <ConfirmDialog
        open={confirmingClear}
        title={t('settings.confirmClear.title')}
        confirmLabel={t('settings.confirmClear.confirm')}
        cancelLabel={t('common:cancel')}
        onConfirm={() => void send({ adminEmail: null })}
        onCancel={() => setClearing(null)}
      >
        {t('settings.confirmClear.body', { email: current ?? '' })}
      </ConfirmDialog>
    </>
  );
}
