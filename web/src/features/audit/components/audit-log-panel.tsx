import type { AuditEntry } from '@oig/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { serverPageOf } from '@/components/data-table/server-data-table';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { dateInputToIso } from '@/lib/dates';
import { AUDIT_PAGE_SIZE, useAuditLog, type AuditFilter } from '../api/get-audit-log';
import { AuditFilters, EMPTY_AUDIT_FILTER, type AuditFilterValues } from './audit-filters';
import { useAuditColumns } from './audit-columns';

const NO_ENTRIES: readonly AuditEntry[] = [];
const entryId = (entry: AuditEntry) => entry.id;
const entryAttributes = (entry: AuditEntry) => ({ 'data-entry-id': entry.id });

/** "Audit Log": who changed what, read-only for both roles, filtered and paged by the server. */
export function AuditLogPanel({ pageSize = AUDIT_PAGE_SIZE }: { pageSize?: number }) {
  const { t } = useTranslation(['options', 'common']);
  const columns = useAuditColumns();
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

  const apply = (values: AuditFilterValues) => {
    setApplied(values);
    setOffset(0);
  };

  return (
    <CollapsiblePanel title={t('audit.title')} data-testid="audit-panel">
      <div className="space-y-3">
        <p className="text-sm text-gray-700">{t('audit.intro')}</p>
        <DataTable
          server={serverPageOf(
            query,
            {
              rows: query.data?.entries ?? NO_ENTRIES,
              total: query.data?.total,
              offset,
              pageSize,
              onOffsetChange: setOffset,
            },
            { refreshButton: true },
          )}
          columns={columns}
          getRowId={entryId}
          label={t('audit.tableLabel')}
          emptyText={t('audit.empty')}
          noneText={t('audit.none')}
          filters={<AuditFilters onApply={apply} />}
          testIdPrefix="audit"
          rowTestId="audit-row"
          rowAttributes={entryAttributes}
        />
      </div>
    </CollapsiblePanel>
  );
}
