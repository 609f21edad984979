import {
  DEMO_LICENSE_SOURCE,
  LICENSE_TYPES,
  type LicenseCount,
  type LicenseType,
  type Overview,
} from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { useFormatters } from '@/lib/format';
import { cx } from '@/lib/class-names';
import { licenseStatus, usageRatio, type LicenseStatus } from '../utils/license-status';

type Licensing = Overview['licensing'];

const FLAGS = ['virtualEnablement', 'miVoiceIntegration', 'trustedMode'] as const;

export function LicensingPanel({ licensing }: { licensing: Licensing }) {
  const { t } = useTranslation('overview');
  return (
    <CollapsiblePanel title={t('panels.licensing')} data-testid="licensing-panel">
      <div className="overflow-x-auto">
        <table className="w-full border-separate sm:min-w-[40rem] border-spacing-0 text-sm">
          <caption className="sr-only">{t('licensing.caption')}</caption>
          <thead>
            <tr className="text-left text-xs font-semibold text-gray-700">
              <th scope="col" className="border-b border-gray-200 py-2 pr-3">
                {t('licensing.type')}
              </th>
              <th scope="col" className="border-b border-gray-200 px-3 py-2 text-right">
                {t('licensing.available')}
              </th>
              <th scope="col" className="border-b border-gray-200 px-3 py-2 text-right">
                {t('licensing.used')}
              </th>
              <th scope="col" className="border-b border-gray-200 py-2 pl-3">
                {t('licensing.usage')}
              </th>
            </tr>
          </thead>
          <tbody>
            {LICENSE_TYPES.map((type) => (
              <LicenseRow key={type} type={type} count={licensing[type]} />
            ))}
          </tbody>
        </table>
      </div>

      <div className="mt-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h3 className="text-sm font-semibold text-gray-800">{t('licensing.features')}</h3>
          <dl className="mt-2 flex flex-wrap gap-2">
            {FLAGS.map((flag) => (
              <Flag key={flag} id={flag} label={t(`licensing.flags.${flag}`)} enabled={licensing[flag]} />
            ))}
          </dl>
        </div>
        <p className="text-xs text-gray-600" data-testid="license-source">
          {licensing.source === DEMO_LICENSE_SOURCE
            ? t('licensing.sourceDemo')
            : t('licensing.source', { source: licensing.source })}
        </p>
      </div>
    </CollapsiblePanel>
  );
}

const statusText: Record<LicenseStatus, string> = {
  none: 'text-gray-600',
  ok: 'text-gray-700',
  warning: 'text-amber-900',
  exhausted: 'text-red-800',
};
const barColor: Record<LicenseStatus, string> = {
  none: 'bg-gray-300',
  ok: 'bg-blue-600',
  warning: 'bg-amber-500',
  exhausted: 'bg-red-600',
};
const rowAccent: Record<LicenseStatus, string> = {
  none: '',
  ok: '',
  warning: 'bg-amber-50',
  exhausted: 'bg-red-50',
};

function LicenseRow({ type, count }: { type: LicenseType; count: LicenseCount }) {
  const { t } = useTranslation('overview');
  const fmt = useFormatters();
  const status = licenseStatus(count);
  const ratio = usageRatio(count);
  const available = count.server
    ? t('licensing.server', { value: fmt.number(count.available) })
    : fmt.number(count.available);
  const cell = 'border-b border-gray-100 py-2';
  return (
    <tr data-testid={`license-${type}`} data-status={status} className={rowAccent[status]}>
      <th scope="row" className={`${cell} pr-3 text-left font-medium text-gray-900`}>
        {t(`licensing.types.${type}`)}
      </th>
      <td className={`${cell} px-3 text-right text-gray-900 tabular-nums`} data-testid="license-available">
        {available}
      </td>
      <td className={`${cell} px-3 text-right text-gray-900 tabular-nums`} data-testid="license-used">
        {fmt.number(count.used)}
      </td>
      <td className={`${cell} pl-3`}>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <div
            className="h-2 w-16 shrink-0 sm:w-28 overflow-hidden rounded-full bg-gray-200"
            aria-hidden="true"
          >
            <div
              className={`h-full rounded-full ${barColor[status]}`}
              style={{ width: `${Math.round(ratio * 100)}%` }}
            />
          </div>
          <span
            className={`inline-flex items-center gap-1 text-xs font-medium ${statusText[status]}`}
            data-testid="license-status"
          >
            <StatusIcon status={status} />
            {status === 'none'
              ? t('licensing.status.none')
              : status === 'ok'
                ? t('licensing.percentUsed', { value: fmt.percent(ratio) })
                : `${t(`licensing.status.${status}`)} · ${t('licensing.percentUsed', { value: fmt.percent(ratio) })}`}
          </span>
        </div>
      </td>
    </tr>
  );
}

function StatusIcon({ status }: { status: LicenseStatus }) {
  if (status === 'warning') {
    return (
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden="true">
        <path
          d={
            'M8.3 2.9a2 2 0 0 1 3.4 0l6.3 11A2 2 0 0 1 16.3 17H3.7A2 2 0 0 1 2 ' +
            '14l6.3-11ZM9.1 7v4.5h1.8V7H9.1Zm0 6v1.8h1.8V13H9.1Z'
          }
        />
      </svg>
    );
  }
  if (status === 'exhausted') {
    return (
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden="true">
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16ZM6 9h8v2H6V9Z" />
      </svg>
    );
  }
  return null;
}

function Flag({ id, label, enabled }: { id: string; label: string; enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      className={cx(
        'flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm',
        enabled ? 'border-green-300 bg-green-50' : 'border-gray-200 bg-gray-50',
      )}
      data-testid={`flag-${id}`}
    >
      <dt className="text-gray-800">{label}</dt>
      <dd
        className={`inline-flex items-center gap-1 font-medium ${enabled ? 'text-green-800' : 'text-gray-700'}`}
      >
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden="true">
          {enabled ? (
            <path
              d={
                'M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 ' +
                '1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z'
              }
            />
          ) : (
            <path d="M5 9h10v2H5V9Z" />
          )}
        </svg>
        {enabled ? t('enabled') : t('disabled')}
      </dd>
    </div>
  );
}
