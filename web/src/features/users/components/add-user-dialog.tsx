import { ROLES, type Role } from '@oig/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useFormErrors } from '@/lib/use-form-errors';
import { useCreateUser } from '../api/create-user';
import {
  validateNewPassword,
  validateUsername,
  type NewPasswordValues,
} from '../../../components/form/console-password';
import { NewPasswordFields } from '../../../components/form/new-password-fields';

type Errors = Partial<Record<'username' | 'password' | 'confirm' | 'role', string>>;

/** "Add User": user name, role and password typed twice. Mount it only while open (fresh state each time). */
export function AddUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('support');
  const [passwords, setPasswords] = useState<NewPasswordValues>({ password: '', confirm: '' });
  const { errors, formError, submit: check } = useFormErrors<keyof Errors>();

  const submit = async () => {
    const next: Errors = { ...validateNewPassword(passwords, t) };
    const usernameError = validateUsername(username, t);
    if (usernameError) next.username = usernameError;
    // The server's words: on the field they concern, otherwise above the buttons (e.g. 409 duplicate).
    const sent = await check(
      next,
      async () => {
        const user = await create.mutateAsync({
          username: username.trim(),
          password: passwords.password,
          role,
        });
        toast.success(t('users.added', { username: user.username }));
      },
      { username: 'username', password: 'password', role: 'role' },
    );
    if (sent) onClose();
  };

  const busy = create.isPending;
  return (
    <FormDialog
      title={t('users.addTitle')}
      description={t('users.addIntro')}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      submitLabel={t('users.addSubmit')}
      testIdPrefix="add-user"
    >
      <TextField
        label={t('users.username')}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="none"
        required
        maxLength={64}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={errors.username}
        hint={t('users.usernameRule')}
        disabled={busy}
        data-testid="add-user-username"
      />
      <SelectField
        label={t('users.role')}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        error={errors.role}
        hint={t('users.roleHint')}
        disabled={busy}
        data-testid="add-user-role"
      />
      <NewPasswordFields
        values={passwords}
        errors={errors}
        onChange={setPasswords}
        disabled={busy}
        passwordLabel={t('users.password')}
        confirmLabel={t('users.confirmPassword')}
        testIdPrefix="add-user"
      />
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
    </FormDialog>
  );
}
