import { useTranslation } from 'react-i18next';
import { ComingSoon } from '@/components/ui/coming-soon';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function NetworkElementsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.networkElements'));
  return <ComingSoon title={t('nav.networkElements')} purpose={t('comingSoon.networkElements')} />;
}
