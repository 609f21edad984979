import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage, fieldErrors } from '@/lib/errors';
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
      const fields = fieldErrors(error);
      const onFields: Errors = {};
      if (fields.currentPassword) onFields.currentPassword = fields.currentPassword;
      if (fields.newPassword) onFields.password = fields.newPassword;
      setErrors(onFields);
      if (Object.keys(onFields).length === 0) setFormError(errorMessage(error));
    }
  };

  const busy = change.isPending;
  return (
    <Dialog
      open
      title={t('account.changeTitle')}
      description={t('account.changeIntro')}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      testId="change-password-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={busy} data-testid="change-password-cancel">
            {t('common:cancel')}
          </Button>
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy || undefined} data-testid="change-password-submit">
            {busy && <Spinner className="size-3.5" />}
            {t('account.changeSubmit')}
          </Button>
        </>
      }
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
    </Dialog>
  );
}
