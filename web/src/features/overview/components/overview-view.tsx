import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { useUpdatedAtText } from '@/components/ui/refresh-controls';
import { LoadingState } from '@/components/ui/spinner';
import { useOverview } from '../api/get-overview';
import { LicensingPanel } from './licensing-panel';
import { OverviewSummaryPanel } from './overview-summary-panel';
import { RefusedLoginsPanel } from './refused-logins-panel';

/**
 * The Overview tab: counts and licensing, refreshed every 30 seconds; `children` (the route's
 * usage chart, its own query) come below and show even when the overview cannot be read; the
 * refused application logins of the last 24 hours come last.
 */
export function OverviewView({ children }: { children?: ReactNode }) {
  const { t } = useTranslation(['overview', 'common']);
  const query = useOverview();
  const updated = useUpdatedAtText(query.dataUpdatedAt);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="text-xs text-gray-600">
          {t('refreshHint')}
          {updated && <> · {updated}</>}
        </p>
      </div>

      {query.isError && <QueryErrorAlert query={query} />}

      {query.isPending && <LoadingState label={t('common:loading')} />}

      {query.data && (
        <>
          <OverviewSummaryPanel overview={query.data} />
          <LicensingPanel licensing={query.data.licensing} />
        </>
      )}

      {children}

      {query.data && <RefusedLoginsPanel summary={query.data.refusedLogins} />}
    </div>
  );
}
