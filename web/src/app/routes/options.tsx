import { useTranslation } from 'react-i18next';
import { ComingSoon } from '@/components/ui/coming-soon';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function OptionsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.options'));
  return <ComingSoon title={t('nav.options')} purpose={t('comingSoon.options')} />;
}
