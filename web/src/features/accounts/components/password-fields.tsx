import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { TextField } from '@/components/ui/form-field';

interface PasswordFieldsProps {
  /** The two fields' registrations (form.register of `localPassword` and of `confirm`). */
  localPassword: UseFormRegisterReturn<'localPassword'>;
  confirm: UseFormRegisterReturn<'confirm'>;
  errors: { localPassword?: string | undefined; confirm?: string | undefined };
  /** Labels of the two fields ("Local Password" / "New Local Password"). */
  labels: { localPassword: string; confirm: string };
  disabled?: boolean;
  testIdPrefix: string;
}

/** A new local password typed twice, both masked, with the rule as a hint under the first. */
export function PasswordFields({
  localPassword,
  confirm,
  errors,
  labels,
  disabled,
  testIdPrefix,
}: PasswordFieldsProps) {
  const { t } = useTranslation('accounts');
  return (
    <>
      <TextField
        type="password"
        label={labels.localPassword}
        hint={t('password.hint')}
        error={errors.localPassword}
        {...localPassword}
        autoComplete="new-password"
        spellCheck={false}
        required
        disabled={disabled}
        data-testid={`${testIdPrefix}-password`}
      />
      <TextField
        type="password"
        label={labels.confirm}
        error={errors.confirm}
        {...confirm}
        autoComplete="new-password"
        spellCheck={false}
        required
        disabled={disabled}
        data-testid={`${testIdPrefix}-confirm`}
      />
    </>
  );
}
