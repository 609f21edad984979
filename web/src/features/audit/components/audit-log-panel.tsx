import type { AuditEntry } from '@oig/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { RefreshButton } from '@/components/ui/refresh-controls';
import { LoadingState } from '@/components/ui/spinner';
import { dateInputToIso } from '@/lib/dates';
import { useFormatters } from '@/lib/format';
import { AUDIT_PAGE_SIZE, useAuditLog, type AuditFilter } from '../api/get-audit-log';
import { AuditFilters, EMPTY_AUDIT_FILTER, type AuditFilterValues } from './audit-filters';
import { AuditTable } from './audit-table';

const NO_ENTRIES: readonly AuditEntry[] = [];

/** "Audit Log": who changed what, read-only for both roles, filtered and paged by the server. */
export function AuditLogPanel({ pageSize = AUDIT_PAGE_SIZE }: { pageSize?: number }) {
  const { t } = useTranslation(['options', 'common']);
  const fmt = useFormatters();
  const [applied, setApplied] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTER);
  const [offset, setOffset] = useState(0);

  const filter = useMemo<AuditFilter>(
    () => ({
      q: applied.q || undefined,
      action: applied.action || undefined,
      actor: applied.actor || undefined,
      from: dateInputToIso(applied.from, 'start'),
      to: dateInputToIso(applied.to, 'end'),
      limit: pageSize,
      offset,
    }),
    [applied, offset, pageSize],
  );
  const query = useAuditLog(filter);
  const entries = query.data?.entries ?? NO_ENTRIES;
  const total = query.data?.total ?? 0;
  const first = entries.length > 0 ? offset + 1 : 0;
  const last = offset + entries.length;

  const apply = (values: AuditFilterValues) => {
    setApplied(values);
    setOffset(0);
  };

  return (
    <CollapsiblePanel title={t('audit.title')} data-testid="audit-panel">
      <div className="space-y-3">
        <p className="text-sm text-gray-700">{t('audit.intro')}</p>
        <AuditFilters onApply={apply} />
        {query.isError && <QueryErrorAlert query={query} />}
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <p className="text-sm text-gray-700" aria-live="polite" data-testid="audit-range">
            {total === 0 && !query.isPending
              ? t('audit.none')
              : t('audit.range', {
                  first: fmt.number(first),
                  last: fmt.number(last),
                  total: fmt.number(total),
                })}
          </p>
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <RefreshButton
              onRefresh={() => void query.refetch()}
              fetching={query.isFetching}
              testId="audit-refresh"
              indicator="beside"
            />
            <Button
              onClick={() => setOffset((o) => Math.max(0, o - pageSize))}
              disabled={offset === 0 || query.isPlaceholderData}
              data-testid="audit-previous"
            >
              {t('audit.previous')}
            </Button>
            <Button
              onClick={() => setOffset((o) => o + pageSize)}
              disabled={last >= total || query.isPlaceholderData}
              data-testid="audit-next"
            >
              {t('audit.next')}
            </Button>
          </div>
        </div>
        {query.isPending ? <LoadingState label={t('common:loading')} /> : <AuditTable entries={entries} />}
      </div>
    </CollapsiblePanel>
  );
}
