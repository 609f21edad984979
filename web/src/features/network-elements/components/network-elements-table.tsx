import type { NetworkElement } from '@oig/shared';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { useFormatters } from '@/lib/format';
import { useProbeNetworkElements } from '../api/probe-network-elements';
import { createElementLabels, elementSearchText } from '../utils/element-text';
import { useElementColumns, type ElementRowActions } from './element-columns';

interface NetworkElementsTableProps {
  elements: readonly NetworkElement[];
  /** When the list was last read (0: never). */
  updatedAt: number;
  fetching: boolean;
  onRefresh: () => void;
  /** Edit/Delete per row and "Check now": administrators only. */
  actions?: ElementRowActions | undefined;
}

export function NetworkElementsTable({ elements, updatedAt, fetching, onRefresh, actions }: NetworkElementsTableProps) {
  const { t } = useTranslation(['networkElements', 'common']);
  const fmt = useFormatters();
  const toast = useToast();
  const probe = useProbeNetworkElements();
  const labels = useMemo(() => createElementLabels(t), [t]);
  const getSearchText = useCallback((e: NetworkElement) => elementSearchText(e, labels), [labels]);
  const columns = useElementColumns(labels, actions);

  const checkNow = () =>
    probe.mutate(undefined, {
      onSuccess: () => toast.show(t('toasts.probeStarted')),
      onError: (error) => toast.error(t('toasts.probeFailed', { message: errorMessage(error) })),
    });

  const toolbar = (
    <>
      {updatedAt > 0 && <span className="text-xs text-gray-600">{t('common:updatedAt', { time: fmt.time(updatedAt) })}</span>}
      <Button onClick={onRefresh} aria-busy={fetching || undefined} data-testid="refresh-network-elements">
        {fetching ? <Spinner className="size-3.5" /> : <RefreshIcon />}
        {t('common:refresh')}
      </Button>
      {actions && (
        <Button onClick={checkNow} disabled={probe.isPending} aria-busy={probe.isPending || undefined} data-testid="check-now">
          {probe.isPending && <Spinner className="size-3.5" />}
          {probe.isPending ? t('actions.checking') : t('actions.checkNow')}
        </Button>
      )}
    </>
  );

  return (
    <DataTable
      data={elements}
      columns={columns}
      getRowId={(e) => e.id}
      getSearchText={getSearchText}
      label={t('table.label')}
      filterLabel={t('table.filterLabel')}
      countText={(shown, total) => (shown === total ? t('table.count', { count: total }) : t('table.countFiltered', { shown, count: total }))}
      emptyText={t('table.empty')}
      noMatchesText={t('table.noMatches')}
      toolbar={toolbar}
      initialSorting={[{ id: 'ipAddress', desc: false }]}
      rowHeight={52}
      testId="network-elements-table"
    />
  );
}

function RefreshIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden="true">
      <path d="M10 3a7 7 0 0 1 6.3 4H14v2h5V4h-2v1.7A9 9 0 1 0 19 11h-2a7 7 0 1 1-7-8Z" />
    </svg>
  );
}
