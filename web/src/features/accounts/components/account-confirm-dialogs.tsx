import type { Account } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

interface ConfirmProps {
  account: Account | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Deleting a local password: current sessions continue, the next login is refused. */
export function DeletePasswordDialog({ account, busy, onConfirm, onCancel }: ConfirmProps) {
  const { t } = useTranslation(['accounts', 'common']);
  const names = { application: account?.applicationName ?? '', company: account?.companyName ?? '' };
  return (
    <ConfirmDialog
      open={account !== null}
      title={t('delete.title', names)}
      confirmLabel={t('delete.confirm')}
      cancelLabel={t('common:cancel')}
      onConfirm={onConfirm}
      onCancel={onCancel}
      busy={busy}
    >
      {t('delete.body', names)}
    </ConfirmDialog>
  );
}

/** Disabling an application: new logins are refused, current sessions continue. */
export function DisableAccountDialog({ account, busy, onConfirm, onCancel }: ConfirmProps) {
  const { t } = useTranslation(['accounts', 'common']);
  const names = { application: account?.applicationName ?? '', company: account?.companyName ?? '' };
  return (
    <ConfirmDialog
      open={account !== null}
      title={t('disable.title', names)}
      confirmLabel={t('disable.confirm')}
      cancelLabel={t('common:cancel')}
      onConfirm={onConfirm}
      onCancel={onCancel}
      busy={busy}
    >
      {t('disable.body', names)}
    </ConfirmDialog>
  );
}
