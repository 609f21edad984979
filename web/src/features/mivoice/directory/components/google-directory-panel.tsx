import type { GoogleDirectory } from '@oig/shared';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { LoadingState } from '@/components/ui/spinner';
import { useGoogleDirectory } from '../api/get-google-directory';
import { useMivoiceTranslation } from '../../i18n';
import { GoogleContacts } from './google-contacts';
import { GoogleSettingsForm } from './google-settings-form';
import { GoogleSyncStatus } from './google-sync-status';

/**
 * "Google Corporate Directory": the settings (administrators edit them; the key is
 * write-only), "Sync with Google" and the state of the local cache, and the cached contacts.
 */
export function GoogleDirectoryPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useMivoiceTranslation();
  const query = useGoogleDirectory();
  return (
    <CollapsiblePanel
      title={t('google.title')}
      aside={canEdit ? undefined : <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />}
      data-testid="google-directory-panel"
    >
      <div className="space-y-4">
        <p className="max-w-3xl text-sm text-gray-700">{t('google.intro')}</p>
        {query.isPending && <LoadingState label={t('common:loading')} />}
        {query.isError && <QueryErrorAlert query={query} />}
        {query.data && (
          <div className="grid gap-6 lg:grid-cols-2">
            {canEdit ? (
              <GoogleSettingsForm directory={query.data} />
            ) : (
              <GoogleSettingsReadOnly directory={query.data} />
            )}
            <GoogleSyncStatus directory={query.data} canEdit={canEdit} />
          </div>
        )}
        <GoogleContacts />
      </div>
    </CollapsiblePanel>
  );
}

/** What support users see of the settings: the values, and whether a key is set (never the key). */
function GoogleSettingsReadOnly({ directory }: { directory: GoogleDirectory }) {
  const { t } = useMivoiceTranslation();
  const row = (label: string, value: string, testId: string) => (
    <div>
      <dt className="text-sm font-medium text-gray-800">{label}</dt>
      <dd className="text-sm break-all text-gray-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <dl className="space-y-3" data-testid="google-settings-read-only">
      {row(t('google.adminEmail'), directory.adminEmail ?? t('google.notSet'), 'google-admin-email-value')}
      {row(t('google.domain'), directory.domain ?? t('google.notSet'), 'google-domain-value')}
      {row(
        t('google.key'),
        !directory.serviceAccountKeySet
          ? t('google.keyNotSet')
          : directory.serviceAccountEmail
            ? t('google.keySet', { email: directory.serviceAccountEmail })
            : t('google.keySetNoEmail'),
        'google-key-value',
      )}
    </dl>
  );
}
