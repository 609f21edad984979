import type { ConsoleUser } from '@oig/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { formErrorsOf } from '@/lib/errors';
import { useResetPassword } from '../api/reset-password';
import { validateNewPassword, type NewPasswordErrors, type NewPasswordValues } from '../utils/validation';
import { NewPasswordFields } from './new-password-fields';

/** "Reset Password": an administrator sets another user's password; that user's sessions end. Mount only while open. */
export function ResetPasswordDialog({ user, onClose }: { user: ConsoleUser; onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const reset = useResetPassword();
  const [values, setValues] = useState<NewPasswordValues>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const [formError, setFormError] = useState<string | undefined>();

  const submit = async () => {
    setFormError(undefined);
    const next = validateNewPassword(values, t);
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      await reset.mutateAsync({ username: user.username, body: { password: values.password } });
      toast.success(t('users.passwordReset', { username: user.username }));
      onClose();
    } catch (error) {
      const server = formErrorsOf(error, { password: 'password' });
      setErrors(server.fields);
      setFormError(server.form);
    }
  };

  const busy = reset.isPending;
  return (
    <FormDialog
      title={t('users.resetTitle', { username: user.username })}
      description={t('users.resetIntro', { username: user.username })}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      submitLabel={t('users.resetSubmit')}
      tone="danger"
      testIdPrefix="reset-password"
    >
      <NewPasswordFields
        values={values}
        errors={errors}
        onChange={setValues}
        disabled={busy}
        passwordLabel={t('users.newPassword')}
        confirmLabel={t('users.confirmNewPassword')}
        testIdPrefix="reset-password"
      />
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
    </FormDialog>
  );
}
