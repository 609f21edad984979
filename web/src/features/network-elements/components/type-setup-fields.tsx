import { NE_SETUPS, NE_TYPES, type NetworkElementSetup, type NetworkElementType } from '@oig/shared';
import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldShell, inputClasses } from '@/components/ui/form-field';
import { cx } from '@/lib/class-names';

interface TypeSelectProps {
  value: NetworkElementType;
  onChange: (type: NetworkElementType) => void;
  /** Types that cannot be chosen, with the reason shown under the select. */
  blocked: Partial<Record<NetworkElementType, string>>;
  error?: string | undefined;
  label?: string;
  testId?: string;
  /** The form's ref for the select (focus on a message). */
  selectRef?: Ref<HTMLSelectElement> | undefined;
}

/** MiVoice Business | MiContact Center; a type at its limit is disabled and the reason is shown. */
export function TypeSelect({
  value,
  onChange,
  blocked,
  error,
  label,
  testId = 'field-type',
  selectRef,
}: TypeSelectProps) {
  const { t } = useTranslation('networkElements');
  const reasons = NE_TYPES.map((type) => blocked[type]).filter((r): r is string => !!r);
  return (
    <FieldShell
      label={label ?? t('fields.type')}
      error={error}
      hint={reasons.length > 0 ? reasons.join(' ') : undefined}
      required
    >
      {({ id, describedBy, invalid }) => (
        <select
          ref={selectRef}
          id={id}
          name="type"
          value={value}
          onChange={(e) => onChange(e.target.value as NetworkElementType)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          required
          data-testid={testId}
          className={inputClasses}
        >
          {NE_TYPES.map((type) => (
            <option
              key={type}
              value={type}
              disabled={!!blocked[type] && type !== value}
              title={blocked[type]}
            >
              {t(`types.${type}`)}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface SetupRadiosProps {
  value: NetworkElementSetup;
  onChange: (setup: NetworkElementSetup) => void;
  error?: string | undefined;
}

/** Default | Custom as a radio group (arrow keys move between the two). */
export function SetupRadios({ value, onChange, error }: SetupRadiosProps) {
  const { t } = useTranslation('networkElements');
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend className="block text-sm font-medium text-gray-800">
        {t('fields.setup')}
        <span className="ml-0.5 text-red-700" aria-hidden="true">
          *
        </span>
      </legend>
      <div className="mt-1.5 flex gap-5">
        {NE_SETUPS.map((setup) => (
          <label key={setup} className="inline-flex cursor-pointer items-center gap-2 text-sm text-gray-900">
            <input
              type="radio"
              name="setup"
              value={setup}
              checked={value === setup}
              onChange={() => onChange(setup)}
              data-testid={`setup-${setup}`}
              className={cx(
                'size-4 accent-blue-700 focus-visible:outline-2',
                'focus-visible:outline-offset-2 focus-visible:outline-blue-700',
              )}
            />
            {t(`setups.${setup}`)}
          </label>
        ))}
      </div>
      <p id={hintId} className="mt-1 text-xs text-gray-600">
        {value === 'default' ? t('form.setupDefaultHint') : t('form.setupCustomHint')}
      </p>
      {error && (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
