import type { GoogleDirectory } from '@oig/shared';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { isApiRequestError } from '@/lib/api-client';
import { asSentence, errorMessage } from '@/lib/errors';
import { useFormatters } from '@/lib/format';
import { cx } from '@/lib/class-names';
import { useSyncGoogleDirectory } from '../api/sync-google-directory';
import { useMivoiceTranslation } from '../../i18n';
import { syncFailureText } from '../../utils/reasons';

/** The local cache (last sync, contacts, last error) and, for administrators, "Sync with Google". */
export function GoogleSyncStatus({ directory, canEdit }: { directory: GoogleDirectory; canEdit: boolean }) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const toast = useToast();
  const sync = useSyncGoogleDirectory();
  const hintId = useId();
  const configured = Boolean(directory.adminEmail && directory.domain && directory.serviceAccountKeySet);

  const run = async () => {
    try {
      const result = await sync.mutateAsync();
      toast.success(t('google.synced', { count: result.contactCount }));
    } catch {
      // Shown under the button (sync.error) and, once read again, as the last error.
    }
  };

  const lastError = syncFailureText(t, directory);
  // The failure just met is recorded as the last error: once read again, it is said in the console's words.
  const message =
    isApiRequestError(sync.error) && lastError !== null && sync.error.message === directory.lastError
      ? lastError
      : errorMessage(sync.error);
  const failure = sync.isError
    ? isApiRequestError(sync.error) && sync.error.code === 'upstream_failed'
      ? t('google.syncFailedKept', { message: asSentence(message) })
      : t('google.syncFailed', { message })
    : undefined;

  return (
    <div className="space-y-3" data-testid="google-sync">
      <h3 className="text-sm font-semibold text-gray-900">{t('google.status.label')}</h3>
      <dl
        className={cx(
          'grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 rounded-md border',
          'border-gray-200 bg-gray-50 px-3 py-2 text-sm',
        )}
      >
        <dt className="font-medium text-gray-800">{t('google.status.lastSync')}</dt>
        <dd className="text-gray-900" data-testid="google-last-sync">
          {directory.lastSyncAt ? fmt.dateTime(directory.lastSyncAt) : t('google.status.never')}
        </dd>
        <dt className="font-medium text-gray-800">{t('google.status.contacts')}</dt>
        <dd className="text-gray-900 tabular-nums" data-testid="google-contact-count">
          {fmt.number(directory.contactCount)}
        </dd>
        <dt className="font-medium text-gray-800">{t('google.status.lastError')}</dt>
        {lastError !== null ? (
          <dd
            className="rounded border border-red-300 bg-red-50 px-2 py-1 break-words text-red-800"
            data-testid="google-last-error"
          >
            {directory.lastErrorAt ? `${fmt.dateTime(directory.lastErrorAt)} — ` : ''}
            {lastError}
          </dd>
        ) : (
          <dd className="text-gray-900" data-testid="google-last-error">
            {t('google.status.none')}
          </dd>
        )}
      </dl>
      {canEdit && (
        <div className="space-y-2">
          <Button
            onClick={() => void run()}
            busy={sync.isPending}
            disabled={!configured}
            aria-describedby={hintId}
            data-testid="google-sync-button"
          >
            {t('google.sync')}
          </Button>
          <p id={hintId} className="text-xs text-gray-600" data-testid="google-sync-hint">
            {sync.isPending
              ? t('google.syncing')
              : configured
                ? t('google.syncHint', { domain: directory.domain })
                : t('google.syncNeedsSettings')}
          </p>
          {failure && <ErrorAlert>{failure}</ErrorAlert>}
        </div>
      )}
    </div>
  );
}
