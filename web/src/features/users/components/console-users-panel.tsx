import type { ConsoleUser } from '@oig/shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { RefreshButton } from '@/components/ui/refresh-controls';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { isApiRequestError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { useUsers } from '../api/get-users';
import { useUnlockUser } from '../api/unlock-user';
import { useUpdateUser } from '../api/update-user';
import { AddUserDialog } from './add-user-dialog';
import { ChangeRoleDialog } from './change-role-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { useUserColumns, type UserActions } from './user-columns';

const NO_USERS: readonly ConsoleUser[] = [];

type Pending = { kind: 'disable' | 'role' | 'reset' | 'unlock'; user: ConsoleUser } | { kind: 'add' } | null;

interface ConsoleUsersPanelProps {
  canEdit: boolean;
  /** The signed-in user, who cannot disable themselves or change their own role. */
  currentUsername: string;
}

/** "Console Users": everyone can read the list; administrators add, disable/enable, change roles, reset passwords. */
export function ConsoleUsersPanel({ canEdit, currentUsername }: ConsoleUsersPanelProps) {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const query = useUsers();
  const update = useUpdateUser();
  const { mutateAsync: updateUser } = update;
  const unlock = useUnlockUser();
  const { mutateAsync: unlockUser } = unlock;
  const [pending, setPending] = useState<Pending>(null);
  const close = useCallback(() => setPending(null), []);

  const setDisabled = useCallback(
    async (user: ConsoleUser, disabled: boolean) => {
      try {
        await updateUser({ username: user.username, changes: { disabled } });
        toast.success(
          disabled
            ? t('users.disabled', { username: user.username })
            : t('users.enabled', { username: user.username }),
        );
      } catch (error) {
        // e.g. 409 "there must remain one enabled administrator": the server's text.
        toast.error(errorMessage(error));
      } finally {
        setPending(null);
      }
    },
    [updateUser, toast, t],
  );

  const doUnlock = useCallback(
    async (user: ConsoleUser) => {
      try {
        await unlockUser(user.username);
        toast.success(t('users.unlocked', { username: user.username }));
      } catch (error) {
        // The lock may have ended (or been lifted by someone else) since the list was read.
        toast.error(
          isApiRequestError(error) && error.reason === 'user_not_locked'
            ? t('users.errors.notLocked', { username: user.username })
            : errorMessage(error),
        );
      } finally {
        setPending(null);
      }
    },
    [unlockUser, toast, t],
  );

  const actions = useMemo<UserActions | undefined>(
    () =>
      canEdit
        ? {
            currentUsername,
            // Disabling ends the user's sessions at once, so it is confirmed; enabling is not.
            onToggleDisabled: (user) =>
              user.disabled ? void setDisabled(user, false) : setPending({ kind: 'disable', user }),
            onChangeRole: (user) => setPending({ kind: 'role', user }),
            onResetPassword: (user) => setPending({ kind: 'reset', user }),
            onUnlock: (user) => setPending({ kind: 'unlock', user }),
          }
        : undefined,
    [canEdit, currentUsername, setDisabled],
  );
  const columns = useUserColumns(actions);
  const getSearchText = useCallback(
    (u: ConsoleUser) =>
      `${u.username}\n${t(`common:roles.${u.role}`)}\n${u.disabled ? t('common:disabled') : t('common:enabled')}` +
      (u.lockedUntil ? `\n${t('users.locked')}` : ''),
    [t],
  );
  const users = query.data?.users ?? NO_USERS;

  const toolbar = (
    <>
      <RefreshButton
        onRefresh={() => void query.refetch()}
        fetching={query.isFetching}
        testId="refresh-users"
      />
      {canEdit ? (
        <Button variant="primary" onClick={() => setPending({ kind: 'add' })} data-testid="add-user">
          {t('users.add')}
        </Button>
      ) : (
        <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />
      )}
    </>
  );

  return (
    <CollapsiblePanel title={t('users.title')} data-testid="users-panel">
      <div className="space-y-3">
        <p className="text-sm text-gray-700">{t('users.intro')}</p>
        {query.isError && <QueryErrorAlert query={query} />}
        {query.isPending ? (
          <LoadingState label={t('common:loading')} />
        ) : (
          <DataTable
            data={users}
            columns={columns}
            getRowId={(u) => u.username}
            getSearchText={getSearchText}
            label={t('users.tableLabel')}
            filterLabel={t('users.filterLabel')}
            countText={(shown, total) =>
              shown === total
                ? t('users.count', { count: total })
                : t('users.countFiltered', { shown, count: total })
            }
            emptyText={t('users.empty')}
            noMatchesText={t('users.noMatches')}
            toolbar={toolbar}
            initialSorting={[{ id: 'username', desc: false }]}
            rowHeight={40}
            testId="users-table"
          />
        )}
      </div>
      {canEdit && (
        <>
          {pending?.kind === 'add' && <AddUserDialog onClose={close} />}
          {pending?.kind === 'role' && <ChangeRoleDialog user={pending.user} onClose={close} />}
          {pending?.kind === 'reset' && <ResetPasswordDialog user={pending.user} onClose={close} />}
          <ConfirmDialog
            open={pending?.kind === 'disable'}
            title={t('users.disableTitle', {
              username: pending?.kind === 'disable' ? pending.user.username : '',
            })}
            confirmLabel={t('users.disableConfirm')}
            cancelLabel={t('common:cancel')}
            onConfirm={() => {
              if (pending?.kind === 'disable') void setDisabled(pending.user, true);
            }}
            onCancel={close}
            busy={update.isPending}
          >
            {t('users.disableBody', { username: pending?.kind === 'disable' ? pending.user.username : '' })}
          </ConfirmDialog>
          <ConfirmDialog
            open={pending?.kind === 'unlock'}
            title={t('users.unlockTitle', {
              username: pending?.kind === 'unlock' ? pending.user.username : '',
            })}
            confirmLabel={t('users.unlockConfirm')}
            cancelLabel={t('common:cancel')}
            onConfirm={() => {
              if (pending?.kind === 'unlock') void doUnlock(pending.user);
            }}
            onCancel={close}
            busy={unlock.isPending}
            tone="primary"
          >
            {t('users.unlockBody', { username: pending?.kind === 'unlock' ? pending.user.username : '' })}
          </ConfirmDialog>
        </>
      )}
    </CollapsiblePanel>
  );
}
