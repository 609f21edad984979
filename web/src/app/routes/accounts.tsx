import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/me';
import { AccountsView } from '@/features/accounts/components/accounts-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function AccountsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.accounts'));
  const me = useMe();
  // Support users are read-only; the server enforces it too.
  return <AccountsView canEdit={me.data?.role === 'administrator'} />;
}
