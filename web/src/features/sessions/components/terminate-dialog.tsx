import type { LiveSession } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { displaySessionId } from '../utils/session-text';

const LISTED = 5;

/** Every session matching a filter (selected with "Select all N matching sessions"). */
export interface MatchingTarget {
  /** How many matched when the list was last read. */
  count: number;
  /** The filter as typed; empty for every live session. */
  text: string;
}

interface TerminateDialogProps {
  sessions: readonly LiveSession[] | null;
  /** Instead of `sessions`: every session matching a filter. */
  matching?: MatchingTarget | null | undefined;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Names what will be terminated before anything is sent: up to five sessions, then "and N more";
 * or, for every matching session, how many and the filter.
 */
export function TerminateDialog({ sessions, matching, busy, onConfirm, onCancel }: TerminateDialogProps) {
  const { t } = useTranslation(['sessions', 'common']);
  const count = matching ? matching.count : (sessions?.length ?? 0);
  const title = matching
    ? matching.text
      ? t('confirm.titleMatching', { count, filter: matching.text })
      : t('confirm.titleAll', { count })
    : t('confirm.title', { count });
  return (
    <ConfirmDialog
      open={count > 0}
      title={title}
      confirmLabel={t('confirm.confirm', { count })}
      cancelLabel={t('common:cancel')}
      onConfirm={onConfirm}
      onCancel={onCancel}
      busy={busy}
    >
      {matching ? (
        <p data-testid="terminate-matching">{t('confirm.matchingBody')}</p>
      ) : (
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
      )}
      <p className="mt-3">{t('confirm.body')}</p>
    </ConfirmDialog>
  );
}
