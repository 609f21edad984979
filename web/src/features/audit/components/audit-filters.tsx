import { AUDIT_ACTIONS, type AuditAction } from '@oig/shared';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FilterField, FilterForm } from '@/components/ui/filter-form';
import { inputClasses } from '@/components/ui/form-field';
import { checkDateRange } from '@/lib/dates';
import { fieldMessage } from '@/lib/form/field-message';
import { useZodForm } from '@/lib/form/use-zod-form';
import type { FormMessages } from '@/lib/form/zod-messages';
import { auditActionLabels } from '../utils/audit-text';

export interface AuditFilterValues {
  q: string;
  action: AuditAction | '';
  actor: string;
  /** YYYY-MM-DD (local days) as the date inputs give them. */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterValues = { q: '', action: '', actor: '', from: '', to: '' };

/** The filters as typed: free text (the server bounds it) and a date range that makes sense. */
const auditFilterSchema = z
  .object({
    q: z.string(),
    action: z.union([z.enum(AUDIT_ACTIONS), z.literal('')]),
    actor: z.string(),
    from: z.string(),
    to: z.string(),
  })
  .superRefine(checkDateRange);

const MESSAGES: FormMessages = {
  from: { invalidDate: 'options:audit.invalidDate', fromAfterTo: 'options:audit.fromAfterTo' },
  to: { invalidDate: 'options:audit.invalidDate' },
};

/** Text, action, user and date filters; applied with the Apply button (or Enter), not per keystroke. */
export function AuditFilters({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  const { t } = useTranslation('options');
  const id = useId();
  const labels = useMemo(() => auditActionLabels(t), [t]);
  const form = useZodForm(auditFilterSchema, { defaultValues: EMPTY_AUDIT_FILTER, messages: MESSAGES });
  const { errors } = form.formState;

  const apply = form.handleSubmit((values) =>
    onApply({ ...values, q: values.q.trim(), actor: values.actor.trim() }),
  );

  const clear = () => {
    form.reset(EMPTY_AUDIT_FILTER);
    onApply(EMPTY_AUDIT_FILTER);
  };

  return (
    <FilterForm
      label={t('audit.filters')}
      onApply={(event) => void apply(event)}
      onClear={clear}
      applyLabel={t('audit.apply')}
      clearLabel={t('audit.clear')}
      testIdPrefix="audit"
    >
      <FilterField id={`${id}-q`} label={t('audit.search')}>
        <input
          id={`${id}-q`}
          type="search"
          {...form.register('q')}
          maxLength={200}
          placeholder={t('audit.searchPlaceholder')}
          className={`${inputClasses} w-56`}
          data-testid="audit-q"
        />
      </FilterField>
      <FilterField id={`${id}-action`} label={t('audit.action')}>
        <select
          id={`${id}-action`}
          {...form.register('action')}
          className={`${inputClasses} w-60`}
          data-testid="audit-action"
        >
          <option value="">{t('audit.allActions')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {labels[a]}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id={`${id}-actor`} label={t('audit.user')}>
        <input
          id={`${id}-actor`}
          type="text"
          {...form.register('actor')}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          className={`${inputClasses} w-40`}
          data-testid="audit-actor"
        />
      </FilterField>
      {(['from', 'to'] as const).map((name) => (
        <FilterField
          key={name}
          id={`${id}-${name}`}
          label={t(`audit.${name}`)}
          error={fieldMessage(errors[name])}
        >
          {({ invalid, describedBy }) => (
            <input
              id={`${id}-${name}`}
              type="date"
              {...form.register(name)}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              className={`${inputClasses} w-40`}
              data-testid={`audit-${name}`}
            />
          )}
        </FilterField>
      ))}
    </FilterForm>
  );
}
