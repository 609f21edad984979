import { AUDIT_ACTIONS, type AuditAction } from '@oig/shared';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterField, FilterForm } from '@/components/ui/filter-form';
import { inputClasses } from '@/components/ui/form-field';
import { validateDateRange, type DateRangeErrors } from '@/lib/dates';
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

/** Text, action, user and date filters; applied with the Apply button (or Enter), not per keystroke. */
export function AuditFilters({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  const { t } = useTranslation('options');
  const id = useId();
  const labels = useMemo(() => auditActionLabels(t), [t]);
  const [draft, setDraft] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTER);
  const [errors, setErrors] = useState<DateRangeErrors>({});

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = validateDateRange(draft, {
      invalidDate: t('audit.invalidDate'),
      fromAfterTo: t('audit.fromAfterTo'),
    });
    setErrors(next);
    if (Object.keys(next).length === 0) onApply({ ...draft, q: draft.q.trim(), actor: draft.actor.trim() });
  };

  const clear = () => {
    setDraft(EMPTY_AUDIT_FILTER);
    setErrors({});
    onApply(EMPTY_AUDIT_FILTER);
  };

  const set = <K extends keyof AuditFilterValues>(key: K, value: AuditFilterValues[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  return (
    <FilterForm
      label={t('audit.filters')}
      onApply={apply}
      onClear={clear}
      applyLabel={t('audit.apply')}
      clearLabel={t('audit.clear')}
      testIdPrefix="audit"
    >
      <FilterField id={`${id}-q`} label={t('audit.search')}>
        <input
          id={`${id}-q`}
          type="search"
          value={draft.q}
          onChange={(e) => set('q', e.target.value)}
          maxLength={200}
          placeholder={t('audit.searchPlaceholder')}
          className={`${inputClasses} w-56`}
          data-testid="audit-q"
        />
      </FilterField>
      <FilterField id={`${id}-action`} label={t('audit.action')}>
        <select
          id={`${id}-action`}
          value={draft.action}
          onChange={(e) => set('action', e.target.value as AuditAction | '')}
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
          value={draft.actor}
          onChange={(e) => set('actor', e.target.value)}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          className={`${inputClasses} w-40`}
          data-testid="audit-actor"
        />
      </FilterField>
      {(['from', 'to'] as const).map((name) => (
        <FilterField key={name} id={`${id}-${name}`} label={t(`audit.${name}`)} error={errors[name]}>
          {({ invalid, describedBy }) => (
            <input
              id={`${id}-${name}`}
              type="date"
              value={draft[name]}
              onChange={(e) => set(name, e.target.value)}
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
