import type { Overview } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { useFormatters } from '@/lib/format';

export function OverviewSummaryPanel({ overview }: { overview: Overview }) {
  const { t } = useTranslation('overview');
  const fmt = useFormatters();
  const stats = [
    {
      id: 'applications',
      label: t('summary.applications'),
      value: fmt.number(overview.applications),
      hint: t('summary.applicationsHint'),
    },
    {
      id: 'sessions',
      label: t('summary.sessions'),
      value: fmt.number(overview.sessions),
      hint: t('summary.sessionsHint'),
    },
    {
      id: 'network-elements',
      label: t('summary.networkElements'),
      value: fmt.number(overview.networkElements),
    },
    { id: 'version', label: t('summary.version'), value: overview.version },
  ];
  return (
    <CollapsiblePanel title={t('panels.overview')} data-testid="overview-panel">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {stats.map((s) => (
          <div
            key={s.id}
            className="rounded-md border border-gray-200 bg-gray-50 px-4 py-3"
            data-testid={`stat-${s.id}`}
          >
            <dt className="text-sm font-medium text-gray-700">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-gray-900 tabular-nums">{s.value}</dd>
            {s.hint && <dd className="mt-0.5 text-xs text-gray-600">{s.hint}</dd>}
          </div>
        ))}
      </dl>
    </CollapsiblePanel>
  );
}
