import type { LiveSession } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { displaySessionId } from '../utils/session-text';

const LISTED = 5;

interface TerminateDialogProps {
  sessions: readonly LiveSession[] | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Names what will be terminated (up to five sessions, then "and N more") before anything is sent. */
export function TerminateDialog({ sessions, busy, onConfirm, onCancel }: TerminateDialogProps) {
  const { t } = useTranslation(['sessions', 'common']);
  const count = sessions?.length ?? 0;
  return (
    <ConfirmDialog
      open={count > 0}
      title={t('confirm.title', { count })}
      confirmLabel={t('confirm.confirm', { count })}
      cancelLabel={t('common:cancel')}
      onConfirm={onConfirm}
      onCancel={onCancel}
      busy={busy}
    >
      <ul className="space-y-1" data-testid="terminate-list">
        {sessions?.slice(0, LISTED).map((s) => (
          <li
            key={s.id}
            className="flex items-baseline justify-between gap-3 rounded bg-gray-100 px-2 py-1 text-gray-900"
          >
            <span className="truncate" title={`${s.applicationName} (${s.companyName})`}>
              {t('confirm.item', { application: s.applicationName, company: s.companyName })}
            </span>
            <span className="shrink-0 font-mono text-xs">
              {t('confirm.sessionId', { id: displaySessionId(s.sessionIdLast4) })}
            </span>
          </li>
        ))}
        {count > LISTED && (
          <li className="px-2 text-gray-700">{t('confirm.more', { count: count - LISTED })}</li>
        )}
      </ul>
      <p className="mt-3">{t('confirm.body')}</p>
    </ConfirmDialog>
  );
}
