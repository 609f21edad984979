import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/ui/form-field';
import type { PasswordErrors, PasswordValues } from '../utils/validate-password';

interface PasswordFieldsProps {
  values: PasswordValues;
  errors: PasswordErrors;
  onChange: (values: PasswordValues) => void;
  /** Labels of the two fields ("Local Password" / "New Local Password"). */
  labels: { localPassword: string; confirm: string };
  disabled?: boolean;
  testIdPrefix: string;
}

/** A new local password typed twice, both masked, with the rule as a hint under the first. */
export function PasswordFields({
  values,
  errors,
  onChange,
  labels,
  disabled,
  testIdPrefix,
}: PasswordFieldsProps) {
  const { t } = useTranslation('accounts');
  return (
    <>
      <TextField
        type="password"
        name="localPassword"
        label={labels.localPassword}
        hint={t('password.hint')}
        error={errors.localPassword}
        value={values.localPassword}
        onChange={(e) => onChange({ ...values, localPassword: e.target.value })}
        autoComplete="new-password"
        spellCheck={false}
        required
        disabled={disabled}
        data-testid={`${testIdPrefix}-password`}
      />
      <TextField
        type="password"
        name="confirmLocalPassword"
        label={labels.confirm}
        error={errors.confirm}
        value={values.confirm}
        onChange={(e) => onChange({ ...values, confirm: e.target.value })}
        autoComplete="new-password"
        spellCheck={false}
        required
        disabled={disabled}
        data-testid={`${testIdPrefix}-confirm`}
      />
    </>
  );
}
