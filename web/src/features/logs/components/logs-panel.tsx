import { LOGS_MAX_SCAN_BYTES, type LogLine, type LogLineLevel } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { serverPageOf } from '@/components/data-table/server-data-table';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { DownloadButton } from '@/components/ui/download-button';
import { useFormatters } from '@/lib/format';
import {
  LOGS_DOWNLOAD_FILE_NAME,
  LOGS_DOWNLOAD_URL,
  LOGS_LIVE_MS,
  LOGS_PAGE_SIZE,
  SUPPORT_BUNDLE_FILE_NAME,
  SUPPORT_BUNDLE_URL,
  useLogs,
  type LogsFilter,
} from '../api/get-logs';
import { EMPTY_LOGS_FILTER, LogsFilters, type LogsFilterValues } from './logs-filters';

type Row = LogLine & { id: string };
const NO_ROWS: readonly Row[] = [];
const rowId = (row: Row) => row.id;

const LEVEL_CLASSES: Record<LogLineLevel, string> = {
  trace: 'bg-gray-100 text-gray-700',
  debug: 'bg-gray-100 text-gray-700',
  info: 'bg-blue-50 text-blue-800',
  warning: 'bg-amber-50 text-amber-900',
  error: 'bg-red-50 text-red-800',
  fatal: 'bg-red-100 text-red-900',
};

function useLogColumns() {
  const { t } = useTranslation('options');
  const fmt = useFormatters();
  return useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      {
        id: 'time',
        header: t('logs.columns.time'),
        cell: ({ row }) => (
          <span className="tabular-nums" title={row.original.time}>
            {fmt.shortDateTime(row.original.time)}
          </span>
        ),
        size: 176,
      },
      {
        id: 'level',
        header: t('logs.columns.level'),
        cell: ({ row }) => (
          <span
            className={`rounded px-1.5 py-0.5 text-xs font-medium ${LEVEL_CLASSES[row.original.level]}`}
            data-testid="logs-level-cell"
          >
            {t(`logs.levels.${row.original.level}`)}
          </span>
        ),
        size: 112,
      },
      {
        id: 'module',
        header: t('logs.columns.module'),
        cell: ({ row }) => (
          <span className="font-mono text-xs" data-testid="logs-module-cell">
            {row.original.module ?? '—'}
          </span>
        ),
        size: 128,
      },
      {
        id: 'message',
        header: t('logs.columns.message'),
        cell: ({ row }) => <span data-testid="logs-message">{row.original.msg}</span>,
        size: 256,
      },
      {
        id: 'details',
        header: t('logs.columns.details'),
        cell: ({ row }) => {
          const entries = Object.entries(row.original.fields);
          if (entries.length === 0) return '—';
          // One `key=value` a line: a reader scans the fields, and a long value wraps on its own.
          return (
            <span className="font-mono text-xs [overflow-wrap:anywhere]" data-testid="logs-details">
              {entries.map(([key, value]) => (
                <span key={key} className="block">
                  {key}={typeof value === 'string' ? value : JSON.stringify(value)}
                </span>
              ))}
            </span>
          );
        },
        size: 384,
      },
    ],
    [t, fmt],
  );
}

/**
 * "Logs": the newest lines of the gateway's log files, filtered by the server, with a live tail
 * (read again every few seconds; each read replaces the table, so it never holds more than
 * LOGS_PAGE_SIZE lines), the files' download and the support bundle. Read-only for both roles.
 */
export function LogsPanel() {
  const { t } = useTranslation(['options', 'common']);
  const columns = useLogColumns();
  const [applied, setApplied] = useState<LogsFilterValues>(EMPTY_LOGS_FILTER);
  const [live, setLive] = useState(true);
  const hintId = useId();
  const filter = useMemo<LogsFilter>(
    () => ({
      level: applied.level || undefined,
      module: applied.module || undefined,
      q: applied.q || undefined,
      limit: LOGS_PAGE_SIZE,
    }),
    [applied],
  );
  const query = useLogs(filter, live);
  const rows = useMemo(
    () => query.data?.lines.map((l, i) => ({ ...l, id: String(i) })) ?? NO_ROWS,
    [query.data],
  );
  const filtered = Boolean(applied.level || applied.module || applied.q);

  return (
    <CollapsiblePanel title={t('logs.title')} data-testid="logs-panel">
      <div className="space-y-3">
        <p className="text-sm text-gray-700">{t('logs.intro')}</p>
        <div className="flex flex-wrap items-center gap-2">
          <DownloadButton
            url={LOGS_DOWNLOAD_URL}
            fileName={LOGS_DOWNLOAD_FILE_NAME}
            data-testid="logs-download"
          >
            {t('logs.download')}
          </DownloadButton>
          <DownloadButton
            url={SUPPORT_BUNDLE_URL}
            fileName={SUPPORT_BUNDLE_FILE_NAME}
            aria-describedby={hintId}
            data-testid="logs-support-bundle"
          >
            {t('logs.supportBundle')}
          </DownloadButton>
        </div>
        <p id={hintId} className="text-xs text-gray-600">
          {t('logs.supportBundleHint')}
        </p>
        {query.data?.truncated && (
          <p className="text-sm text-amber-900" role="status" data-testid="logs-truncated">
            {t('logs.truncated', { mb: LOGS_MAX_SCAN_BYTES / (1024 * 1024) })}
          </p>
        )}
        <DataTable
          server={serverPageOf(
            query,
            {
              rows,
              total: rows.length,
              offset: 0,
              pageSize: LOGS_PAGE_SIZE,
              onOffsetChange: () => undefined,
            },
            { refreshButton: true },
          )}
          columns={columns}
          getRowId={rowId}
          label={t('logs.tableLabel')}
          emptyText={t('logs.empty')}
          noMatchesText={t('logs.noMatches')}
          filtered={filtered}
          noneText={t('logs.none')}
          hidePagerOnOnePage
          filters={<LogsFilters onApply={setApplied} />}
          toolbar={
            <>
              <span className="text-xs text-gray-600" data-testid="logs-live-state">
                {live ? t('logs.liveOn', { seconds: LOGS_LIVE_MS / 1000 }) : t('logs.livePaused')}
              </span>
              <Button onClick={() => setLive((v) => !v)} aria-pressed={live} data-testid="logs-live">
                <span
                  aria-hidden="true"
                  className={`size-2 rounded-full ${live ? 'bg-green-600' : 'bg-gray-400'}`}
                />
                {t('logs.live')}
              </Button>
            </>
          }
          testIdPrefix="logs"
          rowTestId="logs-row"
        />
      </div>
    </CollapsiblePanel>
  );
}
