import { MAIL_STATES, type MailStateName, type OutboxMessage } from '@oig/shared';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { serverPageOf } from '@/components/data-table/server-data-table';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { MailDeliveryNote } from '@/components/mail-delivery-note';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { inputClasses } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { OUTBOX_PAGE_SIZE, OUTBOX_REFRESH_MS, useOutbox } from '../api/get-outbox';
import { useOutboxAction } from '../api/outbox-actions';
import { useFormatters } from '@/lib/format';
import { outboxSubjectText } from '../utils/outbox-text';
import { useOutboxColumns, type OutboxRowActions } from './outbox-columns';

const NO_MESSAGES: readonly OutboxMessage[] = [];
const messageId = (m: OutboxMessage) => m.id;
const messageAttributes = (m: OutboxMessage) => ({ 'data-message-id': m.id, 'data-state': m.state });

interface OutboxPanelProps {
  canEdit: boolean;
  pageSize?: number;
  /** How often the outbox is read again; false turns it off. */
  refreshMs?: number | false;
}

/**
 * "Mail Outbox": messages queued, sent, saved to a file (no mail server) and failed; administrators
 * retry failed ones and discard unsent ones. With no mail server, a note says where the files go.
 */
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
  const { mutateAsync } = action;

  const run = useCallback(
    async (message: OutboxMessage, kind: 'retry' | 'discard') => {
      try {
        await mutateAsync({ id: message.id, action: kind });
        toast.success(kind === 'retry' ? t('outbox.retried') : t('outbox.discarded'));
      } catch (error) {
        // e.g. 409 "already sent": the server's text.
        toast.error(errorMessage(error));
      } finally {
        if (kind === 'discard') setDiscarding(null);
      }
    },
    [mutateAsync, toast, t],
  );
  const actions = useMemo<OutboxRowActions | undefined>(
    () =>
      canEdit
        ? { busy: action.isPending, onRetry: (m) => void run(m, 'retry'), onDiscard: (m) => setDiscarding(m) }
        : undefined,
    [canEdit, action.isPending, run],
  );
  const columns = useOutboxColumns(actions);

  const stateFilter = (
    <div className="flex w-fit flex-col gap-1">
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
  );

  return (
    <CollapsiblePanel
      title={t('outbox.title')}
      aside={canEdit ? undefined : <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />}
      data-testid="outbox-panel"
    >
      <div className="space-y-3">
        <p className="text-sm text-gray-700">{t('outbox.intro')}</p>
        <MailDeliveryNote testId="outbox-delivery-note" />
        <DataTable
          server={serverPageOf(
            query,
            {
              rows: query.data?.messages ?? NO_MESSAGES,
              total: query.data?.total,
              offset,
              pageSize,
              onOffsetChange: setOffset,
            },
            { refreshButton: true },
          )}
          columns={columns}
          getRowId={messageId}
          label={t('outbox.tableLabel')}
          emptyText={t('outbox.empty')}
          noneText={t('outbox.none')}
          hidePagerOnOnePage
          filters={stateFilter}
          testIdPrefix="outbox"
          rowTestId="outbox-row"
          rowAttributes={messageAttributes}
        />
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
            subject: discarding ? outboxSubjectText(t, discarding, fmt.language) : '',
            to: discarding?.to.join(', ') ?? '',
          })}
        </ConfirmDialog>
      )}
    </CollapsiblePanel>
  );
}
