import { AUDIT_ACTIONS, type AuditAction } from '@oig/shared';
import { Fragment, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/form-field';
import { auditActionLabels } from '../utils/audit-text';
import { dayBound } from '../utils/dates';

export interface AuditFilterValues {
  q: string;
  action: AuditAction | '';
  actor: string;
  /** YYYY-MM-DD (local days) as the date inputs give them. */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterValues = { q: '', action: '', actor: '', from: '', to: '' };

type Errors = Partial<Record<'from' | 'to', string>>;

/** Text, action, user and date filters; applied with the Apply button (or Enter), not per keystroke. */
export function AuditFilters({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  const { t } = useTranslation('options');
  const id = useId();
  const labels = useMemo(() => auditActionLabels(t), [t]);
  const [draft, setDraft] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTER);
  const [errors, setErrors] = useState<Errors>({});

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    if (draft.from && !dayBound(draft.from, 'start')) next.from = t('audit.invalidDate');
    if (draft.to && !dayBound(draft.to, 'end')) next.to = t('audit.invalidDate');
    if (!next.from && !next.to && draft.from && draft.to && draft.from > draft.to) next.from = t('audit.fromAfterTo');
    setErrors(next);
    if (Object.keys(next).length === 0) onApply({ ...draft, q: draft.q.trim(), actor: draft.actor.trim() });
  };

  const clear = () => {
    setDraft(EMPTY_AUDIT_FILTER);
    setErrors({});
    onApply(EMPTY_AUDIT_FILTER);
  };

  const set = <K extends keyof AuditFilterValues>(key: K, value: AuditFilterValues[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const field = (name: keyof AuditFilterValues, label: string, control: (ids: { id: string; describedBy?: string; invalid?: true }) => ReactNode) => {
    const error = name === 'from' || name === 'to' ? errors[name] : undefined;
    const fieldId = `${id}-${name}`;
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={fieldId} className="text-xs font-medium text-gray-800">
          {label}
        </label>
        {control(error ? { id: fieldId, describedBy: `${fieldId}-error`, invalid: true } : { id: fieldId })}
        {error && (
          <p id={`${fieldId}-error`} className="text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      onSubmit={apply}
      noValidate
      aria-label={t('audit.filters')}
      className="flex flex-wrap items-start gap-3 rounded-md border border-gray-200 bg-white p-3"
      data-testid="audit-filter-form"
    >
      {field('q', t('audit.search'), ({ id: fid }) => (
        <input
          id={fid}
          type="search"
          value={draft.q}
          onChange={(e) => set('q', e.target.value)}
          maxLength={200}
          placeholder={t('audit.searchPlaceholder')}
          className={`${inputClasses} w-56`}
          data-testid="audit-q"
        />
      ))}
      {field('action', t('audit.action'), ({ id: fid }) => (
        <select id={fid} value={draft.action} onChange={(e) => set('action', e.target.value as AuditAction | '')} className={`${inputClasses} w-60`} data-testid="audit-action">
          <option value="">{t('audit.allActions')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {labels[a]}
            </option>
          ))}
        </select>
      ))}
      {field('actor', t('audit.user'), ({ id: fid }) => (
        <input
          id={fid}
          type="text"
          value={draft.actor}
          onChange={(e) => set('actor', e.target.value)}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          className={`${inputClasses} w-40`}
          data-testid="audit-actor"
        />
      ))}
      {(['from', 'to'] as const).map((name) => (
        <Fragment key={name}>
          {field(name, t(`audit.${name}`), ({ id: fid, describedBy, invalid }) => (
            <input
              id={fid}
              type="date"
              value={draft[name]}
              onChange={(e) => set(name, e.target.value)}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              className={`${inputClasses} w-40`}
              data-testid={`audit-${name}`}
            />
          ))}
        </Fragment>
      ))}
      <div className="flex gap-2 self-start pt-5">
        <Button type="submit" variant="primary" data-testid="audit-apply">
          {t('audit.apply')}
        </Button>
        <Button onClick={clear} data-testid="audit-clear">
          {t('audit.clear')}
        </Button>
      </div>
    </form>
  );
}
