import { useTranslation } from 'react-i18next';
import { LoadingState } from '@/components/ui/spinner';
import { useMe } from '@/lib/me';
import { MivoiceView } from '@/features/mivoice/components/mivoice-view';
import { useDocumentTitle } from '@/hooks/use-document-title';

/** The MiVoice tab (its own chunk, with papaparse for the CSV it writes). Support users see it read-only. */
export function MiVoiceRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.mivoice'));
  const me = useMe();
  if (!me.data) return <LoadingState label={t('loading')} />;
  return <MivoiceView canEdit={me.data.role === 'administrator'} />;
}
