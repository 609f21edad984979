import { useTranslation } from 'react-i18next';
import { ComingSoon } from '@/components/ui/coming-soon';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function MiVoiceRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.mivoice'));
  return <ComingSoon title={t('nav.mivoice')} purpose={t('comingSoon.mivoice')} />;
}
