import type { NetworkElement } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { useFormatters } from '@/lib/format';
import type { ElementLabels } from '../utils/element-text';
import { StatusCell } from './status-cell';

export interface ElementRowActions {
  onEdit: (element: NetworkElement) => void;
  onDelete: (element: NetworkElement) => void;
}

/** Numeric sort key of an address (IPv4 by octets; IPv6 after IPv4, by text). */
function ipSortKey(ip: string): string {
  const parts = ip.split('.');
  if (parts.length === 4) return `4:${parts.map((p) => p.padStart(3, '0')).join('.')}`;
  return `6:${ip.toLowerCase()}`;
}

/** Columns of the Network Elements table; with `actions`, Edit and Delete per row (administrators). */
export function useElementColumns(labels: ElementLabels, actions?: ElementRowActions) {
  const { t } = useTranslation('networkElements');
  const fmt = useFormatters();
  return useMemo(() => {
    const columns: ColumnDef<NetworkElement, unknown>[] = [
      {
        id: 'type',
        header: t('columns.type'),
        accessorFn: (e) => labels.types[e.type],
        cell: ({ row, getValue }) =>
          row.original.type === 'micc' ? (
            // The MiCC's Open Media requests are a view of their own, for every role.
            <span className="flex flex-col leading-tight">
              <span className="truncate">{String(getValue())}</span>
              <Link
                to="/network-elements/open-media"
                aria-label={t('openMedia.linkLabel', { ip: row.original.ipAddress })}
                className="text-xs font-normal text-blue-800 underline hover:text-blue-900"
                data-testid="open-media-link"
              >
                {t('openMedia.link')}
              </Link>
            </span>
          ) : (
            String(getValue())
          ),
        sortingFn: 'basic',
        size: 170,
        meta: { cellClassName: 'font-medium' },
      },
      {
        id: 'ipAddress',
        header: t('columns.ipAddress'),
        accessorFn: (e) => ipSortKey(e.ipAddress),
        cell: ({ row }) => <span title={row.original.ipAddress}>{row.original.ipAddress}</span>,
        sortingFn: 'basic',
        size: 180,
        meta: { cellClassName: 'font-mono text-xs', wrap: true },
      },
      {
        id: 'version',
        header: t('columns.version'),
        accessorFn: (e) => e.version ?? '',
        cell: ({ row }) => {
          const version = row.original.version;
          return version ? <span title={version}>{version}</span> : t('table.noVersion');
        },
        sortingFn: 'alphanumeric',
        size: 110,
      },
      {
        id: 'setup',
        header: t('columns.setup'),
        accessorFn: (e) => labels.setups[e.setup],
        cell: ({ getValue }) => String(getValue()),
        sortingFn: 'basic',
        size: 100,
      },
      {
        id: 'status',
        header: t('columns.status'),
        accessorFn: (e) => labels.statuses[e.status],
        cell: ({ row }) => (
          <StatusCell element={row.original} label={labels.statuses[row.original.status]} fmt={fmt} />
        ),
        sortingFn: 'basic',
        size: 300,
      },
    ];
    if (actions) {
      columns.push({
        id: 'actions',
        header: t('columns.actions'),
        enableSorting: false,
        size: 120,
        meta: { stickyRight: true },
        cell: ({ row }) => {
          const ip = row.original.ipAddress;
          return (
            <div className="flex items-center gap-1">
              <Button
                size="sm"
                aria-label={t('actions.editRow', { ip })}
                data-testid="edit-element"
                onClick={() => actions.onEdit(row.original)}
              >
                {t('actions.edit')}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                className="text-red-700 hover:bg-red-50 hover:text-red-800"
                aria-label={t('actions.deleteRow', { ip })}
                title={t('actions.deleteRow', { ip })}
                data-testid="delete-element"
                onClick={() => actions.onDelete(row.original)}
              >
                <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
                  <path
                    d={
                      'M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 ' +
                      '3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 ' +
                      '6.7a1 1 0 0 1 0-1.4Z'
                    }
                  />
                </svg>
              </Button>
            </div>
          );
        },
      });
    }
    return columns;
  }, [t, labels, fmt, actions]);
}
