import type { MailStateName, OutboxMessage } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useFormatters } from '@/lib/format';
import { outboxErrorText, outboxKindText, outboxSubjectText } from '../utils/outbox-text';

export interface OutboxRowActions {
  busy: boolean;
  onRetry: (message: OutboxMessage) => void;
  onDiscard: (message: OutboxMessage) => void;
}

/**
 * When, To, Subject, Kind, State (with the .eml file's name of a message saved to a file), Attempts,
 * Next try / Delivered (sent or saved) and, for administrators, the row actions. Every value (subject,
 * addresses, errors, file name) is rendered as text, never as markup.
 */
export function useOutboxColumns(actions: OutboxRowActions | undefined) {
  const { t } = useTranslation('mail');
  const fmt = useFormatters();
  return useMemo(() => {
    const subject = (m: OutboxMessage) => outboxSubjectText(t, m, fmt.language);
    const when = (m: OutboxMessage): ReactNode => {
      if (m.state === 'sent' && m.sentAt)
        return (
          <span title={fmt.dateTime(m.sentAt)}>
            {t('outbox.sentAt', { time: fmt.shortDateTime(m.sentAt) })}
          </span>
        );
      if (m.state === 'saved' && m.savedAt)
        return (
          <span title={fmt.dateTime(m.savedAt)}>
            {t('outbox.savedAt', { time: fmt.shortDateTime(m.savedAt) })}
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
    const columns: ColumnDef<OutboxMessage, unknown>[] = [
      {
        id: 'createdAt',
        header: t('outbox.columns.createdAt'),
        cell: ({ row }) => (
          <span title={fmt.dateTime(row.original.createdAt)}>
            {fmt.shortDateTime(row.original.createdAt)}
          </span>
        ),
        size: 160,
        meta: { cellClassName: 'tabular-nums' },
      },
      {
        id: 'to',
        header: t('outbox.columns.to'),
        cell: ({ row }) => (
          <span className="break-all" data-testid="outbox-to">
            {row.original.to.join(', ')}
          </span>
        ),
        size: 200,
      },
      {
        id: 'subject',
        header: t('outbox.columns.subject'),
        cell: ({ row }) => {
          const m = row.original;
          const shown = subject(m);
          // Said in the console's language; the subject the mail was sent with is a hover away.
          return (
            <span
              data-testid="outbox-subject"
              title={shown === m.subject ? undefined : t('outbox.subjectSent', { subject: m.subject })}
            >
              {shown}
            </span>
          );
        },
        size: 240,
      },
      {
        id: 'kind',
        header: t('outbox.columns.kind'),
        cell: ({ row }) => <span data-testid="outbox-kind">{outboxKindText(t, row.original.kind)}</span>,
        size: 120,
      },
      {
        id: 'state',
        header: t('outbox.columns.state'),
        cell: ({ row }) => {
          const m = row.original;
          const error = outboxErrorText(t, m);
          return (
            <div data-testid="outbox-state">
              <StateBadge state={m.state} />
              {m.fileName && (
                <span
                  className="mt-0.5 block font-mono text-xs break-all text-gray-700"
                  title={t('outbox.fileHint', { file: m.fileName })}
                  data-testid="outbox-file"
                >
                  {t('outbox.file', { file: m.fileName })}
                </span>
              )}
              {error && (
                <span
                  className={`mt-0.5 block text-xs break-words ${
                    m.state === 'failed' ? 'text-red-800' : 'text-gray-600'
                  }`}
                  data-testid="outbox-error"
                >
                  {t('outbox.lastError', { error })}
                </span>
              )}
            </div>
          );
        },
        size: 240,
      },
      {
        id: 'attempts',
        header: t('outbox.columns.attempts'),
        cell: ({ row }) => fmt.number(row.original.attempts),
        size: 96,
        meta: { cellClassName: 'tabular-nums' },
      },
      {
        id: 'next',
        header: t('outbox.columns.next'),
        cell: ({ row }) => when(row.original),
        size: 180,
        meta: { cellClassName: 'tabular-nums' },
      },
    ];
    if (actions)
      columns.push({
        id: 'actions',
        header: t('outbox.columns.actions'),
        cell: ({ row }) => {
          const m = row.original;
          return (
            <div className="flex flex-wrap gap-1.5">
              {m.state === 'failed' && (
                <Button
                  size="sm"
                  onClick={() => actions.onRetry(m)}
                  disabled={actions.busy}
                  aria-label={t('outbox.retryRow', { subject: subject(m) })}
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
                  aria-label={t('outbox.discardRow', { subject: subject(m) })}
                  data-testid="outbox-discard"
                >
                  {t('outbox.discard')}
                </Button>
              )}
            </div>
          );
        },
        size: 168,
        meta: { stickyRight: true },
      });
    return columns;
  }, [t, fmt, actions]);
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
  saved: {
    // A page with a folded corner: a file, not a delivery (amber: it reached nobody).
    className: 'text-amber-900',
    icon: <path d="M5 2h6.5L16 6.5V18H5V2Zm6 1.5V7h3.5L11 3.5ZM7 10h7v1.5H7V10Zm0 3h7v1.5H7V13Z" />,
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
