import type { OpenMediaEvent } from '@oig/shared';
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/spinner';
import { useFormatters } from '@/lib/format';
import { useRequestHistory } from '../api/get-request-history';
import { useOpenMediaTranslation } from '../i18n';
import { groupLabel, type GroupsById } from '../utils/groups';
import { actionErrorText } from '../utils/reasons';
import { isQueued, statusLabels, statusName } from '../utils/status';
import { StatusBadge } from './status-badge';

interface HistoryDialogProps {
  openMediaId: string;
  groups: GroupsById;
  onClose: () => void;
}

/** A request's status events, oldest first, as a timeline. Mount it only while open. */
export function HistoryDialog({ openMediaId, groups, onClose }: HistoryDialogProps) {
  const { t } = useOpenMediaTranslation();
  const fmt = useFormatters();
  const query = useRequestHistory(openMediaId);
  const statuses = useMemo(() => statusLabels(t), [t]);
  const events = useMemo(
    () => [...(query.data?.events ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    [query.data],
  );

  const detail = (label: string, value: string | number) => (
    <div className="flex gap-1">
      <dt className="text-gray-600">{label}</dt>
      <dd className="font-medium text-gray-900">{value}</dd>
    </div>
  );
  const item = (e: OpenMediaEvent, i: number) => (
    <li key={`${e.at}-${i}`} className="relative pb-4 pl-6 last:pb-0" data-testid="history-event">
      <span className="absolute top-1.5 -left-1.5 size-2.5 rounded-full bg-blue-700" aria-hidden="true" />
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={e.status} label={statuses[statusName(e.status)]} />
        <time dateTime={e.at} className="text-sm text-gray-800">
          {fmt.dateTime(e.at)}
        </time>
      </div>
      <dl className="mt-1 flex flex-wrap gap-x-4 text-xs">
        {detail(t('history.agent'), e.agentLogonId || t('table.none'))}
        {detail(t('history.group'), groupLabel(e.serviceGroupId, groups, t))}
        {isQueued(e.status) && detail(t('history.queuePosition'), e.queuePosition)}
      </dl>
    </li>
  );

  return (
    <Dialog
      open
      title={t('history.title', { id: openMediaId })}
      description={query.data ? t('history.asOf', { time: fmt.dateTime(query.data.asOf) }) : undefined}
      onClose={onClose}
      testId="history-dialog"
      footer={<Button onClick={onClose}>{t('history.close')}</Button>}
    >
      {query.isPending && <LoadingState label={t('common:loading')} />}
      {query.isError && <ErrorAlert>{actionErrorText(t, query.error, { openMediaId, groups })}</ErrorAlert>}
      {query.data && events.length === 0 && <p className="text-sm text-gray-700">{t('history.empty')}</p>}
      {events.length > 0 && (
        <ol
          aria-label={t('history.listLabel', { id: openMediaId })}
          className="ml-1 border-l-2 border-gray-200"
          data-testid="history-timeline"
        >
          {events.map(item)}
        </ol>
      )}
    </Dialog>
  );
}
