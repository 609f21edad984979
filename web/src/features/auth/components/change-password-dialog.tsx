import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useFormErrors } from '@/lib/use-form-errors';
import { useChangeOwnPassword } from '../api/change-own-password';
import { validateNewPassword, type NewPasswordValues } from '../../../components/form/console-password';
import { NewPasswordFields } from '../../../components/form/new-password-fields';

type Errors = Partial<Record<'currentPassword' | 'password' | 'confirm', string>>;

/** "Change Password" of the signed-in user (any role). Mount it only while open. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const change = useChangeOwnPassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [passwords, setPasswords] = useState<NewPasswordValues>({ password: '', confirm: '' });
  const { errors, formError, submit: check } = useFormErrors<keyof Errors>();

  const submit = async () => {
    const next: Errors = { ...validateNewPassword(passwords, t) };
    if (!currentPassword) next.currentPassword = t('account.errors.currentRequired');
    else if (!next.password && passwords.password === currentPassword)
      next.password = t('account.errors.sameAsCurrent');
    // A wrong current password is 400 with fields.currentPassword: shown on that field.
    const sent = await check(
      next,
      async () => {
        await change.mutateAsync({ currentPassword, newPassword: passwords.password });
        toast.success(t('account.changed'));
      },
      { currentPassword: 'currentPassword', password: 'newPassword' },
    );
    if (sent) onClose();
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
