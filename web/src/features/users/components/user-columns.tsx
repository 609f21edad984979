import type { ConsoleUser } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useFormatters } from '@/lib/format';

export interface UserActions {
  /** The signed-in administrator: no disable or role change on their own row. */
  currentUsername: string;
  onToggleDisabled: (user: ConsoleUser) => void;
  onChangeRole: (user: ConsoleUser) => void;
  onResetPassword: (user: ConsoleUser) => void;
  /** Only offered for a user locked by failed sign-ins (lockedUntil set). */
  onUnlock: (user: ConsoleUser) => void;
}

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

/** Username, Role, Status, Created and, for administrators, the row actions. */
export function useUserColumns(actions?: UserActions) {
  const { t } = useTranslation(['options', 'common']);
  const fmt = useFormatters();
  return useMemo(() => {
    const columns: ColumnDef<ConsoleUser, unknown>[] = [
      {
        id: 'username',
        header: t('users.columns.username'),
        accessorFn: (u) => u.username.toLowerCase(),
        cell: ({ row }) => <span title={row.original.username}>{row.original.username}</span>,
        sortingFn: 'basic',
        size: 200,
        meta: { cellClassName: 'font-medium' },
      },
      {
        id: 'role',
        header: t('users.columns.role'),
        accessorFn: (u) => t(`common:roles.${u.role}`),
        cell: ({ getValue }) => String(getValue()),
        sortingFn: 'basic',
        size: 140,
      },
      {
        id: 'status',
        header: t('users.columns.status'),
        accessorFn: (u) => (u.disabled ? t('common:disabled') : t('common:enabled')),
        cell: ({ row, getValue }) => {
          const { disabled, lockedUntil } = row.original;
          return (
            <span className="flex flex-wrap items-center gap-x-2">
              <span className={disabled ? 'text-red-800' : 'text-green-800'} data-testid="user-status">
                {String(getValue())}
              </span>
              {lockedUntil && (
                <span
                  className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900"
                  title={t('users.lockedHint', { time: fmt.dateTime(lockedUntil) })}
                  data-testid="user-locked"
                >
                  {t('users.lockedUntil', { time: fmt.shortDateTime(lockedUntil) })}
                </span>
              )}
            </span>
          );
        },
        sortingFn: 'basic',
        size: 250,
      },
      {
        id: 'createdAt',
        header: t('users.columns.createdAt'),
        accessorFn: (u) => time(u.createdAt),
        cell: ({ row }) => (
          <span title={fmt.dateTime(row.original.createdAt)}>
            {fmt.shortDateTime(row.original.createdAt)}
          </span>
        ),
        sortingFn: 'basic',
        sortDescFirst: true,
        size: 175,
        meta: { cellClassName: 'tabular-nums' },
      },
    ];
    if (actions) {
      columns.push({
        id: 'actions',
        header: t('users.columns.actions'),
        enableSorting: false,
        size: 400,
        meta: { stickyRight: true },
        cell: ({ row }) => <UserRowActions user={row.original} actions={actions} />,
      });
    }
    return columns;
  }, [t, fmt, actions]);
}

function UnlockButton({ user, actions }: { user: ConsoleUser; actions: UserActions }) {
  const { t } = useTranslation('options');
  return (
    <Button
      size="sm"
      variant="secondary"
      aria-label={t('users.unlockRow', { username: user.username })}
      data-testid="unlock-user"
      onClick={() => actions.onUnlock(user)}
    >
      {t('users.unlock')}
    </Button>
  );
}

function UserRowActions({ user, actions }: { user: ConsoleUser; actions: UserActions }) {
  const { t } = useTranslation('options');
  const unlock = user.lockedUntil ? <UnlockButton user={user} actions={actions} /> : null;
  if (user.username === actions.currentUsername) {
    // The server refuses these too ("you cannot disable yourself"); say why instead of offering them.
    return (
      <div className="flex items-center gap-1.5">
        {unlock}
        <span
          className="block truncate text-xs text-gray-700"
          title={t('users.selfReason')}
          data-testid="self-reason"
        >
          {t('users.selfReason')}
        </span>
      </div>
    );
  }
  return (
    <div className="flex gap-1.5">
      {unlock}
      <Button
        size="sm"
        variant="secondary"
        className={user.disabled ? undefined : 'text-red-800 hover:border-red-300 hover:bg-red-50'}
        aria-label={
          user.disabled
            ? t('users.enableRow', { username: user.username })
            : t('users.disableRow', { username: user.username })
        }
        data-testid={user.disabled ? 'enable-user' : 'disable-user'}
        onClick={() => actions.onToggleDisabled(user)}
      >
        {user.disabled ? t('users.enable') : t('users.disable')}
      </Button>
      <Button
        size="sm"
        variant="secondary"
        aria-label={t('users.changeRoleRow', { username: user.username })}
        data-testid="change-role"
        onClick={() => actions.onChangeRole(user)}
      >
        {t('users.changeRole')}
      </Button>
      <Button
        size="sm"
        variant="secondary"
        aria-label={t('users.resetPasswordRow', { username: user.username })}
        data-testid="reset-password"
        onClick={() => actions.onResetPassword(user)}
      >
        {t('users.resetPassword')}
      </Button>
    </div>
  );
}
