import type { NetworkElement } from '@oig/shared';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { Button } from '@/components/ui/button';
import { RefreshButton, UpdatedAt } from '@/components/ui/refresh-controls';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
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

export function NetworkElementsTable({
  elements,
  updatedAt,
  fetching,
  onRefresh,
  actions,
}: NetworkElementsTableProps) {
  const { t } = useTranslation(['networkElements', 'common']);
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
      <UpdatedAt at={updatedAt} />
      <RefreshButton
        onRefresh={onRefresh}
        fetching={fetching}
        testId="refresh-network-elements"
        indicator="icon"
      />
      {actions && (
        <Button onClick={checkNow} busy={probe.isPending} data-testid="check-now">
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
      countText={(shown, total) =>
        shown === total
          ? t('table.count', { count: total })
          : t('table.countFiltered', { shown, count: total })
      }
      emptyText={t('table.empty')}
      noMatchesText={t('table.noMatches')}
      toolbar={toolbar}
      initialSorting={[{ id: 'ipAddress', desc: false }]}
      rowHeight={52}
      testId="network-elements-table"
    />
  );
}
