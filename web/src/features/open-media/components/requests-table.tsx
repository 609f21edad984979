import type { OpenMediaRequestView } from '@oig/shared';
import { useCallback, useMemo, useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { RefreshButton } from '@/components/ui/refresh-controls';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { useFormatters } from '@/lib/format';
import { useOpenMediaTranslation } from '../i18n';
import { groupLabel, type GroupsById } from '../utils/groups';
import { inView, STATUS_VIEWS, statusLabels, statusName, type StatusView } from '../utils/status';
import { useRequestColumns, type RequestActionKind } from './request-columns';

interface RequestsTableProps {
  requests: readonly OpenMediaRequestView[];
  groups: GroupsById;
  /** The MiCC's time of the list (null: never read). */
  asOf: string | null;
  fetching: boolean;
  onRefresh: () => void;
  canEdit: boolean;
  onAction: (kind: RequestActionKind, request: OpenMediaRequestView) => void;
  /** The request the console just added (highlighted). */
  newId: string | null;
  /** The MiCC's clock minus the browser's (ms): `asOf` against when the list arrived. */
  skewMs: number;
}

/** The requests, Live ones by default; the filter box matches every column's text. */
export function RequestsTable(props: RequestsTableProps) {
  const { requests, groups, asOf, fetching, onRefresh, canEdit, onAction, newId, skewMs } = props;
  const { t } = useOpenMediaTranslation();
  const fmt = useFormatters();
  const [view, setView] = useState<StatusView>('live');
  const statuses = useMemo(() => statusLabels(t), [t]);
  const options = useMemo(
    () => ({ statuses, groups, onAction, canEdit, newId, skewMs }),
    [statuses, groups, onAction, canEdit, newId, skewMs],
  );
  const columns = useRequestColumns(options);
  const shown = useMemo(() => requests.filter((r) => inView(view, r)), [requests, view]);
  const getSearchText = useCallback(
    (r: OpenMediaRequestView) =>
      [
        r.openMediaId,
        statuses[statusName(r.status)],
        r.agentLogonId,
        groupLabel(r.serviceGroupId, groups, t),
        String(r.serviceGroupId),
      ].join('\n'),
    [statuses, groups, t],
  );

  const toolbar = (
    <>
      <span
        className="text-xs text-gray-600"
        title={asOf ? fmt.dateTime(asOf) : undefined}
        data-testid="as-of"
      >
        {asOf ? t('lastUpdated', { time: fmt.time(new Date(asOf)) }) : t('notReadYet')}
      </span>
      <RefreshButton onRefresh={onRefresh} fetching={fetching} testId="refresh-open-media" indicator="icon" />
    </>
  );

  return (
    <div className="space-y-2">
      <SegmentedControl
        legend={t('show.legend')}
        options={STATUS_VIEWS.map((v) => ({ value: v, label: t(`show.${v}`) }))}
        value={view}
        onChange={setView}
        testIdPrefix="show"
      />
      <DataTable
        data={shown}
        columns={columns}
        getRowId={(r) => r.openMediaId}
        getSearchText={getSearchText}
        label={t('table.label')}
        filterLabel={t('table.filterLabel')}
        countText={(n, total) =>
          n === total
            ? t('table.count', { count: total })
            : t('table.countFiltered', { shown: n, count: total })
        }
        emptyText={t('table.empty')}
        noMatchesText={t('table.noMatches')}
        toolbar={toolbar}
        initialSorting={[{ id: 'timeInState', desc: false }]}
        highlightedRowId={newId ?? undefined}
        rowHeight={44}
        testId="open-media-requests"
      />
    </div>
  );
}
