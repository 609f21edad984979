import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/me';
import { NetworkElementsView } from '@/features/network-elements/components/network-elements-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function NetworkElementsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.networkElements'));
  const me = useMe();
  // Support users are read-only; the server enforces it too.
  return <NetworkElementsView canEdit={me.data?.role === 'administrator'} />;
}
