import type { MivoiceUser } from '@oig/shared';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DownloadButton } from '@/components/ui/download-button';
import { ErrorAlert, QueryErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { useEmailUserList } from '../api/email-user-list';
import { USER_LIST_EXPORT_FILE_NAME, USER_LIST_EXPORT_URL } from '../api/export-user-list';
import { useMivoiceSettings } from '../../settings/api/get-mivoice-settings';
import { USERS_PAGE_SIZE, useMivoiceUsers } from '../api/get-mivoice-users';
import { useMivoiceTranslation } from '../../i18n';
import { EmailExportButton } from '../../components/email-export-button';
import { PageRange } from '../../components/page-range';
import { SearchFilter } from '../../components/search-filter';
import { UserImportDialog } from './user-import-dialog';
import { UsersTable } from './users-table';
import { useKeepPageWithin, usePagedFilter } from '../../components/use-paged-filter';

const NO_USERS: readonly MivoiceUser[] = [];

/** "User List": the MiVoice Integration for Google users (filter, paging), Add (import), Download and Email User List. */
export function UserListTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useMivoiceTranslation();
  const toast = useToast();
  const paging = usePagedFilter(USERS_PAGE_SIZE);
  const query = useMivoiceUsers(paging.page);
  const settings = useMivoiceSettings();
  const email = useEmailUserList();
  const [importing, setImporting] = useState(false);
  const adminEmail = settings.data?.adminEmail;
  const users = query.data?.items ?? NO_USERS;
  // The total of the page asked for (not of the previous page, shown while it loads).
  useKeepPageWithin(paging, query.isPlaceholderData ? undefined : query.data?.total);

  const send = async () => {
    try {
      const queued = await email.mutateAsync();
      toast.success(t('email.userListQueued', { to: queued.to }));
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
      {canEdit && email.isError && <ErrorAlert>{errorMessage(email.error)}</ErrorAlert>}

      <SearchFilter
        label={t('users.filters')}
        fieldLabel={t('users.search')}
        onApply={paging.applyFilter}
        testIdPrefix="users"
      />
      {query.isError && <QueryErrorAlert query={query} />}
      <PageRange
        label={t('users.pager')}
        page={paging.page}
        shown={users.length}
        total={query.data?.total}
        busy={query.isPlaceholderData}
        onPrevious={paging.previous}
        onNext={paging.next}
        testIdPrefix="users"
      />
      {query.isPending ? (
        <LoadingState label={t('common:loading')} />
      ) : (
        <UsersTable users={users} total={query.data?.total} filtered={Boolean(paging.q)} />
      )}
      {importing && <UserImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
