import type { LiveSession, SessionHistoryEntry } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useFormatters, type Formatters } from '@/lib/format';
import { displaySessionId, licenseNames, type SessionLabels } from '../utils/session-text';

// Sort keys are precomputed per row by the accessors (lower-case text, epoch milliseconds) so that
// sorting 25,000 rows only compares primitives.
const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

type Headers = Record<
  | 'applicationName'
  | 'companyName'
  | 'createdAt'
  | 'type'
  | 'protocol'
  | 'clientAddress'
  | 'lastActivity'
  | 'licenses'
  | 'sessionId',
  string
>;

function headers(t: TFunction<'sessions'>): Headers {
  return {
    applicationName: t('columns.applicationName'),
    companyName: t('columns.companyName'),
    createdAt: t('columns.createdAt'),
    type: t('columns.type'),
    protocol: t('columns.protocol'),
    clientAddress: t('columns.clientAddress'),
    lastActivity: t('columns.lastActivity'),
    licenses: t('columns.licenses'),
    sessionId: t('columns.sessionId'),
  };
}

function commonColumns<T extends LiveSession>(
  h: Headers,
  labels: SessionLabels,
  fmt: Formatters,
  { lastActivity }: { lastActivity: boolean },
): ColumnDef<T, unknown>[] {
  const columns: ColumnDef<T, unknown>[] = [
    {
      id: 'applicationName',
      header: h.applicationName,
      accessorFn: (s) => s.applicationName.toLowerCase(),
      cell: ({ row }) => <span title={row.original.applicationName}>{row.original.applicationName}</span>,
      sortingFn: 'basic',
      size: 195,
      meta: { cellClassName: 'font-medium' },
    },
    {
      id: 'companyName',
      header: h.companyName,
      accessorFn: (s) => s.companyName.toLowerCase(),
      cell: ({ row }) => <span title={row.original.companyName}>{row.original.companyName}</span>,
      sortingFn: 'basic',
      size: 110,
    },
    {
      id: 'createdAt',
      header: h.createdAt,
      accessorFn: (s) => time(s.createdAt),
      cell: ({ row }) => (
        <span title={fmt.dateTime(row.original.createdAt)}>{fmt.shortDateTime(row.original.createdAt)}</span>
      ),
      sortingFn: 'basic',
      sortDescFirst: true,
      size: 175,
      meta: { cellClassName: 'tabular-nums' },
    },
    {
      id: 'type',
      header: h.type,
      accessorFn: (s) => labels.types[s.type],
      cell: ({ getValue }) => String(getValue()),
      sortingFn: 'basic',
      size: 95,
    },
    {
      id: 'protocol',
      header: h.protocol,
      accessorFn: (s) => labels.protocols[s.protocol],
      cell: ({ getValue }) => String(getValue()),
      sortingFn: 'basic',
      // Wide enough for the French header ("Protocole") beside its sort mark.
      size: 115,
    },
    {
      id: 'clientAddress',
      header: h.clientAddress,
      accessorFn: (s) => s.clientAddress,
      cell: ({ row }) => <span title={row.original.clientAddress}>{row.original.clientAddress}</span>,
      sortingFn: 'basic',
      // Wide enough for any IPv4 address (15 characters) whole; a longer IPv6 one wraps.
      size: 140,
      meta: { cellClassName: 'font-mono text-xs', wrap: true },
    },
  ];
  if (lastActivity) {
    columns.push({
      id: 'lastActivity',
      header: h.lastActivity,
      accessorFn: (s) => time(s.lastActivityAt),
      cell: ({ row }) => (
        <span title={fmt.dateTime(row.original.lastActivityAt)}>
          {fmt.shortDateTime(row.original.lastActivityAt)}
        </span>
      ),
      sortingFn: 'basic',
      sortDescFirst: true,
      size: 175,
      meta: { cellClassName: 'tabular-nums' },
    });
  }
  columns.push(
    {
      id: 'licenses',
      header: h.licenses,
      accessorFn: (s) => licenseNames(s.licenses, labels),
      cell: ({ getValue }) => {
        const text = String(getValue());
        return <span title={text}>{text}</span>;
      },
      sortingFn: 'basic',
      size: 150,
    },
    {
      id: 'sessionId',
      header: h.sessionId,
      accessorFn: (s) => s.sessionIdLast4,
      cell: ({ row }) => displaySessionId(row.original.sessionIdLast4),
      sortingFn: 'basic',
      size: 95,
      meta: { cellClassName: 'font-mono text-xs' },
    },
  );
  return columns;
}

export function useLiveSessionColumns(labels: SessionLabels, onTerminate?: (session: LiveSession) => void) {
  const { t } = useTranslation('sessions');
  const fmt = useFormatters();
  return useMemo(() => {
    const columns = commonColumns<LiveSession>(headers(t), labels, fmt, { lastActivity: true });
    if (onTerminate) {
      columns.push({
        id: 'actions',
        header: t('columns.actions'),
        enableSorting: false,
        size: 100,
        meta: { stickyRight: true },
        cell: ({ row }) => (
          <Button
            size="sm"
            variant="secondary"
            className="text-red-800 hover:border-red-300 hover:bg-red-50"
            aria-label={t('live.terminateRow', {
              id: displaySessionId(row.original.sessionIdLast4),
              application: row.original.applicationName,
            })}
            data-testid="terminate-row"
            onClick={() => onTerminate(row.original)}
          >
            {t('live.terminate')}
          </Button>
        ),
      });
    }
    return columns;
  }, [t, labels, fmt, onTerminate]);
}

export function useHistoryColumns(labels: SessionLabels) {
  const { t } = useTranslation('sessions');
  const fmt = useFormatters();
  return useMemo(() => {
    const columns = commonColumns<SessionHistoryEntry>(headers(t), labels, fmt, { lastActivity: false });
    const ended: ColumnDef<SessionHistoryEntry, unknown>[] = [
      {
        id: 'endedAt',
        header: t('columns.endedAt'),
        accessorFn: (s) => time(s.endedAt),
        cell: ({ row }) => (
          <span title={fmt.dateTime(row.original.endedAt)}>{fmt.shortDateTime(row.original.endedAt)}</span>
        ),
        sortingFn: 'basic',
        sortDescFirst: true,
        size: 175,
        meta: { cellClassName: 'tabular-nums' },
      },
      {
        id: 'endReason',
        header: t('columns.endReason'),
        accessorFn: (s) => labels.endReasons[s.endReason],
        cell: ({ getValue }) => {
          const text = String(getValue());
          return <span title={text}>{text}</span>;
        },
        sortingFn: 'basic',
        size: 190,
      },
    ];
    // Application, company, created, then when and why it ended.
    columns.splice(3, 0, ...ended);
    return columns;
  }, [t, labels, fmt]);
}
