import { emailSchema } from '@oig/shared';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert, QueryErrorAlert } from '@/components/ui/error-alert';
import { EmailField, TextField } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useFormErrors } from '@/lib/use-form-errors';
import { useMivoiceSettings } from '../api/get-mivoice-settings';
import { useUpdateMivoiceSettings } from '../api/update-mivoice-settings';
import { useMivoiceTranslation } from '../../i18n';

type Field = 'adminEmail';
const SERVER_NAMES = { adminEmail: 'adminEmail' } as const;

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
            <AdminEmailForm current={query.data.adminEmail} />
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

function AdminEmailForm({ current }: { current: string | null }) {
  const { t } = useMivoiceTranslation();
  const toast = useToast();
  const update = useUpdateMivoiceSettings();
  const { errors, formError, submit } = useFormErrors<Field>();
  const [email, setEmail] = useState(current ?? '');
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setEmail(current ?? '');
    setConfirmingClear(false);
  }

  const send = async () => {
    setConfirmingClear(false);
    // Empty clears the address; anything else must be one plain address (no display name, no CR/LF).
    const parsed = email.trim() === '' ? null : emailSchema.safeParse(email);
    const clientErrors: Partial<Record<Field, string>> =
      parsed && !parsed.success ? { adminEmail: t('settings.invalid') } : {};
    const adminEmail = parsed?.success ? parsed.data : null;
    const ok = await submit(clientErrors, () => update.mutateAsync({ adminEmail }), SERVER_NAMES);
    if (ok) toast.success(adminEmail ? t('settings.saved', { email: adminEmail }) : t('settings.cleared'));
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    // Clearing the saved address stops every export by mail: ask first.
    if (email.trim() === '' && current) setConfirmingClear(true);
    else void send();
  };

  return (
    <>
      <form
        onSubmit={save}
        noValidate
        aria-label={t('settings.formLabel')}
        className="space-y-3"
        data-testid="admin-email-form"
      >
        <EmailField
          label={t('settings.email')}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.adminEmail}
          hint={current ? t('settings.hint') : t('settings.notSet')}
          placeholder="admin@example.com"
          data-testid="admin-email"
        />
        {formError && <ErrorAlert>{formError}</ErrorAlert>}
        <Button type="submit" variant="primary" busy={update.isPending} data-testid="admin-email-save">
          {t('settings.save')}
        </Button>
      </form>
      <ConfirmDialog
        open={confirmingClear}
        title={t('settings.confirmClear.title')}
        confirmLabel={t('settings.confirmClear.confirm')}
        cancelLabel={t('common:cancel')}
        onConfirm={() => void send()}
        onCancel={() => setConfirmingClear(false)}
      >
        {t('settings.confirmClear.body', { email: current ?? '' })}
      </ConfirmDialog>
    </>
  );
}
