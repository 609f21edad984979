import type { OpenMediaRequestView, OpenMediaStatusName } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useOpenMediaTranslation, type OpenMediaT } from '../i18n';
import { formatDuration } from '../utils/duration';
import { groupLabel, type GroupsById } from '../utils/groups';
import { isEnded, isQueued, statusName } from '../utils/status';
import { ActionButton } from './action-button';
import { StatusBadge } from './status-badge';
import { TimeInState } from './time-in-state';

export type RequestActionKind = 'history' | 'cancel' | 'divert' | 'modify';

export interface RequestColumnsOptions {
  statuses: Record<OpenMediaStatusName, string>;
  groups: GroupsById;
  onAction: (kind: RequestActionKind, request: OpenMediaRequestView) => void;
  /** Cancel, Divert and Modify data: administrators only. */
  canEdit: boolean;
  /** The request the console just added: marked "New" in its ID cell (the row is highlighted too). */
  newId: string | null;
  /** The MiCC's clock minus the browser's (ms), for the time in status. */
  skewMs: number;
}

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

function RowActions({
  request,
  options,
  t,
}: {
  request: OpenMediaRequestView;
  options: RequestColumnsOptions;
  t: OpenMediaT;
}) {
  const id = request.openMediaId;
  const ended = isEnded(request.status) ? t('disabled.ended') : undefined;
  const otherGroup = [...options.groups.keys()].some((g) => g !== request.serviceGroupId);
  const act = (kind: RequestActionKind) => () => options.onAction(kind, request);
  return (
    <div className="flex items-center gap-1">
      <ActionButton
        label={t('actions.history')}
        ariaLabel={t('actions.historyRow', { id })}
        onClick={act('history')}
        testId="request-history"
      />
      {options.canEdit && (
        <>
          <ActionButton
            label={t('actions.cancel')}
            ariaLabel={t('actions.cancelRow', { id })}
            onClick={act('cancel')}
            disabledReason={ended}
            testId="request-cancel"
            danger
          />
          <ActionButton
            label={t('actions.divert')}
            ariaLabel={t('actions.divertRow', { id })}
            onClick={act('divert')}
            disabledReason={ended ?? (otherGroup ? undefined : t('disabled.noOtherGroup'))}
            testId="request-divert"
          />
          <ActionButton
            label={t('actions.modify')}
            ariaLabel={t('actions.modifyRow', { id })}
            onClick={act('modify')}
            disabledReason={isQueued(request.status) ? undefined : (ended ?? t('disabled.notQueued'))}
            testId="request-modify"
          />
        </>
      )}
    </div>
  );
}

/** The requests table's columns; sort keys are primitives computed once per row. */
export function useRequestColumns(options: RequestColumnsOptions) {
  const { t } = useOpenMediaTranslation();
  return useMemo(() => {
    const none = t('table.none');
    const columns: ColumnDef<OpenMediaRequestView, unknown>[] = [
      {
        id: 'openMediaId',
        header: t('columns.openMediaId'),
        accessorFn: (r) => r.openMediaId,
        cell: ({ row }) => (
          <span className="flex items-center gap-2" title={row.original.openMediaId}>
            <span className="truncate font-mono text-xs">{row.original.openMediaId}</span>
            {row.original.openMediaId === options.newId && (
              <span className="rounded-full bg-amber-200 px-1.5 text-xs font-semibold text-amber-950">
                {t('table.new')}
              </span>
            )}
          </span>
        ),
        sortingFn: 'alphanumeric',
        size: 220,
      },
      {
        id: 'status',
        header: t('columns.status'),
        accessorFn: (r) => r.status,
        cell: ({ row }) => (
          <StatusBadge
            status={row.original.status}
            label={options.statuses[statusName(row.original.status)]}
          />
        ),
        sortingFn: 'basic',
        size: 190,
      },
      {
        id: 'queuePosition',
        header: t('columns.queuePosition'),
        accessorFn: (r) => (isQueued(r.status) ? r.queuePosition : Number.MAX_SAFE_INTEGER),
        cell: ({ row }) => (isQueued(row.original.status) ? row.original.queuePosition : none),
        sortingFn: 'basic',
        size: 120,
        meta: { cellClassName: 'tabular-nums' },
      },
      {
        id: 'ewt',
        header: t('columns.ewt'),
        accessorFn: (r) => r.ewt ?? Number.MAX_SAFE_INTEGER,
        cell: ({ row }) => (row.original.ewt === null ? none : formatDuration(row.original.ewt, t)),
        sortingFn: 'basic',
        size: 120,
        meta: { cellClassName: 'tabular-nums' },
      },
      {
        id: 'agent',
        header: t('columns.agent'),
        accessorFn: (r) => r.agentLogonId.toLowerCase(),
        cell: ({ row }) => row.original.agentLogonId || none,
        sortingFn: 'basic',
        size: 120,
      },
      {
        id: 'group',
        header: t('columns.group'),
        accessorFn: (r) => groupLabel(r.serviceGroupId, options.groups, t).toLowerCase(),
        cell: ({ row }) => groupLabel(row.original.serviceGroupId, options.groups, t),
        sortingFn: 'basic',
        size: 160,
      },
      {
        id: 'timeInState',
        header: t('columns.timeInState'),
        // Longest in its status first when sorted descending: the oldest `at`.
        accessorFn: (r) => -time(r.at),
        cell: ({ row }) => <TimeInState at={row.original.at} skewMs={options.skewMs} />,
        sortingFn: 'basic',
        size: 130,
        meta: { cellClassName: 'tabular-nums' },
      },
      {
        id: 'actions',
        header: t('columns.actions'),
        enableSorting: false,
        size: options.canEdit ? 360 : 110,
        meta: { stickyRight: true },
        cell: ({ row }) => <RowActions request={row.original} options={options} t={t} />,
      },
    ];
    return columns;
  }, [t, options]);
}
