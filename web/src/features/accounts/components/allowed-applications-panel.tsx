import { SERVICE_TYPES, type Account } from '@oig/shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { RefreshButton, useUpdatedAtText } from '@/components/ui/refresh-controls';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { labelTable } from '@/lib/labels';
import { useDeleteAccount } from '../api/delete-account';
import { useAccounts } from '../api/get-accounts';
import { useAcl } from '../api/get-acl';
import { useUpdateAccount } from '../api/update-account';
import { accountId } from '../utils/account-path';
import {
  accountSearchText,
  useAccountColumns,
  type AccountActions,
  type AccountLabels,
} from './account-columns';
import { DeletePasswordDialog, DisableAccountDialog } from './account-confirm-dialogs';
import { EditPasswordDialog } from './edit-password-dialog';

const NO_ACCOUNTS: readonly Account[] = [];

type Pending = { kind: 'edit' | 'delete' | 'disable'; account: Account } | null;

/** "Allowed Applications": the applications that have a local password, refreshed every 30 s. */
export function AllowedApplicationsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation(['accounts', 'common']);
  const toast = useToast();
  const query = useAccounts();
  const acl = useAcl();
  const update = useUpdateAccount();
  const remove = useDeleteAccount();
  const [pending, setPending] = useState<Pending>(null);

  const accounts = query.data?.accounts ?? NO_ACCOUNTS;
  const labels = useMemo<AccountLabels>(
    () => ({
      serviceTypes: labelTable(SERVICE_TYPES, (s) => t(`serviceTypes.${s}`)),
      enabled: t('common:enabled'),
      disabled: t('common:disabled'),
    }),
    [t],
  );
  const aclIds = useMemo(() => (acl.data ? new Set(acl.data.applications.map(accountId)) : null), [acl.data]);
  const getSearchText = useCallback((a: Account) => accountSearchText(a, labels), [labels]);

  const setEnabled = useCallback(
    (account: Account, enabled: boolean) => {
      const names = { application: account.applicationName, company: account.companyName };
      update.mutate(
        { companyName: account.companyName, applicationName: account.applicationName, enabled },
        {
          onSuccess: () => toast.success(t(enabled ? 'enable.done' : 'disable.done', names)),
          onError: (error) => toast.error(t('failed', { message: errorMessage(error) })),
          onSettled: () => setPending(null),
        },
      );
    },
    // update.mutate is stable; the mutation object itself changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [update.mutate, toast, t],
  );

  const actions = useMemo<AccountActions | undefined>(
    () =>
      canEdit
        ? {
            onEditPassword: (account) => setPending({ kind: 'edit', account }),
            onDelete: (account) => setPending({ kind: 'delete', account }),
            onDisable: (account) => setPending({ kind: 'disable', account }),
            onEnable: (account) => setEnabled(account, true),
          }
        : undefined,
    [canEdit, setEnabled],
  );
  const columns = useAccountColumns(labels, aclIds, actions);

  const confirmDelete = (account: Account) => {
    const names = { application: account.applicationName, company: account.companyName };
    remove.mutate(account, {
      onSuccess: () => toast.success(t('delete.done', names)),
      onError: (error) => toast.error(t('failed', { message: errorMessage(error) })),
      onSettled: () => setPending(null),
    });
  };

  const updated = useUpdatedAtText(query.dataUpdatedAt);
  const aside = (
    <span data-testid="accounts-updated">
      {t('refreshHint')}
      {updated && <> · {updated}</>}
    </span>
  );

  const toolbar = (
    <>
      <RefreshButton
        onRefresh={() => void query.refetch()}
        fetching={query.isFetching}
        testId="refresh-accounts"
      />
      {!canEdit && <ReadOnlyBadge label={t('table.readOnly')} hint={t('table.readOnlyHint')} />}
    </>
  );

  return (
    <CollapsiblePanel title={t('panels.allowed')} aside={aside} data-testid="allowed-applications-panel">
      {query.isPending ? (
        <LoadingState label={t('common:loading')} />
      ) : (
        <div className="space-y-3">
          {query.isError && <QueryErrorAlert query={query} />}
          <DataTable
            data={accounts}
            columns={columns}
            getRowId={accountId}
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
            initialSorting={[{ id: 'applicationName', desc: false }]}
            rowHeight={40}
            testId="accounts-table"
          />
        </div>
      )}
      {canEdit && (
        <>
          {pending?.kind === 'edit' && (
            <EditPasswordDialog account={pending.account} onClose={() => setPending(null)} />
          )}
          <DeletePasswordDialog
            account={pending?.kind === 'delete' ? pending.account : null}
            busy={remove.isPending}
            onConfirm={() => pending && confirmDelete(pending.account)}
            onCancel={() => setPending(null)}
          />
          <DisableAccountDialog
            account={pending?.kind === 'disable' ? pending.account : null}
            busy={update.isPending}
            onConfirm={() => pending && setEnabled(pending.account, false)}
            onCancel={() => setPending(null)}
          />
        </>
      )}
    </CollapsiblePanel>
  );
}
