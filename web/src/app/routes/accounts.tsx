import { useTranslation } from 'react-i18next';
import { ComingSoon } from '@/components/ui/coming-soon';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function AccountsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.accounts'));
  return <ComingSoon title={t('nav.accounts')} purpose={t('comingSoon.accounts')} />;
}
