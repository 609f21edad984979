import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '@/lib/class-names';
import { buildSearchIndex, filterByIndex, parseFilter } from './filter-rows';
import { ServerDataTable, type ServerDataTableProps } from './server-data-table';
import type { StickyLeft } from './table-parts';
import {
  bodyCellClasses as tdClasses,
  stickyRightClasses,
  tableClasses,
  tableRegionClasses,
} from './table-classes';
import {
  checkboxClasses,
  ColGroup,
  EmptyRow,
  HeaderCell,
  ScrollHint,
  ScrollShade,
  stickyLeftCellClasses,
  stickyLeftColumns,
  stickyLeftOf,
  stickyRightWidth,
  thClasses,
  useScrollCue,
} from './table-parts';

export type { ServerDataTableProps, ServerPage, ServerSorting } from './server-data-table';

export interface RowSelectionConfig<T> {
  selectedIds: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>) => void;
  /** Accessible name of a row's checkbox. */
  rowLabel: (row: T) => string;
  /** Accessible name of the header checkbox, which selects the rows the filter shows. */
  selectAllLabel: string;
}

/** Client mode: every row is in the browser; the table sorts, filters and virtualizes them. */
export interface ClientDataTableProps<T> {
  server?: undefined;
  data: readonly T[];
  // TValue differs per column; `any` is what TanStack's own ColumnDef arrays use.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  getRowId: (row: T) => string;
  /** Text the filter box searches; keep the function stable (useCallback). */
  getSearchText: (row: T) => string;
  /** Accessible name of the table. */
  label: string;
  filterLabel: string;
  countText: (shown: number, total: number) => string;
  emptyText: string;
  noMatchesText: string;
  /** Controls at the right of the filter box. */
  toolbar?: ReactNode;
  selection?: RowSelectionConfig<T> | undefined;
  initialSorting?: SortingState;
  rowHeight?: number;
  /** Marks one row (e.g. the one an action just added); say it in a cell too, not by colour alone. */
  highlightedRowId?: string | undefined;
  testId?: string;
}

/** Client mode (`data`) or server mode (`server`: one page the server filtered and paged). */
export type DataTableProps<T> = ClientDataTableProps<T> | ServerDataTableProps<T>;

const SELECT_COLUMN_WIDTH = 44;

/**
 * Every list of records in the console. Client mode takes all the rows; server mode takes the page
 * a query read (rows, total, offset) and asks for other pages, like Keycloak's KeycloakDataTable
 * with a loader. Both render the same header, row and empty-state markup.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  return props.server ? <ServerDataTable {...props} /> : <ClientDataTable {...props} />;
}

/**
 * Sortable, filterable, virtualized table. Sorting runs once per data or sort change; each
 * keystroke in the filter box only re-runs a memoized pass over a prebuilt lower-case index
 * (deferred, so typing stays responsive), and only the visible rows are in the DOM.
 */
function ClientDataTable<T>({
  data,
  columns,
  getRowId,
  getSearchText,
  label,
  filterLabel,
  countText,
  emptyText,
  noMatchesText,
  toolbar,
  selection,
  initialSorting = [],
  rowHeight = 36,
  highlightedRowId,
  testId = 'data-table',
}: ClientDataTableProps<T>) {
  const { t } = useTranslation();
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const terms = useMemo(() => parseFilter(deferredFilter), [deferredFilter]);

  const table = useReactTable<T>({
    data: data as T[],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  const index = useMemo(() => buildSearchIndex(data, getSearchText), [data, getSearchText]);
  const sortedRows = table.getRowModel().rows;
  const rows = useMemo(() => filterByIndex(sortedRows, index, terms), [sortedRows, index, terms]);

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [terms]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const lastItem = items[items.length - 1];
  const paddingBottom = lastItem ? virtualizer.getTotalSize() - lastItem.end : 0;

  const selectedIds = selection?.selectedIds;
  const selectedShown = useMemo(() => {
    if (!selectedIds || selectedIds.size === 0) return 0;
    let n = 0;
    for (const row of rows) if (selectedIds.has(row.id)) n++;
    return n;
  }, [rows, selectedIds]);
  const allShownSelected = rows.length > 0 && selectedShown === rows.length;

  const toggleAll = () => {
    if (!selection) return;
    const next = new Set(selection.selectedIds);
    if (allShownSelected) for (const row of rows) next.delete(row.id);
    else for (const row of rows) next.add(row.id);
    selection.onChange(next);
  };
  const toggleRow = (rowId: string) => {
    if (!selection) return;
    const next = new Set(selection.selectedIds);
    if (next.has(rowId)) next.delete(rowId);
    else next.add(rowId);
    selection.onChange(next);
  };

  const leafColumns = table.getVisibleLeafColumns();
  const columnCount = leafColumns.length + (selection ? 1 : 0);
  const minWidth = leafColumns.reduce((sum, c) => sum + c.getSize(), selection ? SELECT_COLUMN_WIDTH : 0);
  const stale = filter !== deferredFilter;

  // A table wider than its region (a phone): the checkbox and key columns stay at the left edge.
  const cue = useScrollCue(scrollRef);
  const scrolled = !cue.atStart;
  const leading = selection ? SELECT_COLUMN_WIDTH : 0;
  const stickyOffsets = useMemo(
    () => stickyLeftColumns(leafColumns, cue, leading),
    [leafColumns, cue, leading],
  );
  const selectSticky: StickyLeft | undefined =
    selection && stickyOffsets ? { left: 0, last: stickyOffsets.size === 0, scrolled } : undefined;

  return (
    <div className="flex min-h-0 flex-col gap-2" data-testid={testId}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex max-w-full flex-wrap items-center gap-2">
          <label htmlFor={`${id}-filter`} className="text-sm font-medium text-gray-800">
            {filterLabel}
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={t('table.filterPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            data-testid="table-filter"
            className={filterInputClasses}
          />
        </div>
        <p className="text-sm text-gray-700" aria-live="polite" data-testid="table-count">
          {countText(rows.length, data.length)}
        </p>
        {toolbar && <div className="ml-auto flex flex-wrap items-center gap-2">{toolbar}</div>}
      </div>

      <ScrollHint cue={cue} id={`${id}-scroll`} />
      <div className="relative">
        <div
          ref={scrollRef}
          role="region"
          aria-label={label}
          aria-describedby={cue.overflowX ? `${id}-scroll` : undefined}
          tabIndex={0}
          className={`${tableRegionClasses} ${stale ? 'opacity-80' : ''}`}
        >
          <table
            aria-label={label}
            aria-rowcount={rows.length + 1}
            className={tableClasses}
            style={{ minWidth }}
          >
            <ColGroup columns={leafColumns} leading={selection ? SELECT_COLUMN_WIDTH : undefined} />
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} aria-rowindex={1}>
                  {selection && (
                    <th
                      scope="col"
                      style={selectSticky ? { left: 0 } : undefined}
                      className={cx(
                        thClasses,
                        'px-3',
                        selectSticky && stickyLeftCellClasses(true, scrolled, selectSticky.last),
                      )}
                    >
                      <input
                        type="checkbox"
                        aria-label={selection.selectAllLabel}
                        checked={allShownSelected}
                        ref={(el) => {
                          if (el) el.indeterminate = selectedShown > 0 && !allShownSelected;
                        }}
                        onChange={toggleAll}
                        disabled={rows.length === 0}
                        data-testid="select-all"
                        className={checkboxClasses}
                      />
                    </th>
                  )}
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
              {paddingTop > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={columnCount} style={{ height: paddingTop, padding: 0, border: 0 }} />
                </tr>
              )}
              {items.map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                const selected = selectedIds?.has(row.id) ?? false;
                const highlighted = row.id === highlightedRowId;
                const background = selected ? 'bg-blue-50' : highlighted ? 'bg-amber-50' : 'bg-white';
                return (
                  <tr
                    key={row.id}
                    // Measured: a row whose whole values wrap is taller than rowHeight (its minimum).
                    ref={virtualizer.measureElement}
                    data-index={item.index}
                    aria-rowindex={item.index + 2}
                    data-testid="table-row"
                    data-row-id={row.id}
                    data-highlighted={highlighted || undefined}
                    style={{ height: rowHeight }}
                    className={selected || highlighted ? background : 'hover:bg-gray-50'}
                  >
                    {selection && (
                      <td
                        style={selectSticky ? { left: 0 } : undefined}
                        className={`${tdClasses} px-3 ${
                          selectSticky
                            ? `${stickyLeftCellClasses(false, scrolled, selectSticky.last)} ${background}`
                            : ''
                        }`}
                      >
                        <input
                          type="checkbox"
                          aria-label={selection.rowLabel(row.original)}
                          checked={selected}
                          onChange={() => toggleRow(row.id)}
                          data-testid="select-row"
                          className={checkboxClasses}
                        />
                      </td>
                    )}
                    {row.getVisibleCells().map((cell) => {
                      const sticky = stickyLeftOf(stickyOffsets, cell.column.id, scrolled);
                      return (
                        <td
                          key={cell.id}
                          style={sticky ? { left: sticky.left } : undefined}
                          className={`${tdClasses} px-3 ${cell.column.columnDef.meta?.cellClassName ?? ''} ${
                            cell.column.columnDef.meta?.stickyRight
                              ? `${stickyRightClasses} ${background}`
                              : cell.column.columnDef.meta?.wrap
                                ? 'py-1.5 [overflow-wrap:anywhere]'
                                : 'truncate'
                          } ${sticky ? `${stickyLeftCellClasses(false, scrolled, sticky.last)} ${background}` : ''}`}
                        >
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              {paddingBottom > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={columnCount} style={{ height: paddingBottom, padding: 0, border: 0 }} />
                </tr>
              )}
              {rows.length === 0 && (
                <EmptyRow
                  visibleWidth={cue.overflowX ? cue.width : undefined}
                  columns={columnCount}
                  text={data.length === 0 ? emptyText : noMatchesText}
                  testId="table-empty"
                />
              )}
            </tbody>
          </table>
        </div>
        <ScrollShade cue={cue} stickyRightWidth={stickyRightWidth(leafColumns)} />
      </div>
    </div>
  );
}

const filterInputClasses =
  'h-8 w-64 max-w-full rounded-md border border-gray-300 bg-white px-2.5 text-sm text-gray-900 ' +
  'placeholder:text-gray-500 ' +
  'focus:border-blue-700 focus:outline-2 focus:outline-offset-0 focus:outline-blue-700/30';
