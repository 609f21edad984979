import type { Account } from '@oig/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { useChangeLocalPassword } from '../api/change-local-password';
import { hasErrors, validatePasswords, type PasswordErrors, type PasswordValues } from '../utils/validate-password';
import { PasswordFields } from './password-fields';

const EMPTY: PasswordValues = { localPassword: '', confirm: '' };

/**
 * Sets a new local password (typed twice). Mount it only while open: its fields start empty each time.
 * Enter submits, Escape cancels, and focus returns to the button that opened it.
 */
export function EditPasswordDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation(['accounts', 'common']);
  const toast = useToast();
  const change = useChangeLocalPassword();
  const [values, setValues] = useState<PasswordValues>(EMPTY);
  const [errors, setErrors] = useState<PasswordErrors>({});
  const names = { application: account.applicationName, company: account.companyName };

  const submit = () => {
    const next = validatePasswords(values, t);
    setErrors(next);
    if (hasErrors(next)) return;
    change.mutate(
      { companyName: account.companyName, applicationName: account.applicationName, localPassword: values.localPassword },
      {
        onSuccess: () => {
          toast.success(t('edit.changed', names));
          onClose();
        },
      },
    );
  };

  const server = fieldErrors(change.error);
  return (
    <Dialog
      open
      title={t('edit.title')}
      description={
        <>
          <span className="block font-medium text-gray-900" data-testid="edit-password-account">
            {t('edit.account', names)}
          </span>
          <span className="mt-1 block">{t('edit.body')}</span>
        </>
      }
      onClose={onClose}
      onSubmit={submit}
      busy={change.isPending}
      testId="edit-password-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={change.isPending} data-testid="edit-password-cancel">
            {t('common:cancel')}
          </Button>
          <Button type="submit" variant="primary" disabled={change.isPending} aria-busy={change.isPending || undefined} data-testid="edit-password-save">
            {change.isPending && <Spinner className="size-3.5" />}
            {t('edit.save')}
          </Button>
        </>
      }
    >
      {change.isError && <ErrorAlert>{errorMessage(change.error)}</ErrorAlert>}
      <PasswordFields
        values={values}
        errors={{ localPassword: errors.localPassword ?? server.localPassword, confirm: errors.confirm }}
        onChange={setValues}
        labels={{ localPassword: t('password.newLabel'), confirm: t('password.confirmNewLabel') }}
        disabled={change.isPending}
        testIdPrefix="edit"
      />
    </Dialog>
  );
}
