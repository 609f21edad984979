import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/ui/form-field';
import type { NewPasswordErrors, NewPasswordValues } from './console-password';

interface NewPasswordFieldsProps {
  values: NewPasswordValues;
  errors: NewPasswordErrors;
  onChange: (values: NewPasswordValues) => void;
  disabled?: boolean;
  /** Labels of the two fields (e.g. "Password" or "New password"). */
  passwordLabel: string;
  confirmLabel: string;
  testIdPrefix: string;
}

/** A new password and its confirmation, with the length rule as hint. */
export function NewPasswordFields({
  values,
  errors,
  onChange,
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
        value={values.password}
        onChange={(e) => onChange({ ...values, password: e.target.value })}
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
        value={values.confirm}
        onChange={(e) => onChange({ ...values, confirm: e.target.value })}
        error={errors.confirm}
        disabled={disabled}
        data-testid={`${testIdPrefix}-confirm`}
      />
    </>
  );
}
