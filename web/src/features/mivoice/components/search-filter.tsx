import { useId, useState } from 'react';
import { FilterField, FilterForm } from '@/components/ui/filter-form';
import { inputClasses } from '@/components/ui/form-field';
import { useMivoiceTranslation } from '../i18n';

interface SearchFilterProps {
  /** The form's accessible name. */
  label: string;
  fieldLabel: string;
  onApply: (text: string) => void;
  testIdPrefix: string;
}

/** One text filter sent to the server, applied with Apply (or Enter) and cleared with Clear. */
export function SearchFilter({ label, fieldLabel, onApply, testIdPrefix }: SearchFilterProps) {
  const { t } = useMivoiceTranslation();
  const id = useId();
  const [text, setText] = useState('');
  return (
    <FilterForm
      label={label}
      onApply={(event) => {
        event.preventDefault();
        onApply(text);
      }}
      onClear={() => {
        setText('');
        onApply('');
      }}
      applyLabel={t('filter.apply')}
      clearLabel={t('filter.clear')}
      testIdPrefix={testIdPrefix}
    >
      <FilterField id={`${id}-q`} label={fieldLabel}>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          className={`${inputClasses} w-64`}
          data-testid={`${testIdPrefix}-q`}
        />
      </FilterField>
    </FilterForm>
  );
}
