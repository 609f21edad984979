import { ROLES, type ConsoleUser, type Role } from '@oig/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { useUpdateUser } from '../api/update-user';

/** "Change Role" of another console user. Mount it only while open. */
export function ChangeRoleDialog({ user, onClose }: { user: ConsoleUser; onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);

  const submit = async () => {
    if (role === user.role) {
      onClose();
      return;
    }
    try {
      await update.mutateAsync({ username: user.username, changes: { role } });
      toast.success(t('users.roleChanged', { username: user.username, role: t(`common:roles.${role}`) }));
      onClose();
    } catch {
      // Shown in the dialog (update.error), e.g. 409 "there must remain one enabled administrator".
    }
  };

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
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        hint={t('users.roleHint')}
        disabled={busy}
        data-testid="change-role-select"
      />
      {update.isError && <ErrorAlert>{errorMessage(update.error)}</ErrorAlert>}
    </FormDialog>
  );
}
