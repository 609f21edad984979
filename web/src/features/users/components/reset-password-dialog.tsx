import { resetPasswordRequestSchema, type ConsoleUser } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '@/components/form/form-alert';
import { NewPasswordFields, newPasswordMessages } from '@/components/form/new-password-fields';
import { FormDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { withConfirmation } from '@/lib/form/confirmation';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useResetPassword } from '../api/reset-password';

const resetPasswordFormSchema = withConfirmation(resetPasswordRequestSchema, 'password', { whenValid: true });

/** "Reset Password": an administrator sets another user's password; that user's sessions end. Mount only while open. */
export function ResetPasswordDialog({ user, onClose }: { user: ConsoleUser; onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const reset = useResetPassword();
  const form = useZodForm(resetPasswordFormSchema, {
    defaultValues: { password: '', confirm: '' },
    messages: newPasswordMessages('password'),
    untrimmed: ['password', 'confirm'],
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async ({ password }) => {
    try {
      await reset.mutateAsync({ username: user.username, body: { password } });
      toast.success(t('users.passwordReset', { username: user.username }));
      onClose();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

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
        password={form.register('password')}
        confirm={form.register('confirm')}
        errors={{ password: errors.password?.message, confirm: errors.confirm?.message }}
        disabled={busy}
        passwordLabel={t('users.newPassword')}
        confirmLabel={t('users.confirmNewPassword')}
        testIdPrefix="reset-password"
      />
      <FormErrorAlert errors={errors} />
    </FormDialog>
  );
}
