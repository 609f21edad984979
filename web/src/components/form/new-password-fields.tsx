import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { TextField } from '@/components/ui/form-field';
import type { FormMessages } from '@/lib/form/zod-messages';

/**
 * The texts of a new console password (consolePasswordSchema) in `field`, typed twice (`confirm`,
 * see withConfirmation): those of the Users dialogs and of Change Password.
 */
export function newPasswordMessages(field: string): FormMessages {
  return {
    [field]: {
      required: 'options:users.errors.passwordRequired',
      tooShort: 'options:users.errors.passwordShort',
      tooLong: 'options:users.errors.passwordLong',
    },
    confirm: { passwordMismatch: 'options:users.errors.passwordMismatch' },
  };
}

interface NewPasswordFieldsProps {
  /** The two fields' registrations (form.register of the password and of `confirm`). */
  password: UseFormRegisterReturn;
  confirm: UseFormRegisterReturn;
  errors: { password?: string | undefined; confirm?: string | undefined };
  disabled?: boolean;
  /** Labels of the two fields (e.g. "Password" or "New password"). */
  passwordLabel: string;
  confirmLabel: string;
  testIdPrefix: string;
}

/** A new password and its confirmation, with the length rule as hint. */
export function NewPasswordFields({
  password,
  confirm,
  errors,
  disabled,
  passwordLabel,
  confirmLabel,
  testIdPrefix,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation('options');
  return (
    <>
      <TextField
        label={passwordLabel}
        type="password"
        autoComplete="new-password"
        required
        maxLength={256}
        {...password}
        error={errors.password}
        hint={t('users.passwordRule')}
        disabled={disabled}
        data-testid={`${testIdPrefix}-password`}
      />
      <TextField
        label={confirmLabel}
        type="password"
        autoComplete="new-password"
        required
        maxLength={256}
        {...confirm}
        error={errors.confirm}
        disabled={disabled}
        data-testid={`${testIdPrefix}-confirm`}
      />
    </>
  );
}
