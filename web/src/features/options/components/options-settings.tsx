import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/spinner';
import { useOptions } from '../api/get-options';
import { GeneralPanel } from './general-panel';
import { UsageReportPanel } from './usage-report-panel';

/** The "General" and "Send OIG Usage Report" panels of the Options tab (read-only for support users). */
export function OptionsSettings({
  canEdit,
  renderUsageReportActions,
}: {
  canEdit: boolean;
  /** The usage report's actions and status, below its address (see UsageReportPanel). */
  renderUsageReportActions: (address: string | null, saving: boolean, saves: number) => ReactNode;
}) {
  const { t } = useTranslation(['options', 'common']);
  const query = useOptions();

  if (query.isPending) return <LoadingState label={t('common:loading')} />;
  if (query.isError) return <QueryErrorAlert query={query} />;
  return (
    <>
      <GeneralPanel options={query.data} canEdit={canEdit} />
      <UsageReportPanel options={query.data} canEdit={canEdit} renderActions={renderUsageReportActions} />
    </>
  );
}
