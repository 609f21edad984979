import { MAX_MICC_ELEMENTS, MAX_MIVB_ELEMENTS, type NetworkElement } from '@oig/shared';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { LoadingState } from '@/components/ui/spinner';
import { useNetworkElements } from '../api/get-network-elements';
import { countElements } from '../utils/element-text';
import type { ElementRowActions } from './element-columns';
import { DefaultsDialog } from './defaults-dialog';
import { DeleteElementDialog } from './delete-element-dialog';
import { ElementDialog } from './element-dialog';
import { NetworkElementsTable } from './network-elements-table';

const NO_ELEMENTS: readonly NetworkElement[] = [];

type OpenDialog = { kind: 'add' } | { kind: 'edit'; element: NetworkElement } | { kind: 'defaults' } | null;

/** The Network Elements tab. Support users (canEdit false) see the list only, without any control that changes it. */
export function NetworkElementsView({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation(['networkElements', 'common']);
  const limitId = useId();
  const query = useNetworkElements();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [deleting, setDeleting] = useState<NetworkElement | null>(null);
  // After a deletion the Delete button that opened the dialog is gone: focus goes to a stable control.
  const addRef = useRef<HTMLButtonElement>(null);
  const [deletions, setDeletions] = useState(0);
  useEffect(() => {
    if (deletions > 0) addRef.current?.focus();
  }, [deletions]);

  const elements = query.data?.elements ?? NO_ELEMENTS;
  const counts = useMemo(() => countElements(elements), [elements]);
  const allFull = counts.mivb >= MAX_MIVB_ELEMENTS && counts.micc >= MAX_MICC_ELEMENTS;

  const actions = useMemo<ElementRowActions | undefined>(
    () =>
      canEdit
        ? { onEdit: (element) => setDialog({ kind: 'edit', element }), onDelete: setDeleting }
        : undefined,
    [canEdit],
  );

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          canEdit ? (
            <div className="flex flex-wrap items-center gap-2">
              <Button
                ref={addRef}
                variant="primary"
                onClick={() => setDialog({ kind: 'add' })}
                disabled={!query.data || allFull}
                aria-describedby={allFull ? limitId : undefined}
                data-testid="add-network-element"
              >
                {t('actions.add')}
              </Button>
              <Button onClick={() => setDialog({ kind: 'defaults' })} data-testid="set-default-values">
                {t('actions.setDefaults')}
              </Button>
            </div>
          ) : (
            <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />
          )
        }
      >
        {query.data && (
          <p className="mt-1 text-sm font-medium text-gray-800" data-testid="network-element-counts">
            {t('counts', {
              mivb: counts.mivb,
              maxMivb: MAX_MIVB_ELEMENTS,
              micc: counts.micc,
              maxMicc: MAX_MICC_ELEMENTS,
            })}
          </p>
        )}
      </PageHeader>
      {canEdit && allFull && (
        <p id={limitId} className="text-sm text-amber-900" data-testid="limit-reached">
          {t('limits.allFull', { maxMivb: MAX_MIVB_ELEMENTS, maxMicc: MAX_MICC_ELEMENTS })}
        </p>
      )}
      {query.data && counts.micc === 0 && (
        <p className="text-sm text-gray-700" data-testid="open-media-hint">
          {t('openMedia.noMicc')}
        </p>
      )}
      {query.isError && <QueryErrorAlert query={query} />}
      {query.isPending ? (
        <LoadingState label={t('common:loading')} />
      ) : (
        <NetworkElementsTable
          elements={elements}
          updatedAt={query.dataUpdatedAt}
          fetching={query.isFetching}
          onRefresh={() => void query.refetch()}
          actions={actions}
        />
      )}
      {canEdit && dialog?.kind === 'add' && (
        <ElementDialog element={null} counts={counts} onClose={() => setDialog(null)} />
      )}
      {canEdit && dialog?.kind === 'edit' && (
        <ElementDialog element={dialog.element} counts={counts} onClose={() => setDialog(null)} />
      )}
      {canEdit && dialog?.kind === 'defaults' && <DefaultsDialog onClose={() => setDialog(null)} />}
      {canEdit && (
        <DeleteElementDialog
          element={deleting}
          onClose={(deleted) => {
            setDeleting(null);
            if (deleted) setDeletions((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}
