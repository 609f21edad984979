import type { Account, ServiceType } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useFormatters } from '@/lib/format';
import { accountId } from '../utils/account-path';

export interface AccountActions {
  onEditPassword: (account: Account) => void;
  onDelete: (account: Account) => void;
  onDisable: (account: Account) => void;
  onEnable: (account: Account) => void;
}

/** Translated labels, looked up once per language. */
export interface AccountLabels {
  serviceTypes: Record<ServiceType, string>;
  enabled: string;
  disabled: string;
}

export function accountSearchText(a: Account, labels: AccountLabels): string {
  return [
    a.applicationName,
    a.companyName,
    labels.serviceTypes[a.serviceType],
    a.enabled ? labels.enabled : labels.disabled,
  ].join(' ');
}

/**
 * Columns of the Allowed Applications table. Names are rendered as text (React escapes them).
 * `aclIds` (ids of the applications in the list in use) marks accounts whose application left the list.
 */
export function useAccountColumns(
  labels: AccountLabels,
  aclIds: ReadonlySet<string> | null,
  actions?: AccountActions,
) {
  const { t } = useTranslation('accounts');
  const fmt = useFormatters();
  return useMemo(() => {
    const columns: ColumnDef<Account, unknown>[] = [
      {
        id: 'applicationName',
        header: t('columns.applicationName'),
        accessorFn: (a) => a.applicationName.toLowerCase(),
        cell: ({ row }) => {
          const a = row.original;
          const missing = aclIds !== null && !aclIds.has(accountId(a));
          return (
            <span className="inline-flex max-w-full items-center gap-1.5" title={a.applicationName}>
              <span className="truncate">{a.applicationName}</span>
              {missing && (
                <span
                  className="shrink-0 rounded bg-amber-100 px-1.5 text-xs font-normal text-amber-900"
                  title={t('table.notInAclHint')}
                  data-testid="not-in-acl"
                >
                  {t('table.notInAcl')}
                </span>
              )}
            </span>
          );
        },
        sortingFn: 'basic',
        size: 240,
        meta: { cellClassName: 'font-medium' },
      },
      {
        id: 'companyName',
        header: t('columns.companyName'),
        accessorFn: (a) => a.companyName.toLowerCase(),
        cell: ({ row }) => <span title={row.original.companyName}>{row.original.companyName}</span>,
        sortingFn: 'basic',
        size: 170,
      },
      {
        id: 'serviceType',
        header: t('columns.serviceType'),
        accessorFn: (a) => labels.serviceTypes[a.serviceType],
        cell: ({ getValue }) => String(getValue()),
        sortingFn: 'basic',
        size: 120,
      },
      {
        id: 'activeSessions',
        header: t('columns.activeSessions'),
        accessorFn: (a) => a.activeSessions,
        cell: ({ row }) => fmt.number(row.original.activeSessions),
        sortingFn: 'basic',
        sortDescFirst: true,
        size: 120,
        meta: { cellClassName: 'tabular-nums' },
      },
      {
        id: 'status',
        header: t('columns.status'),
        accessorFn: (a) => (a.enabled ? labels.enabled : labels.disabled),
        cell: ({ row }) => (
          <StatusBadge
            enabled={row.original.enabled}
            label={row.original.enabled ? labels.enabled : labels.disabled}
          />
        ),
        sortingFn: 'basic',
        size: 110,
      },
    ];
    if (actions) {
      columns.push({
        id: 'actions',
        header: t('columns.actions'),
        enableSorting: false,
        size: 390,
        meta: { stickyRight: true },
        cell: ({ row }) => <RowActions account={row.original} actions={actions} />,
      });
    }
    return columns;
  }, [t, fmt, labels, aclIds, actions]);
}

function RowActions({ account, actions }: { account: Account; actions: AccountActions }) {
  const { t } = useTranslation('accounts');
  const names = { application: account.applicationName, company: account.companyName };
  return (
    <div className="flex items-center gap-1.5">
      <Button
        size="sm"
        aria-label={t('actions.editPasswordRow', names)}
        data-testid="account-edit-password"
        onClick={() => actions.onEditPassword(account)}
      >
        {t('actions.editPassword')}
      </Button>
      <Button
        size="sm"
        className="text-red-800 hover:border-red-300 hover:bg-red-50"
        aria-label={t('actions.deleteRow', names)}
        data-testid="account-delete"
        onClick={() => actions.onDelete(account)}
      >
        {t('actions.delete')}
      </Button>
      {account.enabled ? (
        <Button
          size="sm"
          aria-label={t('actions.disableRow', names)}
          data-testid="account-disable"
          onClick={() => actions.onDisable(account)}
        >
          {t('actions.disable')}
        </Button>
      ) : (
        <Button
          size="sm"
          aria-label={t('actions.enableRow', names)}
          data-testid="account-enable"
          onClick={() => actions.onEnable(account)}
        >
          {t('actions.enable')}
        </Button>
      )}
    </div>
  );
}

function StatusBadge({ enabled, label }: { enabled: boolean; label: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 ${enabled ? 'text-green-800' : 'text-gray-700'}`}
      data-testid="account-status"
    >
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0" aria-hidden="true">
        {enabled ? (
          <path
            d={
              'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm3.7 5.3a1 1 0 0 1 0 1.4l-4.2 ' +
              '4.2a1 1 0 0 1-1.4 0L6.3 11a1 1 0 1 1 1.4-1.4l1.1 1.1 3.5-3.5a1 1 0 0 1 ' +
              '1.4 0Z'
            }
          />
        ) : (
          <path
            d={
              'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16ZM4 10a6 6 0 0 1 9.6-4.8l-8.4 8.4A6 ' +
              '6 0 0 1 4 10Zm2.4 4.8 8.4-8.4A6 6 0 0 1 6.4 14.8Z'
            }
          />
        )}
      </svg>
      {label}
    </span>
  );
}
