import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FilterField, FilterForm } from '@/components/ui/filter-form';
import { inputClasses } from '@/components/ui/form-field';
import { useZodForm } from '@/lib/form/use-zod-form';

const searchSchema = z.object({ q: z.string() });

export interface SearchFilterProps {
  /** The form's accessible name. */
  label: string;
  fieldLabel: string;
  /** The trimmed text, on Apply (or Enter) and '' on Clear: one request per decision, not per key. */
  onApply: (text: string) => void;
  /** data-testid of the form, its field and buttons: `${prefix}-filter-form`, `${prefix}-q`, … */
  testIdPrefix: string;
}

/** One text filter sent to the server, applied with Apply (or Enter) and cleared with Clear. */
export function SearchFilter({ label, fieldLabel, onApply, testIdPrefix }: SearchFilterProps) {
  const { t } = useTranslation('common');
  const id = useId();
  const form = useZodForm(searchSchema, { defaultValues: { q: '' } });
  const apply = form.handleSubmit(({ q }) => onApply(q.trim()));
  return (
    <FilterForm
      label={label}
      onApply={(event) => void apply(event)}
      onClear={() => {
        form.reset({ q: '' });
        onApply('');
      }}
      applyLabel={t('table.apply')}
      clearLabel={t('table.clear')}
      testIdPrefix={testIdPrefix}
    >
      <FilterField id={`${id}-q`} label={fieldLabel}>
        <input
          id={`${id}-q`}
          type="search"
          {...form.register('q')}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          className={`${inputClasses} w-64 max-w-full`}
          data-testid={`${testIdPrefix}-q`}
        />
      </FilterField>
    </FilterForm>
  );
}
