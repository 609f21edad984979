import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { memo, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, QueryErrorAlert } from '@/components/ui/error-alert';
import { RefreshButton } from '@/components/ui/refresh-controls';
import { LoadingState } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/errors';
import { useFormatters } from '@/lib/format';
import { Pager } from './pager';
import type { ScrollCue } from './table-parts';
import { SearchFilter, type SearchFilterProps } from './search-filter';
import { bodyCellClasses, stickyRightClasses, tableClasses, tableRegionClasses } from './table-classes';
import {
  ColGroup,
  EmptyRow,
  HeaderCell,
  ScrollHint,
  ScrollShade,
  stickyLeftCellClasses,
  stickyLeftColumns,
  stickyLeftOf,
  stickyRightWidth,
  useScrollCue,
} from './table-parts';

/**
 * One page of a list the server filters and pages, as the caller's query has it (the caller owns
 * the query; DataTable only shows it and asks for other pages).
 */
export interface ServerPage<T> {
  /** The rows of the page shown. */
  rows: readonly T[];
  /** Items in the whole filtered list; undefined while unknown (first load, or the list could not be read). */
  total: number | undefined;
  /** Without a total: whether another page follows. */
  hasMore?: boolean | undefined;
  /** Offset asked for (of the first row) and the page size. */
  offset: number;
  pageSize: number;
  /** Asks for another page; also called to go back when the page shown is past the end. */
  onOffsetChange: (offset: number) => void;
  /** Nothing to show yet: a spinner instead of the table. */
  loading: boolean;
  /** The previous page is still shown while the one asked for loads: paging waits for it. */
  stale?: boolean | undefined;
  /** Any read under way (for the Refresh button's spinner). */
  fetching?: boolean | undefined;
  /** Why the page could not be read (an alert above the table); null or undefined when it could. */
  error?: unknown;
  /** Retry button of the error alert. */
  onRetry?: (() => void) | undefined;
  /** A Refresh button (`${testIdPrefix}-refresh`) in the toolbar. */
  onRefresh?: (() => void) | undefined;
}

export interface ServerDataTableProps<T> {
  server: ServerPage<T>;
  // TValue differs per column; `any` is what TanStack's own ColumnDef arrays use.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  getRowId: (row: T) => string;
  /** Accessible name of the table. */
  label: string;
  /** The whole list is empty. */
  emptyText: string;
  /** Nothing matches the filter (shown instead of emptyText while `filtered`). */
  noMatchesText?: string | undefined;
  filtered?: boolean | undefined;
  /** The list has items but not on this page (until DataTable has gone back to the last page). */
  pageEmptyText?: string | undefined;
  /** Range text when nothing is shown; default "None shown (total n)". */
  noneText?: string | undefined;
  /** Accessible name of the Previous / Next navigation; default "Pages of <label>". */
  pagerLabel?: string | undefined;
  /** Leaves out Previous / Next while the whole list fits on one page. */
  hidePagerOnOnePage?: boolean | undefined;
  /**
   * data-testid prefix: `${p}-table`, `${p}-empty`, `${p}-range`, `${p}-previous`, `${p}-next`,
   * `${p}-refresh` and the search form's `${p}-filter-form`, `${p}-q`, `${p}-apply`, `${p}-clear`.
   */
  testIdPrefix: string;
  /** data-testid of each body row. */
  rowTestId?: string | undefined;
  /** Extra data-* attributes of a row (ids the tests and e2e look rows up by). */
  rowAttributes?: ((row: T) => Record<`data-${string}`, string>) | undefined;
  /** A text filter sent to the server, applied with Apply or Enter. */
  search?: Omit<SearchFilterProps, 'testIdPrefix'> | undefined;
  /** Other filters (a form or a select) above the table. */
  filters?: ReactNode;
  /** Controls at the right of the range text, before Refresh and the pager. */
  toolbar?: ReactNode;
  /**
   * Sorting by the server: the headers of sortable columns become buttons (asc ⇄ desc, never
   * unsorted) and report the order the caller asks the server for. Without it nothing sorts.
   */
  sorting?: ServerSorting | undefined;
  testId?: string | undefined;
}

/** The order a list the server sorts is read in (one column), owned by the caller. */
export interface ServerSorting {
  state: SortingState;
  onChange: (next: SortingState) => void;
}

/**
 * DataTable's server mode: the page the caller's query read, with the range text, Previous / Next
 * and the filters, in the same table markup as the client mode. No virtualization (a page is
 * small) and no client-side sorting (it would sort one page only), so rows may wrap; with `sorting`,
 * the headers ask the server for another order.
 */
export function ServerDataTable<T>({
  server,
  columns,
  getRowId,
  label,
  emptyText,
  noMatchesText,
  filtered = false,
  pageEmptyText,
  noneText,
  pagerLabel,
  hidePagerOnOnePage = false,
  testIdPrefix,
  rowTestId = 'table-row',
  rowAttributes,
  search,
  filters,
  toolbar,
  sorting,
  testId,
}: ServerDataTableProps<T>) {
  const { t } = useTranslation('common');
  const fmt = useFormatters();
  const { rows, total, hasMore, offset, pageSize, onOffsetChange, loading, fetching = false } = server;
  const stale = server.stale ?? false;

  // While the next page loads the previous one is shown: the range describes the rows shown.
  const [shownOffset, setShownOffset] = useState(offset);
  if (!stale && !loading && shownOffset !== offset) setShownOffset(offset);

  // A page past the end (the list shrank under it: an import, a sync, a discard) goes back to the last page.
  useEffect(() => {
    if (stale || loading || total === undefined) return;
    const lastPage = total > 0 ? Math.floor((total - 1) / pageSize) * pageSize : 0;
    if (offset > lastPage) onOffsetChange(lastPage);
  }, [stale, loading, total, offset, pageSize, onOffsetChange]);

  const table = useReactTable<T>({
    data: rows as T[],
    columns,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    enableSorting: sorting !== undefined,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    ...(sorting
      ? {
          state: { sorting: sorting.state },
          onSortingChange: (updater) =>
            sorting.onChange(typeof updater === 'function' ? updater(sorting.state) : updater),
        }
      : {}),
    manualPagination: true,
  });
  const tableRows = table.getRowModel().rows;
  const leafColumns = table.getVisibleLeafColumns();
  const minWidth = leafColumns.reduce((sum, c) => sum + c.getSize(), 0);

  // A table wider than its region (a phone): the checkbox and key columns stay at the left edge.
  const regionId = useId();
  const regionRef = useRef<HTMLDivElement>(null);
  const cue = useScrollCue(regionRef, !loading);
  const scrolled = !cue.atStart;
  const stickyOffsets = useMemo(() => stickyLeftColumns(leafColumns, cue), [leafColumns, cue]);

  const first = shownOffset + 1;
  const last = shownOffset + rows.length;
  const rangeText =
    total === undefined
      ? rows.length > 0
        ? t('table.rangeOpen', { first: fmt.number(first), last: fmt.number(last) })
        : ''
      : rows.length === 0 || total === 0
        ? (noneText ?? t('table.none', { total: fmt.number(total) }))
        : t('table.range', { first: fmt.number(first), last: fmt.number(last), total: fmt.number(total) });
  const more = total !== undefined ? last < total : Boolean(hasMore);
  const canPrevious = shownOffset > 0 && !stale && !loading;
  const canNext = more && !stale && !loading;
  const showPager = !hidePagerOnOnePage || shownOffset > 0 || more;

  const empty =
    rows.length > 0 || total === undefined || stale
      ? null
      : total > 0
        ? (pageEmptyText ?? t('table.pageEmpty'))
        : filtered && noMatchesText
          ? noMatchesText
          : emptyText;

  const hasError = server.error !== undefined && server.error !== null;
  const onRetry = server.onRetry;

  return (
    <div className="flex min-h-0 flex-col gap-3" data-testid={testId}>
      {search && <SearchFilter {...search} testIdPrefix={testIdPrefix} />}
      {filters}
      {hasError &&
        (onRetry ? (
          <QueryErrorAlert query={{ error: server.error, refetch: onRetry }} />
        ) : (
          <ErrorAlert>{errorMessage(server.error)}</ErrorAlert>
        ))}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p
          className="text-sm text-gray-700 tabular-nums"
          aria-live="polite"
          data-testid={`${testIdPrefix}-range`}
        >
          {rangeText}
        </p>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {toolbar}
          {server.onRefresh && (
            <RefreshButton
              onRefresh={server.onRefresh}
              fetching={fetching}
              testId={`${testIdPrefix}-refresh`}
              indicator="beside"
            />
          )}
          {showPager && (
            <Pager
              label={pagerLabel ?? t('table.pages', { label })}
              canPrevious={canPrevious}
              canNext={canNext}
              onPrevious={() => onOffsetChange(Math.max(0, shownOffset - pageSize))}
              onNext={() => onOffsetChange(shownOffset + pageSize)}
              testIdPrefix={testIdPrefix}
            />
          )}
        </div>
      </div>
      {loading ? (
        <LoadingState label={t('loading')} />
      ) : (
        <ScrolledTable cue={cue} hintId={`${regionId}-scroll`} rightWidth={stickyRightWidth(leafColumns)}>
          <div
            ref={regionRef}
            role="region"
            aria-label={label}
            aria-describedby={cue.overflowX ? `${regionId}-scroll` : undefined}
            tabIndex={0}
            className={`${tableRegionClasses} ${stale ? 'opacity-80' : ''}`}
          >
            <table
              aria-label={label}
              aria-rowcount={total !== undefined ? total + 1 : -1}
              aria-busy={stale || undefined}
              className={tableClasses}
              style={{ minWidth }}
              data-testid={`${testIdPrefix}-table`}
            >
              <ColGroup columns={leafColumns} />
              <thead>
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id} aria-rowindex={1}>
                    {group.headers.map((header) => (
                      <HeaderCell
                        key={header.id}
                        header={header}
                        stickyLeft={stickyLeftOf(stickyOffsets, header.column.id, scrolled)}
                      />
                    ))}
                  </tr>
                ))}
              </thead>
              <tbody>
                <BodyRows
                  rows={tableRows}
                  columns={columns}
                  firstIndex={shownOffset + 2}
                  rowTestId={rowTestId}
                  rowAttributes={rowAttributes}
                  stickyOffsets={stickyOffsets}
                  scrolled={scrolled}
                />
                {empty !== null && (
                  <EmptyRow
                    visibleWidth={cue.overflowX ? cue.width : undefined}
                    columns={leafColumns.length}
                    text={empty}
                    testId={`${testIdPrefix}-empty`}
                  />
                )}
              </tbody>
            </table>
          </div>
        </ScrolledTable>
      )}
    </div>
  );
}

/** The region with its sideways-scroll hint above and the shade at its right edge. */
function ScrolledTable({
  cue,
  hintId,
  rightWidth,
  children,
}: {
  cue: ScrollCue;
  hintId: string;
  /** The row-actions column's width (the shade goes at its left from the sm breakpoint). */
  rightWidth: number;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-0 flex-col gap-1">
      <ScrollHint cue={cue} id={hintId} />
      <div className="relative min-h-0">
        {children}
        <ScrollShade cue={cue} stickyRightWidth={rightWidth} />
      </div>
    </div>
  );
}

interface BodyRowsProps<T> {
  rows: Row<T>[];
  /** Only to render again when the columns change (their cells are the rows' cells). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  /** aria-rowindex of the first row (the header row is 1). */
  firstIndex: number;
  rowTestId: string;
  rowAttributes?: ((row: T) => Record<`data-${string}`, string>) | undefined;
  /** The sticky-left columns (stickyLeftColumns) and whether the table is scrolled away from its left edge. */
  stickyOffsets: ReadonlyMap<string, number> | null;
  scrolled: boolean;
}

/**
 * The page's rows, rendered again only when the rows or the columns change: a read starting or
 * ending (the Refresh button's spinner), a key typed in a filter or the range text changing re-render
 * the table around them, not its cells (a page of the live sessions is 25 rows of 12 cells).
 */
const BodyRows = memo(function BodyRows<T>({
  rows,
  firstIndex,
  rowTestId,
  rowAttributes,
  stickyOffsets,
  scrolled,
}: BodyRowsProps<T>) {
  return rows.map((row, i) => (
    <tr
      key={row.id}
      aria-rowindex={firstIndex + i}
      data-testid={rowTestId}
      data-row-id={row.id}
      {...rowAttributes?.(row.original)}
      className="hover:bg-gray-50"
    >
      {row.getVisibleCells().map((cell) => {
        const meta = cell.column.columnDef.meta;
        const sticky = stickyLeftOf(stickyOffsets, cell.column.id, scrolled);
        return (
          <td
            key={cell.id}
            style={sticky ? { left: sticky.left } : undefined}
            className={`${bodyCellClasses} px-3 py-2 align-top break-words ${meta?.cellClassName ?? ''} ${
              meta?.stickyRight ? `${stickyRightClasses} bg-white` : ''
            } ${sticky ? `${stickyLeftCellClasses(false, scrolled, sticky.last)} bg-white` : ''}`}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        );
      })}
    </tr>
  ));
}) as <T>(props: BodyRowsProps<T>) => ReactNode;

/** What serverPageOf reads of a TanStack Query page query (`placeholderData: keepPreviousData`). */
export interface PageQueryResult {
  isPending: boolean;
  isPlaceholderData: boolean;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * DataTable's server page from a page query and the paging state: the loading, stale, fetching and
 * error states (with Retry) come from the query; with `refreshButton`, a Refresh button reads it
 * again.
 */
export function serverPageOf<T>(
  query: PageQueryResult,
  page: Pick<ServerPage<T>, 'rows' | 'total' | 'offset' | 'pageSize' | 'onOffsetChange'>,
  { refreshButton = false }: { refreshButton?: boolean } = {},
): ServerPage<T> {
  const refetch = () => void query.refetch();
  return {
    ...page,
    loading: query.isPending,
    stale: query.isPlaceholderData,
    fetching: query.isFetching,
    error: query.isError ? query.error : undefined,
    onRetry: refetch,
    ...(refreshButton ? { onRefresh: refetch } : {}),
  };
}
