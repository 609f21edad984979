import { useTranslation } from 'react-i18next';
import { OverviewView } from '@/features/overview/components/overview-view';
import { UsageChartPanel } from '@/features/usage/components/usage-chart-panel';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function OverviewRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.overview'));
  return (
    <OverviewView>
      <UsageChartPanel />
    </OverviewView>
  );
}
