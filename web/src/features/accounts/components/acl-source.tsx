import { MCS_FETCH_FAILURES, type McsFetchFailure, type ReasonParams } from '@oig/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, QueryErrorAlert } from '@/components/ui/error-alert';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { isApiRequestError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { isKnownCode, knownReason, reasonParams } from '@/lib/status-reason';
import { useFormatters } from '@/lib/format';
import { cx } from '@/lib/class-names';
import { useAcl } from '../api/get-acl';
import { useRefreshAcl } from '../api/refresh-acl';

/** The reason of the 502 answered when the fetch from the MCS failed (its `params.failure`: the code). */
const MCS_FETCH_FAILED = 'mcs_fetch_failed';

/**
 * The application list (ACL) in use — where it came from and when it was loaded — and, for
 * administrators, "Get the latest application list" from the Mitel Certificate Server.
 */
export function AclSource({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation(['accounts', 'common']);
  const fmt = useFormatters();
  const toast = useToast();
  const reasonId = useId();
  const query = useAcl();
  const refresh = useRefreshAcl();

  if (query.isPending) {
    return (
      <p role="status" className="text-sm text-gray-600" data-testid="acl-source">
        {t('common:loading')}
      </p>
    );
  }
  if (!query.data) return <QueryErrorAlert query={query} />;

  const acl = query.data;
  const noMcs = acl.mcsUrl === null;
  const lastFetch = acl.lastFetch;
  const failureText = (code: McsFetchFailure, params: ReasonParams) => t(`acl.failures.${code}`, params);
  const lastReason = knownReason(MCS_FETCH_FAILURES, lastFetch?.reason);
  // The 502 of a failed fetch names the failure (reason mcs_fetch_failed, params.failure): said in
  // the console's words; any other error, or a failure this console does not know, as the server said it.
  const refreshError = (): string => {
    const err = refresh.error;
    if (
      isApiRequestError(err) &&
      err.reason === MCS_FETCH_FAILED &&
      isKnownCode(MCS_FETCH_FAILURES, err.params?.failure)
    ) {
      const params = reasonParams(err.params);
      return t('acl.refreshFailed', {
        url: err.params?.url ?? '',
        source: err.params?.source ?? '',
        reason: failureText(err.params.failure, params),
      });
    }
    return errorMessage(err);
  };

  const getLatest = () =>
    refresh.mutate(undefined, {
      onSuccess: (next) => toast.success(t('acl.refreshed', { count: next.applications.length })),
    });

  return (
    <div
      className="space-y-2 rounded-lg border border-gray-200 bg-white px-4 py-3 text-sm shadow-xs"
      data-testid="acl-source"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <p className="text-gray-800" data-testid="acl-source-line">
          {t('acl.inUse', {
            source: acl.source,
            kind: t(`acl.kinds.${acl.sourceKind}`),
            loadedAt: fmt.dateTime(acl.loadedAt),
          })}
        </p>
        {canEdit && (
          <button
            type="button"
            onClick={getLatest}
            disabled={noMcs || refresh.isPending}
            aria-busy={refresh.isPending || undefined}
            aria-describedby={noMcs ? reasonId : undefined}
            title={noMcs ? t(`acl.noMcs.${acl.sourceKind}`) : undefined}
            data-testid="acl-refresh"
            className={cx(
              'inline-flex items-center gap-1.5 rounded font-medium text-blue-700',
              'underline underline-offset-2 hover:text-blue-900',
              'focus-visible:outline-2 focus-visible:outline-offset-2',
              'focus-visible:outline-blue-700 disabled:cursor-not-allowed',
              'disabled:text-gray-500 disabled:no-underline',
            )}
          >
            {refresh.isPending && <Spinner className="size-3.5" />}
            {t('acl.getLatest')}
          </button>
        )}
      </div>

      {noMcs ? (
        <p id={reasonId} className="text-gray-700" data-testid="acl-no-mcs">
          {t(`acl.noMcs.${acl.sourceKind}`)}
        </p>
      ) : (
        <p className="text-gray-700" data-testid="acl-mcs-url">
          {t('acl.mcsUrl', { url: acl.mcsUrl })}
        </p>
      )}

      {lastFetch?.ok && (
        <p className="text-gray-700" data-testid="acl-last-fetch">
          {t('acl.lastFetchOk', { time: fmt.dateTime(lastFetch.at) })}
        </p>
      )}
      {/* A failed attempt just made is reported below with the server's text; this is the recorded one. */}
      {lastFetch && !lastFetch.ok && !refresh.isError && (
        <p
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900"
          data-testid="acl-last-fetch-error"
        >
          {lastReason
            ? t('acl.lastFetchFailedReason', {
                time: fmt.dateTime(lastFetch.at),
                reason: failureText(lastReason.code, lastReason.params),
              })
            : t('acl.lastFetchFailed', {
                time: fmt.dateTime(lastFetch.at),
                error: lastFetch.error ?? t('acl.unknownError'),
              })}
        </p>
      )}
      {refresh.isError && (
        <div data-testid="acl-refresh-error">
          <ErrorAlert>{refreshError()}</ErrorAlert>
        </div>
      )}
    </div>
  );
}
