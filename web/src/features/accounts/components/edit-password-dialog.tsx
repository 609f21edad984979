import type { Account } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '@/components/form/form-alert';
import { FormDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useChangeLocalPassword } from '../api/change-local-password';
import { localPasswordFormSchema, PASSWORD_MESSAGES } from '../utils/password-form';
import { PasswordFields } from './password-fields';

/**
 * Sets a new local password (typed twice). Mount it only while open: its fields start empty each time.
 * Enter submits, Escape cancels, and focus returns to the button that opened it.
 */
export function EditPasswordDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation(['accounts', 'common']);
  const toast = useToast();
  const change = useChangeLocalPassword();
  const form = useZodForm(localPasswordFormSchema, {
    defaultValues: { localPassword: '', confirm: '' },
    messages: PASSWORD_MESSAGES,
    untrimmed: ['localPassword', 'confirm'],
  });
  const { errors } = form.formState;
  const names = { application: account.applicationName, company: account.companyName };

  const submit = form.handleSubmit(async ({ localPassword }) => {
    try {
      await change.mutateAsync({
        companyName: account.companyName,
        applicationName: account.applicationName,
        localPassword,
      });
      toast.success(t('edit.changed', names));
      onClose();
    } catch (error) {
      applyServerErrors(form, error, { alwaysAlert: true });
    }
  });

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
      onSubmit={() => void submit()}
      busy={change.isPending}
      submitLabel={t('edit.save')}
      testIdPrefix="edit-password"
      submitTestId="save"
    >
      <FormErrorAlert errors={errors} />
      <PasswordFields
        localPassword={form.register('localPassword')}
        confirm={form.register('confirm')}
        errors={{ localPassword: errors.localPassword?.message, confirm: errors.confirm?.message }}
        labels={{ localPassword: t('password.newLabel'), confirm: t('password.confirmNewLabel') }}
        disabled={change.isPending}
        testIdPrefix="edit"
      />
    </FormDialog>
  );
}
