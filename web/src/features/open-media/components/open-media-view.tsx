import type { OpenMediaRequestView, OpenMediaServiceGroup } from '@oig/shared';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { LoadingState } from '@/components/ui/spinner';
import { isApiRequestError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { useMicc } from '../api/get-micc';
import { useOpenMediaRequests } from '../api/get-requests';
import { useServiceGroups } from '../api/get-service-groups';
import { useOpenMediaTranslation } from '../i18n';
import { groupsById } from '../utils/groups';
import { isReason, type ReasonSource } from '../utils/reasons';
import { AddRequestDialog } from './add-request-dialog';
import { CancelDialog } from './cancel-dialog';
import { DivertDialog } from './divert-dialog';
import { HistoryDialog } from './history-dialog';
import { ModifyDialog } from './modify-dialog';
import { OptionsDialog } from './options-dialog';
import { ProblemBanner } from './problem-banner';
import type { RequestActionKind } from './request-columns';
import { RequestsTable } from './requests-table';
import { ServiceGroupsPanel } from './service-groups-panel';

const NO_REQUESTS: readonly OpenMediaRequestView[] = [];
const NO_GROUPS: readonly OpenMediaServiceGroup[] = [];

type OpenDialog =
  { kind: RequestActionKind; request: OpenMediaRequestView } | { kind: 'add' } | { kind: 'options' } | null;

/**
 * A failed read said as an Open Media reason when it is one (e.g. 409 micc_not_configured); any
 * other error as the console says it everywhere.
 */
function failure(error: unknown): ReasonSource | null {
  if (!error) return null;
  if (isApiRequestError(error) && isReason(error.reason))
    return { reason: error.reason, message: error.message, params: error.params };
  return { message: errorMessage(error) };
}

/**
 * The MiCC's clock minus the browser's: the list's `asOf` (MiCC time) against when it arrived (ms,
 * to the second so the table is not rebuilt for noise); 0 before a list was read.
 */
function clockSkew(asOf: string | null, receivedAt: number): number {
  const micc = asOf ? Date.parse(asOf) : NaN;
  if (Number.isNaN(micc) || receivedAt === 0) return 0;
  return Math.round((micc - receivedAt) / 1000) * 1000;
}

/**
 * The Open Media view of the MiContact Center (under the Network Elements tab): its service groups
 * and requests, live; administrators act on requests, support users only read.
 */
export function OpenMediaView({ canEdit }: { canEdit: boolean }) {
  const { t } = useOpenMediaTranslation();
  const micc = useMicc();
  const requests = useOpenMediaRequests();
  const groups = useServiceGroups();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [newId, setNewId] = useState<string | null>(null);

  const groupList = groups.data?.groups ?? NO_GROUPS;
  const byId = useMemo(() => groupsById(groupList), [groupList]);
  const onAction = useCallback(
    (kind: RequestActionKind, request: OpenMediaRequestView) => setDialog({ kind, request }),
    [],
  );
  const close = () => setDialog(null);

  const list = requests.data;
  // The last list stays on the page with the reason it could not be read again: the server's
  // `problem`, or a failed read (react-query keeps the previous answer on the page meanwhile); the
  // groups may fail alone (a MiCC without its router still lists requests).
  const problem: (ReasonSource & { at?: string }) | null =
    list?.problem ?? failure(requests.error) ?? failure(groups.error);

  const header = (
    <PageHeader
      title={t('title')}
      intro={t('intro')}
      actions={
        canEdit ? (
          <div className="flex flex-wrap items-center gap-2">
            <Button
              variant="primary"
              onClick={() => setDialog({ kind: 'add' })}
              data-testid="add-test-request"
            >
              {t('actions.addTest')}
            </Button>
            <Button onClick={() => setDialog({ kind: 'options' })} data-testid="set-options">
              {t('actions.setOptions')}
            </Button>
          </div>
        ) : (
          <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />
        )
      }
    >
      <p className="mt-1 flex flex-wrap gap-3 text-sm">
        <Link
          to="/network-elements"
          aria-label={t('backLabel')}
          className="font-medium text-blue-800 underline hover:text-blue-900"
        >
          ← {t('back')}
        </Link>
        {micc.data && (
          <span className="font-medium text-gray-800" data-testid="micc-address">
            {t('micc.address', { ip: micc.data.ipAddress })}
          </span>
        )}
      </p>
    </PageHeader>
  );

  return (
    <div className="space-y-4">
      {header}
      {micc.data === null && <p className="text-sm text-amber-900">{t('micc.none')}</p>}
      {problem && <ProblemBanner problem={problem} asOf={list?.asOf ?? null} />}
      {groups.data && <ServiceGroupsPanel groups={groupList} />}
      {requests.isPending ? (
        <LoadingState label={t('common:loading')} />
      ) : (
        <RequestsTable
          requests={list?.requests ?? NO_REQUESTS}
          groups={byId}
          asOf={list?.asOf ?? null}
          fetching={requests.isFetching}
          onRefresh={() => void Promise.all([requests.refetch(), groups.refetch()])}
          canEdit={canEdit}
          onAction={onAction}
          newId={newId}
          skewMs={clockSkew(list?.asOf ?? null, requests.dataUpdatedAt)}
        />
      )}
      {dialog?.kind === 'history' && (
        <HistoryDialog openMediaId={dialog.request.openMediaId} groups={byId} onClose={close} />
      )}
      {canEdit && dialog?.kind === 'cancel' && (
        <CancelDialog request={dialog.request} groups={byId} onClose={close} />
      )}
      {canEdit && dialog?.kind === 'divert' && (
        <DivertDialog request={dialog.request} groups={groupList} onClose={close} />
      )}
      {canEdit && dialog?.kind === 'modify' && (
        <ModifyDialog request={dialog.request} groups={byId} onClose={close} />
      )}
      {canEdit && dialog?.kind === 'add' && (
        <AddRequestDialog groups={groupList} onClose={close} onAdded={setNewId} />
      )}
      {canEdit && dialog?.kind === 'options' && <OptionsDialog onClose={close} />}
    </div>
  );
}
