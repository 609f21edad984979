import type { SessionHistoryEntry } from '@oig/shared';
import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DataTable } from '@/components/data-table/data-table';
import { Button, buttonClasses } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState, Spinner } from '@/components/ui/spinner';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { getSessionHistoryCsvUrl } from '../api/get-session-history-csv';
import { useSessionHistory, type SessionHistoryFilter } from '../api/get-session-history';
import { dateInputToIso } from '../utils/dates';
import { createSessionLabels, sessionSearchText } from '../utils/session-text';
import { useHistoryColumns } from './session-columns';

const NO_ENTRIES: readonly SessionHistoryEntry[] = [];

interface FormValues {
  application: string;
  from: string;
  to: string;
}

type FormErrors = Partial<Record<keyof FormValues, string>>;

/** Ended sessions. The applied filter lives in the URL (bookmarkable) and also drives the CSV export. */
export function SessionHistory() {
  const { t } = useTranslation(['sessions', 'common']);
  const id = useId();
  const [params, setParams] = useSearchParams();
  const applied: FormValues = {
    application: params.get('application') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const [draft, setDraft] = useState<FormValues>(applied);
  const [errors, setErrors] = useState<FormErrors>({});
  // Back/forward (or a bookmark) changes the applied filter: show it in the form too.
  const appliedKey = `${applied.application}\n${applied.from}\n${applied.to}`;
  const [shownKey, setShownKey] = useState(appliedKey);
  if (shownKey !== appliedKey) {
    setShownKey(appliedKey);
    setDraft(applied);
    setErrors({});
  }

  const filter = useMemo<SessionHistoryFilter>(
    () => ({
      application: applied.application || undefined,
      from: dateInputToIso(applied.from, 'start'),
      to: dateInputToIso(applied.to, 'end'),
    }),
    [applied.application, applied.from, applied.to],
  );
  const query = useSessionHistory(filter);
  const serverFields = fieldErrors(query.error);

  const labels = useMemo(() => createSessionLabels(t), [t]);
  const getSearchText = useCallback(
    (s: SessionHistoryEntry) => `${sessionSearchText(s, labels)}\n${labels.endReasons[s.endReason]}`,
    [labels],
  );
  const columns = useHistoryColumns(labels);
  const entries = query.data?.sessions ?? NO_ENTRIES;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: FormErrors = {};
    if (draft.from && !dateInputToIso(draft.from, 'start')) next.from = t('history.invalidDate');
    if (draft.to && !dateInputToIso(draft.to, 'end')) next.to = t('history.invalidDate');
    if (!next.from && !next.to && draft.from && draft.to && draft.from > draft.to) next.from = t('history.fromAfterTo');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      for (const key of ['application', 'from', 'to'] as const) {
        const value = key === 'application' ? draft[key].trim() : draft[key];
        if (value) updated.set(key, value);
        else updated.delete(key);
      }
      return updated;
    });
  };

  const clear = () => {
    setDraft({ application: '', from: '', to: '' });
    setErrors({});
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      updated.delete('application');
      updated.delete('from');
      updated.delete('to');
      return updated;
    });
  };

  const fieldError = (name: keyof FormValues) => errors[name] ?? serverFields[name];
  const inputClasses = (name: keyof FormValues) =>
    `h-9 rounded-md border bg-white px-2.5 text-sm text-gray-900 focus:outline-2 focus:outline-offset-0 focus:outline-blue-700/30 ${
      fieldError(name) ? 'border-red-600' : 'border-gray-300 focus:border-blue-700'
    }`;

  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-700">{t('history.intro')}</p>
      <form onSubmit={apply} noValidate aria-label={t('history.filters')} className="flex flex-wrap items-start gap-3 rounded-md border border-gray-200 bg-white p-3" data-testid="history-filter-form">
        {(['application', 'from', 'to'] as const).map((name) => {
          const error = fieldError(name);
          return (
            <div key={name} className="flex flex-col gap-1">
              <label htmlFor={`${id}-${name}`} className="text-xs font-medium text-gray-800">
                {t(`history.${name}`)}
              </label>
              <input
                id={`${id}-${name}`}
                name={name}
                type={name === 'application' ? 'text' : 'date'}
                value={draft[name]}
                onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
                placeholder={name === 'application' ? t('history.applicationPlaceholder') : undefined}
                maxLength={name === 'application' ? 128 : undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-${name}-error` : undefined}
                data-testid={`history-${name}`}
                className={`${inputClasses(name)} ${name === 'application' ? 'w-56' : 'w-40'}`}
              />
              {error && (
                <p id={`${id}-${name}-error`} className="text-xs text-red-700">
                  {error}
                </p>
              )}
            </div>
          );
        })}
        <div className="flex gap-2 self-start pt-5">
          <Button type="submit" variant="primary" data-testid="history-apply">
            {t('history.apply')}
          </Button>
          <Button onClick={clear} data-testid="history-clear">
            {t('history.clear')}
          </Button>
        </div>
      </form>

      {query.isError && (
        <ErrorAlert action={<Button size="sm" onClick={() => void query.refetch()}>{t('common:retry')}</Button>}>
          {errorMessage(query.error)}
        </ErrorAlert>
      )}

      {query.isPending ? (
        <LoadingState label={t('common:loading')} />
      ) : (
        <>
          {query.data && query.data.total > entries.length && (
            <p className="text-sm text-amber-900">{t('history.truncated', { shown: entries.length, total: query.data.total })}</p>
          )}
          <DataTable
            data={entries}
            columns={columns}
            getRowId={(s) => s.id}
            getSearchText={getSearchText}
            label={t('history.tableLabel')}
            filterLabel={t('history.filterLabel')}
            countText={(shown, total) =>
              shown === total ? t('history.count', { count: total }) : t('history.countFiltered', { shown, count: total })
            }
            emptyText={t('history.empty')}
            noMatchesText={t('history.noMatches')}
            initialSorting={[{ id: 'endedAt', desc: true }]}
            toolbar={
              <>
                {query.isFetching && <Spinner className="size-4 text-gray-500" />}
                <Button onClick={() => void query.refetch()} aria-busy={query.isFetching || undefined} data-testid="refresh-history">
                  {t('common:refresh')}
                </Button>
                <a href={getSessionHistoryCsvUrl(filter)} download className={buttonClasses('secondary')} data-testid="export-csv">
                  {t('history.exportCsv')}
                </a>
              </>
            }
            testId="history-table"
          />
        </>
      )}
    </div>
  );
}
