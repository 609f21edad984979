import type { LiveSession } from '@oig/shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { Button } from '@/components/ui/button';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { RefreshButton, UpdatedAt } from '@/components/ui/refresh-controls';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { useLiveSessions } from '../api/get-live-sessions';
import { useTerminateSession } from '../api/terminate-session';
import { useTerminateSessions } from '../api/terminate-sessions';
import { createSessionLabels, displaySessionId, sessionSearchText } from '../utils/session-text';
import { useLiveSessionColumns } from './session-columns';
import { TerminateDialog } from './terminate-dialog';

const NO_SESSIONS: readonly LiveSession[] = [];

interface PendingTermination {
  sessions: readonly LiveSession[];
  /** Terminated with DELETE /sessions/{id} (the row button) rather than POST /sessions/terminate. */
  single: boolean;
}

/** Live sessions: read-only for support users; administrators can terminate one or several. */
export function LiveSessions({ canTerminate }: { canTerminate: boolean }) {
  const { t } = useTranslation(['sessions', 'common']);
  const toast = useToast();
  const query = useLiveSessions();
  const terminateOne = useTerminateSession();
  const terminateMany = useTerminateSessions();
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [pending, setPending] = useState<PendingTermination | null>(null);

  const sessions = query.data?.sessions ?? NO_SESSIONS;
  const labels = useMemo(() => createSessionLabels(t), [t]);
  const getSearchText = useCallback((s: LiveSession) => sessionSearchText(s, labels), [labels]);
  const onTerminateRow = useCallback((s: LiveSession) => setPending({ sessions: [s], single: true }), []);
  const columns = useLiveSessionColumns(labels, canTerminate ? onTerminateRow : undefined);

  // Selected sessions that still exist (a refresh may have removed some).
  const selectedSessions = useMemo(() => {
    if (selected.size === 0) return NO_SESSIONS;
    return sessions.filter((s) => selected.has(s.id));
  }, [sessions, selected]);

  const busy = terminateOne.isPending || terminateMany.isPending;

  const confirmTermination = async () => {
    if (!pending) return;
    const targets = pending.sessions;
    try {
      const first = targets[0];
      if (pending.single && first) {
        await terminateOne.mutateAsync(first.id);
        toast.success(
          t('result.one', { id: displaySessionId(first.sessionIdLast4), application: first.applicationName }),
        );
      } else {
        const result = await terminateMany.mutateAsync(targets.map((s) => s.id));
        toast.success(
          result.terminated >= targets.length
            ? t('result.many', { count: result.terminated })
            : t('result.partial', { terminated: result.terminated, count: targets.length }),
        );
      }
      setSelected((previous) => {
        const next = new Set(previous);
        for (const s of targets) next.delete(s.id);
        return next;
      });
    } catch (error) {
      toast.error(t('result.failed', { message: errorMessage(error) }));
    } finally {
      setPending(null);
    }
  };

  if (query.isPending) return <LoadingState label={t('common:loading')} />;

  const toolbar = (
    <>
      <UpdatedAt at={query.dataUpdatedAt} />
      <RefreshButton
        onRefresh={() => void query.refetch()}
        fetching={query.isFetching}
        testId="refresh-sessions"
        indicator="icon"
      />
      {canTerminate ? (
        <Button
          variant="danger"
          disabled={selectedSessions.length === 0 || busy}
          onClick={() => setPending({ sessions: selectedSessions, single: false })}
          data-testid="terminate-selected"
        >
          {selectedSessions.length > 0
            ? t('live.terminateSelectedCount', { count: selectedSessions.length })
            : t('live.terminateSelected')}
        </Button>
      ) : (
        <ReadOnlyBadge label={t('live.readOnly')} hint={t('live.readOnlyHint')} />
      )}
    </>
  );

  return (
    <div className="space-y-3">
      {query.isError && <QueryErrorAlert query={query} />}
      {query.data && query.data.total > sessions.length && (
        <p className="text-sm text-amber-900">
          {t('live.truncated', { shown: sessions.length, total: query.data.total })}
        </p>
      )}
      <DataTable
        data={sessions}
        columns={columns}
        getRowId={(s) => s.id}
        getSearchText={getSearchText}
        label={t('live.tableLabel')}
        filterLabel={t('live.filterLabel')}
        countText={(shown, total) =>
          shown === total
            ? t('live.count', { count: total })
            : t('live.countFiltered', { shown, count: total })
        }
        emptyText={t('live.empty')}
        noMatchesText={t('live.noMatches')}
        toolbar={toolbar}
        selection={
          canTerminate
            ? {
                selectedIds: selected,
                onChange: setSelected,
                selectAllLabel: t('live.selectAll'),
                rowLabel: (s) =>
                  t('live.selectRow', {
                    id: displaySessionId(s.sessionIdLast4),
                    application: s.applicationName,
                  }),
              }
            : undefined
        }
        initialSorting={[{ id: 'createdAt', desc: true }]}
        testId="live-sessions-table"
      />
      {canTerminate && (
        <TerminateDialog
          sessions={pending?.sessions ?? null}
          busy={busy}
          onConfirm={() => void confirmTermination()}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}
