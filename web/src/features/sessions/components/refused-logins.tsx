import {
  REFUSED_LOGIN_NAME_MAX,
  REFUSED_LOGIN_PER_ADDRESS_MAX,
  REFUSED_LOGIN_REASONS,
  type RefusedLogin,
} from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { DataTable } from '@/components/data-table/data-table';
import { serverPageOf } from '@/components/data-table/server-data-table';
import { DownloadButton } from '@/components/ui/download-button';
import { FilterField, FilterForm } from '@/components/ui/filter-form';
import { inputClasses } from '@/components/ui/form-field';
import { checkDateRange, dateInputToIso } from '@/lib/dates';
import { fieldErrors } from '@/lib/errors';
import { fieldMessage } from '@/lib/form/field-message';
import { useZodForm } from '@/lib/form/use-zod-form';
import type { FormMessages } from '@/lib/form/zod-messages';
import { useFormatters } from '@/lib/format';
import {
  getRefusedLoginsCsvUrl,
  REFUSED_LOGINS_CSV_FILE_NAME,
  REFUSED_LOGINS_PAGE_SIZE,
  useRefusedLogins,
  type RefusedLoginsFilter,
} from '../api/get-refused-logins';
import { refusedDetail, refusedReasonLabels } from '../utils/refused-text';

const NO_ENTRIES: readonly RefusedLogin[] = [];
const entryId = (e: RefusedLogin) => e.id;
const entryAttributes = (e: RefusedLogin) => ({ 'data-refused-id': e.id, 'data-reason': e.reason });

/** The filter as typed: part of an application name, one reason, a date range that makes sense. */
const refusedFilterSchema = z
  .object({
    application: z.string(),
    reason: z.union([z.enum(REFUSED_LOGIN_REASONS), z.literal('')]),
    from: z.string(),
    to: z.string(),
  })
  .superRefine(checkDateRange);
type FormValues = z.infer<typeof refusedFilterSchema>;
const FIELDS = ['application', 'reason', 'from', 'to'] as const;

const MESSAGES: FormMessages = {
  from: { invalidDate: 'sessions:history.invalidDate', fromAfterTo: 'sessions:history.fromAfterTo' },
  to: { invalidDate: 'sessions:history.invalidDate' },
};

function useRefusedColumns() {
  const { t } = useTranslation(['sessions', 'common']);
  const fmt = useFormatters();
  return useMemo(() => {
    const reasons = refusedReasonLabels(t);
    const columns: ColumnDef<RefusedLogin, unknown>[] = [
      {
        id: 'at',
        header: t('refused.columns.at'),
        cell: ({ row }) => (
          <span className="tabular-nums" title={fmt.dateTime(row.original.at)}>
            {fmt.shortDateTime(row.original.at)}
          </span>
        ),
        size: 176,
      },
      {
        id: 'applicationName',
        header: t('columns.applicationName'),
        cell: ({ row }) =>
          row.original.folded ? (
            <span
              className="italic text-gray-700"
              data-testid="refused-application"
              data-folded="true"
              title={t('refused.folded.hint', { max: REFUSED_LOGIN_PER_ADDRESS_MAX })}
            >
              {t('refused.folded.label')}
            </span>
          ) : (
            <span data-testid="refused-application">{row.original.applicationName}</span>
          ),
        size: 200,
      },
      {
        id: 'companyName',
        header: t('columns.companyName'),
        cell: ({ row }) => row.original.companyName,
        size: 160,
      },
      {
        id: 'protocol',
        header: t('columns.protocol'),
        cell: ({ row }) => t(`protocols.${row.original.protocol}`),
        size: 96,
      },
      {
        id: 'clientAddress',
        header: t('columns.clientAddress'),
        cell: ({ row }) => <span className="font-mono text-xs">{row.original.clientAddress}</span>,
        size: 144,
        meta: { wrap: true },
      },
      {
        id: 'reason',
        header: t('refused.columns.reason'),
        cell: ({ row }) => {
          const detail = refusedDetail(t, row.original);
          return (
            <div data-testid="refused-reason">
              <span className="font-medium">{reasons[row.original.reason]}</span>
              {detail && <span className="block text-xs text-gray-600">{detail}</span>}
            </div>
          );
        },
        size: 240,
      },
      {
        id: 'attempts',
        header: t('refused.columns.attempts'),
        cell: ({ row }) => (
          <span
            className="tabular-nums"
            data-testid="refused-attempts"
            title={
              row.original.attempts > 1
                ? t('refused.lastAttempt', { time: fmt.dateTime(row.original.lastAt) })
                : undefined
            }
          >
            {fmt.number(row.original.attempts)}
          </span>
        ),
        size: 96,
      },
    ];
    return columns;
  }, [t, fmt]);
}

/**
 * Refused application logins (SOAP and REST), newest first, filtered and paged by the server. The
 * applied filter lives in the URL (bookmarkable; the Overview links here with a reason) and also
 * drives the CSV download. Read-only for both roles.
 */
export function RefusedLogins() {
  const { t } = useTranslation(['sessions', 'common']);
  const id = useId();
  const [params, setParams] = useSearchParams();
  const reasonParam = params.get('reason') ?? '';
  const applied = useMemo<FormValues>(
    () => ({
      application: params.get('application') ?? '',
      reason: (REFUSED_LOGIN_REASONS as readonly string[]).includes(reasonParam)
        ? (reasonParam as FormValues['reason'])
        : '',
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
    }),
    [params, reasonParam],
  );
  const form = useZodForm(refusedFilterSchema, { values: applied, messages: MESSAGES });
  const { errors } = form.formState;
  const [offset, setOffset] = useState(0);

  const filter = useMemo<RefusedLoginsFilter>(
    () => ({
      application: applied.application || undefined,
      reason: applied.reason || undefined,
      from: dateInputToIso(applied.from, 'start'),
      to: dateInputToIso(applied.to, 'end'),
    }),
    [applied],
  );
  const query = useRefusedLogins(filter, { offset, limit: REFUSED_LOGINS_PAGE_SIZE });
  const serverFields = fieldErrors(query.error);
  const columns = useRefusedColumns();
  const reasons = useMemo(() => refusedReasonLabels(t), [t]);

  const setFilter = (values: FormValues) => {
    setOffset(0);
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      for (const key of FIELDS) {
        const value = key === 'application' ? values[key].trim() : values[key];
        if (value) updated.set(key, value);
        else updated.delete(key);
      }
      return updated;
    });
  };
  const apply = form.handleSubmit(setFilter);
  const clear = () => {
    const empty: FormValues = { application: '', reason: '', from: '', to: '' };
    form.reset(empty);
    setFilter(empty);
  };
  const fieldError = (name: keyof FormValues) => fieldMessage(errors[name]) ?? serverFields[name];

  const filters = (
    <FilterForm
      label={t('refused.filters')}
      onApply={(event) => void apply(event)}
      onClear={clear}
      applyLabel={t('history.apply')}
      clearLabel={t('history.clear')}
      testIdPrefix="refused"
    >
      <FilterField
        id={`${id}-application`}
        label={t('history.application')}
        error={fieldError('application')}
      >
        {({ invalid, describedBy }) => (
          <input
            id={`${id}-application`}
            type="text"
            {...form.register('application')}
            placeholder={t('history.applicationPlaceholder')}
            maxLength={REFUSED_LOGIN_NAME_MAX}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            className={`${inputClasses} w-56`}
            data-testid="refused-application-filter"
          />
        )}
      </FilterField>
      <FilterField id={`${id}-reason`} label={t('refused.columns.reason')}>
        <select
          id={`${id}-reason`}
          {...form.register('reason')}
          className={`${inputClasses} w-64`}
          data-testid="refused-reason-filter"
        >
          <option value="">{t('refused.allReasons')}</option>
          {REFUSED_LOGIN_REASONS.map((r) => (
            <option key={r} value={r}>
              {reasons[r]}
            </option>
          ))}
        </select>
      </FilterField>
      {(['from', 'to'] as const).map((name) => (
        <FilterField key={name} id={`${id}-${name}`} label={t(`history.${name}`)} error={fieldError(name)}>
          {({ invalid, describedBy }) => (
            <input
              id={`${id}-${name}`}
              type="date"
              {...form.register(name)}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              className={`${inputClasses} w-40`}
              data-testid={`refused-${name}`}
            />
          )}
        </FilterField>
      ))}
    </FilterForm>
  );

  const filtered = Object.values(filter).some((v) => v !== undefined);
  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-700">{t('refused.intro')}</p>
      <DataTable
        server={serverPageOf(
          query,
          {
            rows: query.data?.entries ?? NO_ENTRIES,
            total: query.data?.total,
            offset,
            pageSize: REFUSED_LOGINS_PAGE_SIZE,
            onOffsetChange: setOffset,
          },
          { refreshButton: true },
        )}
        columns={columns}
        getRowId={entryId}
        label={t('refused.tableLabel')}
        emptyText={t('refused.empty')}
        noMatchesText={t('refused.noMatches')}
        filtered={filtered}
        filters={filters}
        toolbar={
          <DownloadButton
            url={getRefusedLoginsCsvUrl(filter)}
            fileName={REFUSED_LOGINS_CSV_FILE_NAME}
            data-testid="refused-export-csv"
          >
            {t('history.exportCsv')}
          </DownloadButton>
        }
        testIdPrefix="refused"
        rowTestId="refused-row"
        rowAttributes={entryAttributes}
      />
    </div>
  );
}
