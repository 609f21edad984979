import { SERVICE_TYPES, type Account } from '@oig/shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState, Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { useFormatters } from '@/lib/format';
import { useDeleteAccount } from '../api/delete-account';
import { useAccounts } from '../api/get-accounts';
import { useAcl } from '../api/get-acl';
import { useUpdateAccount } from '../api/update-account';
import { accountId } from '../utils/account-path';
import { accountSearchText, useAccountColumns, type AccountActions, type AccountLabels } from './account-columns';
import { DeletePasswordDialog, DisableAccountDialog } from './account-confirm-dialogs';
import { EditPasswordDialog } from './edit-password-dialog';

const NO_ACCOUNTS: readonly Account[] = [];

type Pending = { kind: 'edit' | 'delete' | 'disable'; account: Account } | null;

/** "Allowed Applications": the applications that have a local password, refreshed every 30 s. */
export function AllowedApplicationsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation(['accounts', 'common']);
  const fmt = useFormatters();
  const toast = useToast();
  const query = useAccounts();
  const acl = useAcl();
  const update = useUpdateAccount();
  const remove = useDeleteAccount();
  const [pending, setPending] = useState<Pending>(null);

  const accounts = query.data?.accounts ?? NO_ACCOUNTS;
  const labels = useMemo<AccountLabels>(
    () => ({
      serviceTypes: Object.fromEntries(SERVICE_TYPES.map((s) => [s, t(`serviceTypes.${s}`)])) as AccountLabels['serviceTypes'],
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

  const aside = (
    <span data-testid="accounts-updated">
      {t('refreshHint')}
      {query.dataUpdatedAt > 0 && <> · {t('common:updatedAt', { time: fmt.time(query.dataUpdatedAt) })}</>}
    </span>
  );

  const toolbar = (
    <>
      <Button onClick={() => void query.refetch()} aria-busy={query.isFetching || undefined} data-testid="refresh-accounts">
        {query.isFetching && <Spinner className="size-3.5" />}
        {t('common:refresh')}
      </Button>
      {!canEdit && (
        <span
          className="inline-flex items-center rounded-full border border-gray-300 bg-gray-100 px-2.5 py-0.5 text-xs font-medium text-gray-800"
          title={t('table.readOnlyHint')}
          data-testid="read-only-hint"
        >
          {t('table.readOnly')}
        </span>
      )}
    </>
  );

  return (
    <CollapsiblePanel title={t('panels.allowed')} aside={aside} data-testid="allowed-applications-panel">
      {query.isPending ? (
        <LoadingState label={t('common:loading')} />
      ) : (
        <div className="space-y-3">
          {query.isError && (
            <ErrorAlert action={<Button size="sm" onClick={() => void query.refetch()}>{t('common:retry')}</Button>}>
              {errorMessage(query.error)}
            </ErrorAlert>
          )}
          <DataTable
            data={accounts}
            columns={columns}
            getRowId={accountId}
            getSearchText={getSearchText}
            label={t('table.label')}
            filterLabel={t('table.filterLabel')}
            countText={(shown, total) =>
              shown === total ? t('table.count', { count: total }) : t('table.countFiltered', { shown, count: total })
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
          {pending?.kind === 'edit' && <EditPasswordDialog account={pending.account} onClose={() => setPending(null)} />}
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
