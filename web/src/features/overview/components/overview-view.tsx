import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/errors';
import { useFormatters } from '@/lib/format';
import { useOverview } from '../api/get-overview';
import { LicensingPanel } from './licensing-panel';
import { OverviewSummaryPanel } from './overview-summary-panel';

/** The Overview tab: counts and licensing, refreshed every 30 seconds. */
export function OverviewView() {
  const { t } = useTranslation(['overview', 'common']);
  const fmt = useFormatters();
  const query = useOverview();

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="text-xs text-gray-600">
          {t('refreshHint')}
          {query.dataUpdatedAt > 0 && <> · {t('common:updatedAt', { time: fmt.time(query.dataUpdatedAt) })}</>}
        </p>
      </div>

      {query.isError && (
        <ErrorAlert
          action={
            <Button size="sm" onClick={() => void query.refetch()}>
              {t('common:retry')}
            </Button>
          }
        >
          {errorMessage(query.error)}
        </ErrorAlert>
      )}

      {query.isPending && <LoadingState label={t('common:loading')} />}

      {query.data && (
        <>
          <OverviewSummaryPanel overview={query.data} />
          <LicensingPanel licensing={query.data.licensing} />
        </>
      )}
    </div>
  );
}
