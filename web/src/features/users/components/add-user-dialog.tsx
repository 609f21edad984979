import { createUserRequestSchema, ROLES } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '@/components/form/form-alert';
import { NewPasswordFields, newPasswordMessages } from '@/components/form/new-password-fields';
import { FormDialog } from '@/components/ui/dialog';
import { SelectField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { withConfirmation } from '@/lib/form/confirmation';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useCreateUser } from '../api/create-user';

/** The request, with the password typed twice. */
const addUserFormSchema = withConfirmation(createUserRequestSchema, 'password', { whenValid: true });

const MESSAGES = {
  username: {
    required: 'options:users.errors.usernameRequired',
    tooShort: 'options:users.errors.usernameShort',
    tooLong: 'options:users.errors.usernameLong',
    '*': 'options:users.errors.usernameChars',
  },
  ...newPasswordMessages('password'),
} as const;

/** "Add User": user name, role and password typed twice. Mount it only while open (fresh state each time). */
export function AddUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const create = useCreateUser();
  const form = useZodForm(addUserFormSchema, {
    defaultValues: { username: '', role: 'support', password: '', confirm: '' },
    messages: MESSAGES,
    untrimmed: ['password', 'confirm'],
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async ({ username, password, role }) => {
    try {
      const user = await create.mutateAsync({ username, password, role });
      toast.success(t('users.added', { username: user.username }));
      onClose();
    } catch (error) {
      // The server's words: on the field they concern, otherwise above the buttons (e.g. 409 duplicate).
      applyServerErrors(form, error);
    }
  });

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
        {...form.register('username')}
        error={errors.username?.message}
        hint={t('users.usernameRule')}
        disabled={busy}
        data-testid="add-user-username"
      />
      <SelectField
        label={t('users.role')}
        {...form.register('role')}
        options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        error={errors.role?.message}
        hint={t('users.roleHint')}
        disabled={busy}
        data-testid="add-user-role"
      />
      <NewPasswordFields
        password={form.register('password')}
        confirm={form.register('confirm')}
        errors={{ password: errors.password?.message, confirm: errors.confirm?.message }}
        disabled={busy}
        passwordLabel={t('users.password')}
        confirmLabel={t('users.confirmPassword')}
        testIdPrefix="add-user"
      />
      <FormErrorAlert errors={errors} />
    </FormDialog>
  );
}
