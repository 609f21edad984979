import { changeOwnPasswordRequestSchema } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '@/components/form/form-alert';
import { NewPasswordFields, newPasswordMessages } from '@/components/form/new-password-fields';
import { FormDialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { withConfirmation } from '@/lib/form/confirmation';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useChangeOwnPassword } from '../api/change-own-password';

/** The request (its "differs from the current one" rule included), with the new password typed twice. */
const changePasswordFormSchema = withConfirmation(changeOwnPasswordRequestSchema, 'newPassword', {
  whenValid: true,
});

const MESSAGES = {
  currentPassword: { required: 'options:account.errors.currentRequired' },
  ...newPasswordMessages('newPassword'),
  newPassword: {
    ...newPasswordMessages('newPassword').newPassword,
    sameAsCurrent: 'options:account.errors.sameAsCurrent',
  },
} as const;

/** "Change Password" of the signed-in user (any role). Mount it only while open. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const change = useChangeOwnPassword();
  const form = useZodForm(changePasswordFormSchema, {
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
    messages: MESSAGES,
    untrimmed: ['currentPassword', 'newPassword', 'confirm'],
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      toast.success(t('account.changed'));
      onClose();
    } catch (error) {
      // A wrong current password is 400 with fields.currentPassword: shown on that field.
      applyServerErrors(form, error);
    }
  });

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
        {...form.register('currentPassword')}
        error={errors.currentPassword?.message}
        disabled={busy}
        data-testid="change-password-current"
      />
      <NewPasswordFields
        password={form.register('newPassword')}
        confirm={form.register('confirm')}
        errors={{ password: errors.newPassword?.message, confirm: errors.confirm?.message }}
        disabled={busy}
        passwordLabel={t('users.newPassword')}
        confirmLabel={t('users.confirmNewPassword')}
        testIdPrefix="change-password"
      />
      <FormErrorAlert errors={errors} />
    </FormDialog>
  );
}
