import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { AclSource } from './acl-source';
import { AllowedApplicationsPanel } from './allowed-applications-panel';
import { CreateAccountPanel } from './create-account-panel';

/**
 * The Application Accounts tab: the application list in use, the applications allowed to log in
 * (those with a local password) and, for administrators, creating a local password.
 * Support users (canEdit false) only read; the server enforces it too.
 */
export function AccountsView({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('accounts');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} intro={t('intro')} />
      <AclSource canEdit={canEdit} />
      <AllowedApplicationsPanel canEdit={canEdit} />
      {canEdit && <CreateAccountPanel />}
    </div>
  );
}
