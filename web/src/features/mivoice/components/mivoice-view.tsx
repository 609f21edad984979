import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { SubTabs } from '@/components/ui/sub-tabs';
import { useMivoiceTranslation } from '../i18n';
import { AdminEmailPanel } from '../settings/components/admin-email-panel';
import { GoogleDirectoryPanel } from '../directory/components/google-directory-panel';
import { LocalizationTab } from '../localization/components/localization-tab';
import { UserListTab } from '../user-list/components/user-list-tab';

export type MivoiceSubTab = 'users' | 'localization';

/**
 * The MiVoice tab: Google Corporate Directory, the administrator e-mail for exports, and the
 * sub-tabs User List and Localization (?tab=users|localization, bookmarkable). Support users
 * (canEdit false) see everything without any control that changes it; the server refuses too.
 */
export function MivoiceView({ canEdit }: { canEdit: boolean }) {
  const { t } = useMivoiceTranslation();
  const [params] = useSearchParams();
  const tab: MivoiceSubTab = params.get('tab') === 'localization' ? 'localization' : 'users';

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={canEdit ? undefined : <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />}
      />
      <GoogleDirectoryPanel canEdit={canEdit} />
      <AdminEmailPanel canEdit={canEdit} />
      <section
        aria-label={t('views.section')}
        className="space-y-3 rounded-lg border border-gray-200 bg-white px-4 py-3 shadow-xs"
        data-testid="mivoice-lists"
      >
        <SubTabs
          label={t('views.label')}
          current={tab}
          tabs={[
            {
              key: 'users',
              label: t('views.users'),
              to: { search: '?tab=users' },
              testId: 'mivoice-tab-users',
            },
            {
              key: 'localization',
              label: t('views.localization'),
              to: { search: '?tab=localization' },
              testId: 'mivoice-tab-localization',
            },
          ]}
        />
        {tab === 'users' ? <UserListTab canEdit={canEdit} /> : <LocalizationTab canEdit={canEdit} />}
      </section>
    </div>
  );
}
