import type { Role } from '@oig/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ChangePasswordDialog } from './change-password-dialog';

/** "My Account": who is signed in, and Change Password, for every role (support included). */
export function MyAccountPanel({ username, role }: { username: string; role: Role }) {
  const { t } = useTranslation(['options', 'common']);
  const [changing, setChanging] = useState(false);
  return (
    <CollapsiblePanel title={t('account.title')} data-testid="account-panel">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium text-gray-800">{t('account.username')}</dt>
          <dd className="text-gray-900" data-testid="account-username">
            {username}
          </dd>
          <dt className="font-medium text-gray-800">{t('account.role')}</dt>
          <dd className="text-gray-900" data-testid="account-role">
            {t(`common:roles.${role}`)}
          </dd>
        </dl>
        <Button variant="primary" onClick={() => setChanging(true)} data-testid="change-password">
          {t('account.change')}
        </Button>
      </div>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </CollapsiblePanel>
  );
}
