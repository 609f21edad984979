import {
  LIVE_SESSIONS_MAX_TERMS,
  LIVE_SESSIONS_TERM_MAX,
  type LiveSession,
  type LiveSessionFilter,
  type LiveSessionSort,
} from '@oig/shared';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type ServerPage } from '@/components/data-table/data-table';
import { checkboxClasses } from '@/components/data-table/table-parts';
import { Button } from '@/components/ui/button';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { RefreshButton, UpdatedAt } from '@/components/ui/refresh-controls';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { LIVE_PAGE_SIZE, useLiveSessions, type LiveSessionsPage } from '../api/get-live-sessions';
import { useTerminateSession } from '../api/terminate-session';
import { useTerminateSessions } from '../api/terminate-sessions';
import { createSessionLabels, displaySessionId, liveSessionFilter } from '../utils/session-text';
import { useLiveSessionColumns } from './session-columns';
import { TerminateDialog, type MatchingTarget } from './terminate-dialog';

const NO_SESSIONS: readonly LiveSession[] = [];
const NO_TERMS: LiveSessionFilter = { terms: [] };
/** Typing pauses this long before the list is asked for again. */
export const FILTER_DEBOUNCE_MS = 250;
const INITIAL_SORTING: SortingState = [{ id: 'createdAt', desc: true }];

type PendingTermination =
  /** Terminated with DELETE /sessions/{id} (the row button) or POST /sessions/terminate {ids}. */
  | { kind: 'ids'; sessions: readonly LiveSession[]; single: boolean }
  /** POST /sessions/terminate {filter}: every session matching it when the server runs it. */
  | { kind: 'matching'; filter: LiveSessionFilter; target: MatchingTarget };

/** "Select all N matching": every session matching this filter, whatever the page. */
interface AllMatching {
  filter: LiveSessionFilter;
  text: string;
}

/**
 * Live sessions, paged, sorted and filtered by the server (the browser holds one page): read-only for
 * support users; administrators select sessions (kept across pages) or every session matching the
 * filter, and terminate them.
 */
export function LiveSessions({ canTerminate }: { canTerminate: boolean }) {
  const { t } = useTranslation(['sessions', 'common']);
  const toast = useToast();
  const filterId = useId();
  const labels = useMemo(() => createSessionLabels(t), [t]);

  const [text, setText] = useState('');
  const [applied, setApplied] = useState('');
  const [sorting, setSorting] = useState<SortingState>(INITIAL_SORTING);
  const [offset, setOffset] = useState(0);
  const [picked, setPicked] = useState<ReadonlyMap<string, LiveSession>>(() => new Map());
  const [allMatching, setAllMatching] = useState<AllMatching | null>(null);
  const [pending, setPending] = useState<PendingTermination | null>(null);

  // The text is applied once typing pauses; a new filter or order starts at the first page.
  useEffect(() => {
    const timer = setTimeout(() => setApplied(text.trim()), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const parsed = useMemo(() => liveSessionFilter(applied, labels), [applied, labels]);
  const [filter, setFilter] = useState<LiveSessionFilter>(NO_TERMS);
  const [filterText, setFilterText] = useState('');
  if (parsed && applied !== filterText) {
    setFilter(parsed);
    setFilterText(applied);
    setOffset(0);
    setAllMatching(null);
  }
  const onSortingChange = useCallback((next: SortingState) => {
    setSorting(next);
    setOffset(0);
  }, []);

  const first = sorting[0] ?? INITIAL_SORTING[0]!;
  const page: LiveSessionsPage = {
    filter,
    sort: first.id as LiveSessionSort,
    order: first.desc ? 'desc' : 'asc',
    offset,
    limit: LIVE_PAGE_SIZE,
  };
  const query = useLiveSessions(page);
  const terminateOne = useTerminateSession();
  const terminateMany = useTerminateSessions();

  const rows = query.data?.sessions ?? NO_SESSIONS;
  const total = query.data?.total;
  const live = query.data?.live;
  const filtered = filter.terms.length > 0;

  const onTerminateRow = useCallback(
    (s: LiveSession) => setPending({ kind: 'ids', sessions: [s], single: true }),
    [],
  );
  const dataColumns = useLiveSessionColumns(labels, canTerminate ? onTerminateRow : undefined);

  const pageAllPicked = rows.length > 0 && rows.every((s) => picked.has(s.id));
  const pagePicked = rows.some((s) => picked.has(s.id));
  const togglePage = useCallback(() => {
    setPicked((previous) => {
      const next = new Map(previous);
      if (rows.every((s) => next.has(s.id))) for (const s of rows) next.delete(s.id);
      else for (const s of rows) next.set(s.id, s);
      return next;
    });
  }, [rows]);
  const toggleRow = useCallback((s: LiveSession) => {
    setPicked((previous) => {
      const next = new Map(previous);
      if (next.has(s.id)) next.delete(s.id);
      else next.set(s.id, s);
      return next;
    });
  }, []);

  const columns = useMemo<ColumnDef<LiveSession, unknown>[]>(() => {
    if (!canTerminate) return dataColumns;
    const select: ColumnDef<LiveSession, unknown> = {
      id: 'select',
      enableSorting: false,
      size: 44,
      header: () => (
        <input
          type="checkbox"
          aria-label={t('live.selectAll')}
          checked={allMatching !== null || pageAllPicked}
          ref={(el) => {
            if (el) el.indeterminate = allMatching === null && pagePicked && !pageAllPicked;
          }}
          onChange={togglePage}
          disabled={rows.length === 0 || allMatching !== null}
          data-testid="select-all"
          className={checkboxClasses}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={t('live.selectRow', {
            id: displaySessionId(row.original.sessionIdLast4),
            application: row.original.applicationName,
          })}
          checked={allMatching !== null || picked.has(row.original.id)}
          disabled={allMatching !== null}
          onChange={() => toggleRow(row.original)}
          data-testid="select-row"
          className={checkboxClasses}
        />
      ),
    };
    return [select, ...dataColumns];
  }, [
    canTerminate,
    dataColumns,
    t,
    allMatching,
    pageAllPicked,
    pagePicked,
    togglePage,
    rows,
    picked,
    toggleRow,
  ]);

  const selectedCount = allMatching ? (total ?? 0) : picked.size;
  const busy = terminateOne.isPending || terminateMany.isPending;
  const clearSelection = () => {
    setPicked(new Map());
    setAllMatching(null);
  };

  const confirmTermination = async () => {
    if (!pending) return;
    try {
      if (pending.kind === 'matching') {
        const result = await terminateMany.mutateAsync({ filter: pending.filter });
        toast.success(t('result.many', { count: result.terminated }));
        clearSelection();
        return;
      }
      const targets = pending.sessions;
      const first = targets[0];
      if (pending.single && first) {
        await terminateOne.mutateAsync(first.id);
        toast.success(
          t('result.one', { id: displaySessionId(first.sessionIdLast4), application: first.applicationName }),
        );
      } else {
        const result = await terminateMany.mutateAsync({ ids: targets.map((s) => s.id) });
        toast.success(
          result.terminated >= targets.length
            ? t('result.many', { count: result.terminated })
            : t('result.partial', { terminated: result.terminated, count: targets.length }),
        );
      }
      setPicked((previous) => {
        const next = new Map(previous);
        for (const s of targets) next.delete(s.id);
        return next;
      });
    } catch (error) {
      toast.error(t('result.failed', { message: errorMessage(error) }));
    } finally {
      setPending(null);
    }
  };

  const terminateSelected = () => {
    if (allMatching)
      setPending({
        kind: 'matching',
        filter: allMatching.filter,
        target: { count: total ?? 0, text: allMatching.text },
      });
    else setPending({ kind: 'ids', sessions: [...picked.values()], single: false });
  };

  const server: ServerPage<LiveSession> = {
    rows,
    total,
    offset,
    pageSize: LIVE_PAGE_SIZE,
    onOffsetChange: setOffset,
    loading: query.isPending,
    stale: query.isPlaceholderData,
    fetching: query.isFetching,
    error: query.isError ? query.error : undefined,
    onRetry: () => void query.refetch(),
  };

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
          disabled={selectedCount === 0 || busy}
          onClick={terminateSelected}
          data-testid="terminate-selected"
        >
          {selectedCount > 0
            ? t('live.terminateSelectedCount', { count: selectedCount })
            : t('live.terminateSelected')}
        </Button>
      ) : (
        <ReadOnlyBadge label={t('live.readOnly')} hint={t('live.readOnlyHint')} />
      )}
    </>
  );

  const countText =
    live === undefined || total === undefined
      ? ''
      : filtered
        ? t('live.countFiltered', { shown: total, count: live })
        : t('live.count', { count: live });

  const filterBox = (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <div className="flex items-center gap-2">
        <label htmlFor={filterId} className="text-sm font-medium text-gray-800">
          {t('live.filterLabel')}
        </label>
        <input
          id={filterId}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('common:table.filterPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          maxLength={400}
          aria-describedby={parsed ? undefined : `${filterId}-problem`}
          data-testid="table-filter"
          className={filterInputClasses}
        />
      </div>
      <p className="text-sm text-gray-700" aria-live="polite" data-testid="table-count">
        {countText}
      </p>
      {!parsed && (
        <p
          id={`${filterId}-problem`}
          className="text-sm text-red-800"
          role="alert"
          data-testid="filter-problem"
        >
          {t('live.filterTooLong', { terms: LIVE_SESSIONS_MAX_TERMS, characters: LIVE_SESSIONS_TERM_MAX })}
        </p>
      )}
    </div>
  );

  const selectionBar = canTerminate && (allMatching || picked.size > 0) && (
    <div
      className="flex flex-wrap items-center gap-3 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-950"
      data-testid="selection-bar"
    >
      <span aria-live="polite">
        {allMatching
          ? allMatching.text
            ? t('live.allMatchingSelected', { count: total ?? 0, filter: allMatching.text })
            : t('live.allSelected', { count: total ?? 0 })
          : t('live.selectedCount', { count: picked.size })}
      </span>
      {!allMatching && pageAllPicked && total !== undefined && total > rows.length && (
        <Button
          size="sm"
          variant="secondary"
          onClick={() => setAllMatching({ filter, text: filterText })}
          data-testid="select-all-matching"
        >
          {filtered
            ? t('live.selectAllMatching', { count: total })
            : t('live.selectAllLive', { count: total })}
        </Button>
      )}
      <Button size="sm" variant="secondary" onClick={clearSelection} data-testid="clear-selection">
        {t('live.clearSelection')}
      </Button>
    </div>
  );

  return (
    <div className="space-y-3">
      <DataTable
        server={server}
        columns={columns}
        getRowId={(s) => s.id}
        label={t('live.tableLabel')}
        emptyText={t('live.empty')}
        noMatchesText={t('live.noMatches')}
        filtered={filtered}
        testIdPrefix="live-sessions"
        filters={
          <>
            {filterBox}
            {selectionBar}
          </>
        }
        toolbar={toolbar}
        sorting={{ state: sorting, onChange: onSortingChange }}
        testId="live-sessions"
      />
      {canTerminate && (
        <TerminateDialog
          sessions={pending?.kind === 'ids' ? pending.sessions : null}
          matching={pending?.kind === 'matching' ? pending.target : null}
          busy={busy}
          onConfirm={() => void confirmTermination()}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}

const filterInputClasses =
  'h-8 w-64 rounded-md border border-gray-300 bg-white px-2.5 text-sm text-gray-900 placeholder:text-gray-500 ' +
  'focus:border-blue-700 focus:outline-2 focus:outline-offset-0 focus:outline-blue-700/30';
