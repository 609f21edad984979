import type { NetworkElement, NetworkElementStatus } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '@/lib/format';
import { elementStatusText } from '../utils/element-text';

const toneClasses: Record<NetworkElementStatus, string> = {
  reachable: 'text-green-800',
  unreachable: 'text-red-800',
  unknown: 'text-gray-700',
};

/** The status as an icon *and* its word (never colour alone), then why and when it was last checked. */
export function StatusCell({
  element,
  label,
  fmt,
}: {
  element: NetworkElement;
  label: string;
  fmt: Formatters;
}) {
  const { t } = useTranslation('networkElements');
  const checked = element.lastCheckedAt
    ? t('table.lastChecked', { time: fmt.shortDateTime(element.lastCheckedAt) })
    : t('table.neverChecked');
  const detail = elementStatusText(element, t);
  const secondary = detail ? `${detail} · ${checked}` : checked;
  return (
    <div
      className="flex min-w-0 flex-col leading-tight"
      data-testid="element-status"
      data-status={element.status}
    >
      <span className={`inline-flex items-center gap-1.5 font-medium ${toneClasses[element.status]}`}>
        <StatusIcon status={element.status} />
        <span className="truncate">{label}</span>
      </span>
      <span className="truncate text-xs text-gray-600" title={secondary}>
        {detail && (
          <>
            <span data-testid="element-status-detail">{detail}</span>
            <span aria-hidden="true"> · </span>
          </>
        )}
        <span
          data-testid="element-last-checked"
          title={element.lastCheckedAt ? fmt.dateTime(element.lastCheckedAt) : undefined}
        >
          {checked}
        </span>
      </span>
    </div>
  );
}

function StatusIcon({ status }: { status: NetworkElementStatus }) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0" aria-hidden="true">
      {status === 'reachable' && (
        <path
          d={
            'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm3.7 5.3a1 1 0 0 1 0 1.4l-4.5 ' +
            '4.5a1 1 0 0 1-1.4 0l-2-2a1 1 0 1 1 1.4-1.4l1.3 1.29 3.8-3.79a1 1 0 0 1 ' +
            '1.4 0Z'
          }
        />
      )}
      {status === 'unreachable' && (
        <path
          d={
            'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16ZM7.7 6.3 10 8.6l2.3-2.3a1 1 0 1 1 ' +
            '1.4 1.4L11.4 10l2.3 2.3a1 1 0 0 1-1.4 1.4L10 11.4l-2.3 2.3a1 1 0 0 ' +
            '1-1.4-1.4L8.6 10 6.3 7.7a1 1 0 0 1 1.4-1.4Z'
          }
        />
      )}
      {status === 'unknown' && (
        <path
          d={
            'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm0 11.5a1 1 0 1 1 0 2 1 1 0 0 1 ' +
            '0-2ZM10 5a3 3 0 0 1 1.2 ' +
            '5.75c-.26.11-.45.37-.45.66v.34h-1.5v-.34c0-.9.54-1.7 1.36-2.05A1.5 1.5 ' +
            '0 1 0 8.5 8h-1.5A3 3 0 0 1 10 5Z'
          }
        />
      )}
    </svg>
  );
}
