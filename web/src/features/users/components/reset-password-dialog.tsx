import type { ConsoleUser } from '@oig/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { useFormErrors } from '@/lib/use-form-errors';
import { useResetPassword } from '../api/reset-password';
import {
  validateNewPassword,
  type NewPasswordErrors,
  type NewPasswordValues,
} from '../../../components/form/console-password';
import { NewPasswordFields } from '../../../components/form/new-password-fields';

/** "Reset Password": an administrator sets another user's password; that user's sessions end. Mount only while open. */
export function ResetPasswordDialog({ user, onClose }: { user: ConsoleUser; onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const reset = useResetPassword();
  const [values, setValues] = useState<NewPasswordValues>({ password: '', confirm: '' });
  const { errors, formError, submit: check } = useFormErrors<keyof NewPasswordErrors>();

  const submit = async () => {
    const sent = await check(
      validateNewPassword(values, t),
      async () => {
        await reset.mutateAsync({ username: user.username, body: { password: values.password } });
        toast.success(t('users.passwordReset', { username: user.username }));
      },
      { password: 'password' },
    );
    if (sent) onClose();
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
