import type { MivoiceUser } from '@oig/shared';
import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { serverPageOf } from '@/components/data-table/server-data-table';
import { useServerPaging } from '@/components/data-table/use-server-paging';
import { MailDeliveryNote } from '@/components/mail-delivery-note';
import { Button } from '@/components/ui/button';
import { DownloadButton } from '@/components/ui/download-button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { mailOutcomeToast } from '@/lib/mail-delivery';
import { useEmailUserList } from '../api/email-user-list';
import { USER_LIST_EXPORT_FILE_NAME, USER_LIST_EXPORT_URL } from '../api/export-user-list';
import { useMivoiceSettings } from '../../settings/api/get-mivoice-settings';
import { USERS_PAGE_SIZE, useMivoiceUsers } from '../api/get-mivoice-users';
import { useMivoiceTranslation } from '../../i18n';
import { EmailExportButton } from '../../components/email-export-button';
import { useUserColumns } from './user-columns';
import { UserImportDialog } from './user-import-dialog';

const NO_USERS: readonly MivoiceUser[] = [];
const userId = (user: MivoiceUser) => user.phoneNumber;

/**
 * "User List": the MiVoice Integration for Google users (filtered and paged by the server), Add (import),
 * Download and Email User List.
 */
export function UserListTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useMivoiceTranslation();
  const toast = useToast();
  const paging = useServerPaging(USERS_PAGE_SIZE);
  const query = useMivoiceUsers(paging.query);
  const columns = useUserColumns();
  const settings = useMivoiceSettings();
  const email = useEmailUserList();
  const [importing, setImporting] = useState(false);
  const adminEmail = settings.data?.adminEmail;

  const send = async () => {
    try {
      const queued = await email.mutateAsync();
      const said = mailOutcomeToast(queued.mail, t('email.userListQueued', { to: queued.to }));
      if (said.toFile) toast.show(said.text, 'info');
      else toast.success(said.text);
    } catch {
      // Shown under the toolbar (email.error), e.g. 409 when the address was cleared meanwhile.
    }
  };

  return (
    <div className="space-y-3" data-testid="user-list-tab">
      <p className="text-sm text-gray-700">{t('users.intro')}</p>
      <div className="flex flex-wrap items-center gap-2">
        {canEdit && (
          <Button variant="primary" onClick={() => setImporting(true)} data-testid="users-add">
            {t('users.add')}
          </Button>
        )}
        <DownloadButton
          url={USER_LIST_EXPORT_URL}
          fileName={USER_LIST_EXPORT_FILE_NAME}
          data-testid="users-download"
        >
          {t('users.download')}
        </DownloadButton>
        {canEdit && (
          <EmailExportButton
            label={t('users.emailList')}
            adminEmail={adminEmail}
            hint={t('email.userListHint', { email: adminEmail ?? '' })}
            needsAddress={t('email.needsAddress')}
            onSend={() => void send()}
            busy={email.isPending}
            testId="users-email"
          />
        )}
      </div>
      {canEdit && <MailDeliveryNote testId="users-email-delivery-note" />}
      {canEdit && email.isError && <ErrorAlert>{errorMessage(email.error)}</ErrorAlert>}

      <DataTable
        server={serverPageOf(query, {
          rows: query.data?.items ?? NO_USERS,
          total: query.data?.total,
          offset: paging.offset,
          pageSize: paging.pageSize,
          onOffsetChange: paging.setOffset,
        })}
        columns={columns}
        getRowId={userId}
        label={t('users.tableLabel')}
        emptyText={t('users.empty')}
        noMatchesText={t('users.noMatches')}
        filtered={Boolean(paging.q)}
        pageEmptyText={t('users.pageEmpty')}
        pagerLabel={t('users.pager')}
        search={{ label: t('users.filters'), fieldLabel: t('users.search'), onApply: paging.applyFilter }}
        testIdPrefix="users"
        rowTestId="user-row"
      />
      {importing && <UserImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
