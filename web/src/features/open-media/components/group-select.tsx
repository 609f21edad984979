import type { OpenMediaServiceGroup } from '@oig/shared';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FieldShell, inputClasses } from '@/components/ui/form-field';
import { useOpenMediaTranslation } from '../i18n';
import { groupOptions } from './group-options';

interface GroupSelectProps {
  label: string;
  groups: readonly OpenMediaServiceGroup[];
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  /** The request's own group (listed, not selectable). */
  current?: number | undefined;
  testId: string;
}

/** A service group out of the MiCC's list; nothing is chosen at first. */
export function GroupSelect({ label, groups, registration, error, current, testId }: GroupSelectProps) {
  const { t } = useOpenMediaTranslation();
  return (
    <FieldShell label={label} error={error} required>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          required
          className={inputClasses}
          data-testid={testId}
          {...registration}
        >
          <option value="">{t('divert.choose')}</option>
          {groupOptions(groups, t, current).map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
