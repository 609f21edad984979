import { LOG_LINE_LEVELS, LOG_MODULES, type LogLineLevel } from '@oig/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FilterField, FilterForm } from '@/components/ui/filter-form';
import { inputClasses } from '@/components/ui/form-field';
import { useZodForm } from '@/lib/form/use-zod-form';

export interface LogsFilterValues {
  level: LogLineLevel | '';
  module: string;
  q: string;
}

export const EMPTY_LOGS_FILTER: LogsFilterValues = { level: '', module: '', q: '' };

const logsFilterSchema = z.object({
  level: z.union([z.enum(LOG_LINE_LEVELS), z.literal('')]),
  module: z.string(),
  q: z.string(),
});

/** Lowest level, module and text; applied with the Apply button (or Enter), not per keystroke. */
export function LogsFilters({ onApply }: { onApply: (values: LogsFilterValues) => void }) {
  const { t } = useTranslation('options');
  const id = useId();
  const form = useZodForm(logsFilterSchema, { defaultValues: EMPTY_LOGS_FILTER });
  const apply = form.handleSubmit((values) => onApply({ ...values, q: values.q.trim() }));
  const clear = () => {
    form.reset(EMPTY_LOGS_FILTER);
    onApply(EMPTY_LOGS_FILTER);
  };
  return (
    <FilterForm
      label={t('logs.filters')}
      onApply={(event) => void apply(event)}
      onClear={clear}
      applyLabel={t('logs.apply')}
      clearLabel={t('logs.clear')}
      testIdPrefix="logs"
    >
      <FilterField id={`${id}-level`} label={t('logs.level')}>
        <select
          id={`${id}-level`}
          {...form.register('level')}
          className={`${inputClasses} w-40`}
          data-testid="logs-level"
        >
          <option value="">{t('logs.allLevels')}</option>
          {LOG_LINE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`logs.levels.${l}`)}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id={`${id}-module`} label={t('logs.module')}>
        <select
          id={`${id}-module`}
          {...form.register('module')}
          className={`${inputClasses} w-44`}
          data-testid="logs-module"
        >
          <option value="">{t('logs.allModules')}</option>
          {LOG_MODULES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id={`${id}-q`} label={t('logs.search')}>
        <input
          id={`${id}-q`}
          type="search"
          {...form.register('q')}
          maxLength={200}
          placeholder={t('logs.searchPlaceholder')}
          className={`${inputClasses} w-56`}
          data-testid="logs-q"
        />
      </FilterField>
    </FilterForm>
  );
}
