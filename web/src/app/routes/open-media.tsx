import { useTranslation } from 'react-i18next';
import { LoadingState } from '@/components/ui/spinner';
import { useMe } from '@/lib/me';
import { OpenMediaView } from '@/features/open-media/components/open-media-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

/**
 * /network-elements/open-media: the MiCC's Open Media requests (its own chunk, with its strings),
 * under the Network Elements tab, which stays highlighted. Support users see it read-only.
 */
export function OpenMediaRoute() {
  const { t } = useTranslation(['common', 'openMedia']);
  useDocumentTitle(`${t('openMedia:title')} – ${t('nav.networkElements')}`);
  const me = useMe();
  if (!me.data) return <LoadingState label={t('loading')} />;
  // The server refuses every change by a support user too.
  return <OpenMediaView canEdit={me.data.role === 'administrator'} />;
}
