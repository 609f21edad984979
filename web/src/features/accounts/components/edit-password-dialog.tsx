import type { Account } from '@oig/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { useChangeLocalPassword } from '../api/change-local-password';
import {
  hasErrors,
  validatePasswords,
  type PasswordErrors,
  type PasswordValues,
} from '../utils/validate-password';
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
      {
        companyName: account.companyName,
        applicationName: account.applicationName,
        localPassword: values.localPassword,
      },
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
    <FormDialog
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
      submitLabel={t('edit.save')}
      testIdPrefix="edit-password"
      submitTestId="save"
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
    </FormDialog>
  );
}
