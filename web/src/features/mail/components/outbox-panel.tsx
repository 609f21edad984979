import { MAIL_STATES, type MailStateName, type OutboxMessage } from '@oig/shared';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { inputClasses } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { RefreshButton } from '@/components/ui/refresh-controls';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { useFormatters } from '@/lib/format';
import { OUTBOX_PAGE_SIZE, OUTBOX_REFRESH_MS, useOutbox } from '../api/get-outbox';
import { useOutboxAction } from '../api/outbox-actions';

const NO_MESSAGES: readonly OutboxMessage[] = [];

const th =
  'sticky top-0 border-b border-gray-300 bg-gray-100 px-3 py-2.5 text-left text-xs font-semibold text-gray-800';
const td = 'border-b border-gray-100 px-3 py-2 align-top text-gray-900';

interface OutboxPanelProps {
  canEdit: boolean;
  pageSize?: number;
  /** How often the outbox is read again; false turns it off. */
  refreshMs?: number | false;
}

/** "Mail Outbox": messages queued, sent and failed; administrators retry failed ones and discard unsent ones. */
export function OutboxPanel({
  canEdit,
  pageSize = OUTBOX_PAGE_SIZE,
  refreshMs = OUTBOX_REFRESH_MS,
}: OutboxPanelProps) {
  const { t } = useTranslation(['mail', 'common']);
  const fmt = useFormatters();
  const toast = useToast();
  const filterId = useId();
  const [state, setState] = useState<MailStateName | ''>('');
  const [offset, setOffset] = useState(0);
  const [discarding, setDiscarding] = useState<OutboxMessage | null>(null);
  const query = useOutbox(
    { state: state || undefined, limit: pageSize, offset },
    { refetchInterval: refreshMs },
  );
  const action = useOutboxAction();
  const messages = query.data?.messages ?? NO_MESSAGES;
  const total = query.data?.total ?? 0;
  const first = messages.length > 0 ? offset + 1 : 0;
  const last = offset + messages.length;

  const run = async (message: OutboxMessage, kind: 'retry' | 'discard') => {
    try {
      await action.mutateAsync({ id: message.id, action: kind });
      toast.success(kind === 'retry' ? t('outbox.retried') : t('outbox.discarded'));
    } catch (error) {
      // e.g. 409 "already sent": the server's text.
      toast.error(errorMessage(error));
    } finally {
      if (kind === 'discard') setDiscarding(null);
    }
  };

  return (
    <CollapsiblePanel
      title={t('outbox.title')}
      aside={canEdit ? undefined : <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />}
      data-testid="outbox-panel"
    >
      <div className="space-y-3">
        <p className="text-sm text-gray-700">{t('outbox.intro')}</p>
        <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={filterId} className="text-xs font-medium text-gray-800">
              {t('outbox.stateFilter')}
            </label>
            <select
              id={filterId}
              value={state}
              onChange={(e) => {
                setState(e.target.value as MailStateName | '');
                setOffset(0);
              }}
              className={`${inputClasses} w-44`}
              data-testid="outbox-state-filter"
            >
              <option value="">{t('outbox.allStates')}</option>
              {MAIL_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`outbox.states.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <p className="text-sm text-gray-700" aria-live="polite" data-testid="outbox-range">
            {total === 0 && !query.isPending
              ? t('outbox.none')
              : t('outbox.range', {
                  first: fmt.number(first),
                  last: fmt.number(last),
                  total: fmt.number(total),
                })}
          </p>
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <RefreshButton
              onRefresh={() => void query.refetch()}
              fetching={query.isFetching}
              testId="outbox-refresh"
              indicator="beside"
            />
            {total > pageSize && (
              <>
                <Button
                  onClick={() => setOffset((o) => Math.max(0, o - pageSize))}
                  disabled={offset === 0 || query.isPlaceholderData}
                  data-testid="outbox-previous"
                >
                  {t('outbox.previous')}
                </Button>
                <Button
                  onClick={() => setOffset((o) => o + pageSize)}
                  disabled={last >= total || query.isPlaceholderData}
                  data-testid="outbox-next"
                >
                  {t('outbox.next')}
                </Button>
              </>
            )}
          </div>
        </div>
        {query.isError && <QueryErrorAlert query={query} />}
        {query.isPending ? (
          <LoadingState label={t('common:loading')} />
        ) : (
          <OutboxTable
            messages={messages}
            actions={
              canEdit
                ? {
                    busy: action.isPending,
                    onRetry: (m) => void run(m, 'retry'),
                    onDiscard: (m) => setDiscarding(m),
                  }
                : undefined
            }
          />
        )}
      </div>
      {canEdit && (
        <ConfirmDialog
          open={discarding !== null}
          title={t('outbox.discardTitle')}
          confirmLabel={t('outbox.discardConfirm')}
          cancelLabel={t('common:cancel')}
          onConfirm={() => {
            if (discarding) void run(discarding, 'discard');
          }}
          onCancel={() => setDiscarding(null)}
          busy={action.isPending}
        >
          {t('outbox.discardBody', {
            subject: discarding?.subject ?? '',
            to: discarding?.to.join(', ') ?? '',
          })}
        </ConfirmDialog>
      )}
    </CollapsiblePanel>
  );
}

interface RowActions {
  busy: boolean;
  onRetry: (message: OutboxMessage) => void;
  onDiscard: (message: OutboxMessage) => void;
}

/** One page of the outbox. Every value (subject, addresses, errors) is rendered as text, never as markup. */
function OutboxTable({
  messages,
  actions,
}: {
  messages: readonly OutboxMessage[];
  actions: RowActions | undefined;
}) {
  const { t } = useTranslation('mail');
  const fmt = useFormatters();
  const columns = actions ? 8 : 7;
  const kind = (k: string) => (k === 'test' || k === 'usage-report' ? t(`outbox.kinds.${k}`) : k);
  const when = (m: OutboxMessage): ReactNode => {
    if (m.state === 'sent' && m.sentAt)
      return (
        <span title={fmt.dateTime(m.sentAt)}>
          {t('outbox.sentAt', { time: fmt.shortDateTime(m.sentAt) })}
        </span>
      );
    if ((m.state === 'queued' || m.state === 'failed') && m.nextAttemptAt)
      return (
        <span title={fmt.dateTime(m.nextAttemptAt)}>
          {t('outbox.nextTry', { time: fmt.shortDateTime(m.nextAttemptAt) })}
        </span>
      );
    return <span className="text-gray-500">—</span>;
  };

  return (
    <div
      role="region"
      aria-label={t('outbox.tableLabel')}
      tabIndex={0}
      className="max-h-[max(20rem,calc(100vh-20rem))] overflow-auto rounded-md border border-gray-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <table
        aria-label={t('outbox.tableLabel')}
        className="w-full min-w-[64rem] border-separate border-spacing-0 text-sm"
        data-testid="outbox-table"
      >
        <thead>
          <tr>
            <th scope="col" className={`${th} w-40`}>
              {t('outbox.columns.createdAt')}
            </th>
            <th scope="col" className={`${th} w-52`}>
              {t('outbox.columns.to')}
            </th>
            <th scope="col" className={th}>
              {t('outbox.columns.subject')}
            </th>
            <th scope="col" className={`${th} w-32`}>
              {t('outbox.columns.kind')}
            </th>
            <th scope="col" className={`${th} w-64`}>
              {t('outbox.columns.state')}
            </th>
            <th scope="col" className={`${th} w-24`}>
              {t('outbox.columns.attempts')}
            </th>
            <th scope="col" className={`${th} w-48`}>
              {t('outbox.columns.next')}
            </th>
            {actions && (
              <th scope="col" className={`${th} w-44`}>
                {t('outbox.columns.actions')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {messages.length === 0 && (
            <tr>
              <td
                colSpan={columns}
                className="px-3 py-10 text-center text-sm text-gray-600"
                data-testid="outbox-empty"
              >
                {t('outbox.empty')}
              </td>
            </tr>
          )}
          {messages.map((m) => (
            <tr
              key={m.id}
              data-testid="outbox-row"
              data-message-id={m.id}
              data-state={m.state}
              className="hover:bg-gray-50"
            >
              <td className={`${td} tabular-nums`} title={fmt.dateTime(m.createdAt)}>
                {fmt.shortDateTime(m.createdAt)}
              </td>
              <td className={`${td} break-all`} data-testid="outbox-to">
                {m.to.join(', ')}
              </td>
              <td className={`${td} break-words`} data-testid="outbox-subject">
                {m.subject}
              </td>
              <td className={td}>{kind(m.kind)}</td>
              <td className={td} data-testid="outbox-state">
                <StateBadge state={m.state} />
                {m.lastError && (
                  <span
                    className={`mt-0.5 block text-xs break-words ${m.state === 'failed' ? 'text-red-800' : 'text-gray-600'}`}
                    data-testid="outbox-error"
                  >
                    {t('outbox.lastError', { error: m.lastError })}
                  </span>
                )}
              </td>
              <td className={`${td} tabular-nums`}>{fmt.number(m.attempts)}</td>
              <td className={`${td} tabular-nums`}>{when(m)}</td>
              {actions && (
                <td className={td}>
                  <div className="flex flex-wrap gap-1.5">
                    {m.state === 'failed' && (
                      <Button
                        size="sm"
                        onClick={() => actions.onRetry(m)}
                        disabled={actions.busy}
                        aria-label={t('outbox.retryRow', { subject: m.subject })}
                        data-testid="outbox-retry"
                      >
                        {t('outbox.retry')}
                      </Button>
                    )}
                    {(m.state === 'queued' || m.state === 'failed') && (
                      <Button
                        size="sm"
                        onClick={() => actions.onDiscard(m)}
                        disabled={actions.busy}
                        aria-label={t('outbox.discardRow', { subject: m.subject })}
                        data-testid="outbox-discard"
                      >
                        {t('outbox.discard')}
                      </Button>
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const STATE_STYLE: Record<MailStateName, { className: string; icon: ReactNode }> = {
  queued: {
    className: 'text-gray-800',
    icon: <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm.9 4v3.6l2.7 2.7-1.3 1.3-3.2-3.2V6h1.8Z" />,
  },
  sending: {
    className: 'text-blue-800',
    icon: <path d="M2.5 3.5 18 10 2.5 16.5 4.5 10l-2-6.5Zm3.4 5.6h5.6v1.8H5.9l-.6 2 8-3-8-3 .6 2.2Z" />,
  },
  sent: {
    className: 'text-green-800',
    icon: (
      <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm3.8 5.3 1.3 1.3-6 6-3.2-3.2 1.3-1.3 1.9 1.9 4.7-4.7Z" />
    ),
  },
  failed: {
    className: 'font-semibold text-red-700',
    icon: <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.9 4h1.8v5.2H9.1V6Zm0 6.6h1.8v1.8H9.1v-1.8Z" />,
  },
  discarded: {
    className: 'text-gray-600',
    icon: <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16ZM5.5 9.1h9v1.8h-9V9.1Z" />,
  },
};

/** The state as an icon and a word (the word carries the meaning; the colour only repeats it). */
function StateBadge({ state }: { state: MailStateName }) {
  const { t } = useTranslation('mail');
  const style = STATE_STYLE[state];
  return (
    <span className={`inline-flex items-center gap-1.5 ${style.className}`} data-testid="outbox-state-label">
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0" aria-hidden="true">
        {style.icon}
      </svg>
      {t(`outbox.states.${state}`)}
    </span>
  );
}
