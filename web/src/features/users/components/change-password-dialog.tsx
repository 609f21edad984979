import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { formErrorsOf } from '@/lib/errors';
import { useChangeOwnPassword } from '../api/change-own-password';
import { validateNewPassword, type NewPasswordValues } from '../utils/validation';
import { NewPasswordFields } from './new-password-fields';

type Errors = Partial<Record<'currentPassword' | 'password' | 'confirm', string>>;

/** "Change Password" of the signed-in user (any role). Mount it only while open. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const change = useChangeOwnPassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [passwords, setPasswords] = useState<NewPasswordValues>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | undefined>();

  const submit = async () => {
    setFormError(undefined);
    const next: Errors = { ...validateNewPassword(passwords, t) };
    if (!currentPassword) next.currentPassword = t('account.errors.currentRequired');
    else if (!next.password && passwords.password === currentPassword) next.password = t('account.errors.sameAsCurrent');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      await change.mutateAsync({ currentPassword, newPassword: passwords.password });
      toast.success(t('account.changed'));
      onClose();
    } catch (error) {
      // A wrong current password is 400 with fields.currentPassword: show it on that field.
      const server = formErrorsOf(error, { currentPassword: 'currentPassword', password: 'newPassword' });
      setErrors(server.fields);
      setFormError(server.form);
    }
  };

  const busy = change.isPending;
  return (
    <FormDialog
      title={t('account.changeTitle')}
      description={t('account.changeIntro')}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      submitLabel={t('account.changeSubmit')}
      testIdPrefix="change-password"
    >
      <TextField
        label={t('account.currentPassword')}
        type="password"
        autoComplete="current-password"
        required
        maxLength={256}
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        error={errors.currentPassword}
        disabled={busy}
        data-testid="change-password-current"
      />
      <NewPasswordFields
        values={passwords}
        errors={errors}
        onChange={setPasswords}
        disabled={busy}
        passwordLabel={t('users.newPassword')}
        confirmLabel={t('users.confirmNewPassword')}
        testIdPrefix="change-password"
      />
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
    </FormDialog>
  );
}
