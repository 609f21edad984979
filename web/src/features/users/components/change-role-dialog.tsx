import { ROLES, roleSchema, type ConsoleUser } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormErrorAlert } from '@/components/form/form-alert';
import { FormDialog } from '@/components/ui/dialog';
import { SelectField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useUpdateUser } from '../api/update-user';

/** The role part of PATCH /users/{username} (the request itself also allows `disabled`). */
const changeRoleFormSchema = z.object({ role: roleSchema });

/** "Change Role" of another console user. Mount it only while open. */
export function ChangeRoleDialog({ user, onClose }: { user: ConsoleUser; onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const update = useUpdateUser();
  const form = useZodForm(changeRoleFormSchema, { defaultValues: { role: user.role } });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async ({ role }) => {
    if (role === user.role) {
      onClose();
      return;
    }
    try {
      await update.mutateAsync({ username: user.username, changes: { role } });
      toast.success(t('users.roleChanged', { username: user.username, role: t(`common:roles.${role}`) }));
      onClose();
    } catch (error) {
      // E.g. 409 "there must remain one enabled administrator": said above the buttons, as a
      // refusal of the change rather than of the value chosen.
      applyServerErrors(form, error, { fields: [] });
    }
  });

  const busy = update.isPending;
  return (
    <FormDialog
      title={t('users.roleTitle', { username: user.username })}
      description={t('users.roleIntro')}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      submitLabel={t('users.roleSubmit')}
      testIdPrefix="change-role"
    >
      <SelectField
        label={t('users.role')}
        {...form.register('role')}
        options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        error={errors.role?.message}
        hint={t('users.roleHint')}
        disabled={busy}
        data-testid="change-role-select"
      />
      <FormErrorAlert errors={errors} />
    </FormDialog>
  );
}
