import type { ConsoleUser } from '@oig/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage, fieldErrors } from '@/lib/errors';
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
      const server = fieldErrors(error).password;
      if (server) setErrors({ password: server });
      else setFormError(errorMessage(error));
    }
  };

  const busy = reset.isPending;
  return (
    <Dialog
      open
      title={t('users.resetTitle', { username: user.username })}
      description={t('users.resetIntro', { username: user.username })}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      testId="reset-password-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={busy} data-testid="reset-password-cancel">
            {t('common:cancel')}
          </Button>
          <Button type="submit" variant="danger" disabled={busy} aria-busy={busy || undefined} data-testid="reset-password-submit">
            {busy && <Spinner className="size-3.5" />}
            {t('users.resetSubmit')}
          </Button>
        </>
      }
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
    </Dialog>
  );
}
