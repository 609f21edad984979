import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { useMe } from '@/lib/me';
import { AuditLogPanel } from '@/features/audit/components/audit-log-panel';
import { LogsPanel } from '@/features/logs/components/logs-panel';
import { BackupPanel } from '@/features/backup/components/backup-panel';
import { MailSettingsPanel } from '@/features/mail/components/mail-settings-panel';
import { OutboxPanel } from '@/features/mail/components/outbox-panel';
import { OptionsSettings } from '@/features/options/components/options-settings';
import { UsageReportActions } from '@/features/usage/components/usage-report-actions';
import { ConsoleUsersPanel } from '@/features/users/components/console-users-panel';
import { MyAccountPanel } from '@/features/auth/components/my-account-panel';
import { useDocumentTitle } from '@/hooks/use-document-title';

/**
 * The Options tab: General and Send OIG Usage Report (features/options, with the report's
 * actions from features/usage), Outbound Mail and Mail Outbox (features/mail), Console Users
 * (features/users), My Account (features/auth), Backup and Restore (features/backup), Audit Log
 * (features/audit), Logs with the support bundle (features/logs). Support users see the first five
 * read-only, Backup and Restore as for administrators only, and use the last three fully; the
 * server enforces the same.
 */
export function OptionsRoute() {
  const { t } = useTranslation(['common', 'options']);
  useDocumentTitle(t('nav.options'));
  const me = useMe();
  if (!me.data) return <LoadingState label={t('loading')} />;
  const canEdit = me.data.role === 'administrator';
  return (
    <div className="space-y-4">
      <PageHeader title={t('options:title')} intro={t('options:intro')} />
      <SettingsPanels canEdit={canEdit} />
      <MailSettingsPanel canEdit={canEdit} />
      <OutboxPanel canEdit={canEdit} />
      <ConsoleUsersPanel canEdit={canEdit} currentUsername={me.data.username} />
      <MyAccountPanel username={me.data.username} role={me.data.role} />
      <BackupPanel canEdit={canEdit} />
      <AuditLogPanel />
      <LogsPanel />
    </div>
  );
}

/**
 * General and Send OIG Usage Report: the options panels with the usage report's actions below its
 * address. The actions are keyed by the saved address and the number of saves, so a save, a clear
 * or another administrator's change drops a "Send Now" error about the address before it.
 */
export function SettingsPanels({ canEdit }: { canEdit: boolean }) {
  return (
    <OptionsSettings
      canEdit={canEdit}
      renderUsageReportActions={(address, saving, saves) => (
        <UsageReportActions
          key={`${saves}:${address ?? ''}`}
          address={address}
          canEdit={canEdit}
          saving={saving}
        />
      )}
    />
  );
}
