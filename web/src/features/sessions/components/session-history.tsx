import type { SessionHistoryEntry } from '@oig/shared';
import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { DataTable } from '@/components/data-table/data-table';
import { DownloadButton } from '@/components/ui/download-button';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { FilterField, FilterForm } from '@/components/ui/filter-form';
import { RefreshButton } from '@/components/ui/refresh-controls';
import { LoadingState } from '@/components/ui/spinner';
import { checkDateRange, dateInputToIso } from '@/lib/dates';
import { fieldErrors } from '@/lib/errors';
import { cx } from '@/lib/class-names';
import { fieldMessage } from '@/lib/form/field-message';
import { useZodForm } from '@/lib/form/use-zod-form';
import type { FormMessages } from '@/lib/form/zod-messages';
import { SESSION_HISTORY_CSV_FILE_NAME, getSessionHistoryCsvUrl } from '../api/get-session-history-csv';
import { useSessionHistory, type SessionHistoryFilter } from '../api/get-session-history';
import { createSessionLabels, sessionSearchText } from '../utils/session-text';
import { useHistoryColumns } from './session-columns';

const NO_ENTRIES: readonly SessionHistoryEntry[] = [];

/** The filter as typed: an application name (the server bounds it) and a date range that makes sense. */
const historyFilterSchema = z
  .object({ application: z.string(), from: z.string(), to: z.string() })
  .superRefine(checkDateRange);
type FormValues = z.infer<typeof historyFilterSchema>;

const MESSAGES: FormMessages = {
  from: { invalidDate: 'sessions:history.invalidDate', fromAfterTo: 'sessions:history.fromAfterTo' },
  to: { invalidDate: 'sessions:history.invalidDate' },
};

/** Ended sessions. The applied filter lives in the URL (bookmarkable) and also drives the CSV export. */
export function SessionHistory() {
  const { t } = useTranslation(['sessions', 'common']);
  const id = useId();
  const [params, setParams] = useSearchParams();
  const application = params.get('application') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const applied = useMemo<FormValues>(() => ({ application, from, to }), [application, from, to]);
  // Back/forward (or a bookmark) changes the applied filter: the form shows it (RHF `values`).
  const form = useZodForm(historyFilterSchema, { values: applied, messages: MESSAGES });
  const { errors } = form.formState;

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

  const apply = form.handleSubmit((draft) => {
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      for (const key of ['application', 'from', 'to'] as const) {
        const value = key === 'application' ? draft[key].trim() : draft[key];
        if (value) updated.set(key, value);
        else updated.delete(key);
      }
      return updated;
    });
  });

  const clear = () => {
    form.reset({ application: '', from: '', to: '' });
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      updated.delete('application');
      updated.delete('from');
      updated.delete('to');
      return updated;
    });
  };

  const fieldError = (name: keyof FormValues) => fieldMessage(errors[name]) ?? serverFields[name];
  const inputClasses = (name: keyof FormValues) =>
    cx(
      'h-9 rounded-md border bg-white px-2.5 text-sm text-gray-900',
      'focus:outline-2 focus:outline-offset-0 focus:outline-blue-700/30',
      fieldError(name) ? 'border-red-600' : 'border-gray-300 focus:border-blue-700',
    );

  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-700">{t('history.intro')}</p>
      <FilterForm
        label={t('history.filters')}
        onApply={(event) => void apply(event)}
        onClear={clear}
        applyLabel={t('history.apply')}
        clearLabel={t('history.clear')}
        testIdPrefix="history"
      >
        {(['application', 'from', 'to'] as const).map((name) => (
          <FilterField key={name} id={`${id}-${name}`} label={t(`history.${name}`)} error={fieldError(name)}>
            {({ invalid, describedBy }) => (
              <input
                id={`${id}-${name}`}
                {...form.register(name)}
                type={name === 'application' ? 'text' : 'date'}
                placeholder={name === 'application' ? t('history.applicationPlaceholder') : undefined}
                maxLength={name === 'application' ? 128 : undefined}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                data-testid={`history-${name}`}
                className={`${inputClasses(name)} ${name === 'application' ? 'w-56' : 'w-40'}`}
              />
            )}
          </FilterField>
        ))}
      </FilterForm>

      {query.isError && <QueryErrorAlert query={query} />}

      {query.isPending ? (
        <LoadingState label={t('common:loading')} />
      ) : (
        <>
          {query.data && query.data.total > entries.length && (
            <p className="text-sm text-amber-900">
              {t('history.truncated', { shown: entries.length, total: query.data.total })}
            </p>
          )}
          <DataTable
            data={entries}
            columns={columns}
            getRowId={(s) => s.id}
            getSearchText={getSearchText}
            label={t('history.tableLabel')}
            filterLabel={t('history.filterLabel')}
            countText={(shown, total) =>
              shown === total
                ? t('history.count', { count: total })
                : t('history.countFiltered', { shown, count: total })
            }
            emptyText={t('history.empty')}
            noMatchesText={t('history.noMatches')}
            initialSorting={[{ id: 'endedAt', desc: true }]}
            toolbar={
              <>
                <RefreshButton
                  onRefresh={() => void query.refetch()}
                  fetching={query.isFetching}
                  testId="refresh-history"
                  indicator="beside"
                />
                <DownloadButton
                  url={getSessionHistoryCsvUrl(filter)}
                  fileName={SESSION_HISTORY_CSV_FILE_NAME}
                  data-testid="export-csv"
                >
                  {t('history.exportCsv')}
                </DownloadButton>
              </>
            }
            testId="history-table"
          />
        </>
      )}
    </div>
  );
}
