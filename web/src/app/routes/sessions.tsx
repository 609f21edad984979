import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/me';
import { SessionsView } from '@/features/sessions/components/sessions-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function SessionsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.sessions'));
  const me = useMe();
  // Support users are read-only; the server enforces it too.
  return <SessionsView canTerminate={me.data?.role === 'administrator'} />;
}
