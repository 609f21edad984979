import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Header,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { buildSearchIndex, filterByIndex, parseFilter } from './filter-rows';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Extra classes for the body cells of the column. */
    cellClassName?: string;
    /** Keeps the column visible at the right edge when the table scrolls sideways (row actions). */
    stickyRight?: boolean;
  }
}

export interface RowSelectionConfig<T> {
  selectedIds: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>) => void;
  /** Accessible name of a row's checkbox. */
  rowLabel: (row: T) => string;
  /** Accessible name of the header checkbox, which selects the rows the filter shows. */
  selectAllLabel: string;
}

export interface DataTableProps<T> {
  data: readonly T[];
  // TValue differs per column; `any` is what TanStack's own ColumnDef arrays use.
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
  testId?: string;
}

const SELECT_COLUMN_WIDTH = 44;

/**
 * Sortable, filterable, virtualized table. Sorting runs once per data or sort change; each
 * keystroke in the filter box only re-runs a memoized pass over a prebuilt lower-case index
 * (deferred, so typing stays responsive), and only the visible rows are in the DOM.
 */
export function DataTable<T>({
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
  testId = 'data-table',
}: DataTableProps<T>) {
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

  return (
    <div className="flex min-h-0 flex-col gap-2" data-testid={testId}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
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
            className="h-8 w-64 rounded-md border border-gray-300 bg-white px-2.5 text-sm text-gray-900 placeholder:text-gray-500 focus:border-blue-700 focus:outline-2 focus:outline-offset-0 focus:outline-blue-700/30"
          />
        </div>
        <p className="text-sm text-gray-700" aria-live="polite" data-testid="table-count">
          {countText(rows.length, data.length)}
        </p>
        {toolbar && <div className="ml-auto flex flex-wrap items-center gap-2">{toolbar}</div>}
      </div>

      <div
        ref={scrollRef}
        role="region"
        aria-label={label}
        tabIndex={0}
        className={`max-h-[max(20rem,calc(100vh-20rem))] overflow-auto rounded-md border border-gray-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-700 ${stale ? 'opacity-80' : ''}`}
      >
        <table
          aria-label={label}
          aria-rowcount={rows.length + 1}
          className="w-full table-fixed border-separate border-spacing-0 text-sm"
          style={{ minWidth }}
        >
          <colgroup>
            {selection && <col style={{ width: SELECT_COLUMN_WIDTH }} />}
            {leafColumns.map((column) => (
              <col key={column.id} style={{ width: column.getSize() }} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {selection && (
                  <th scope="col" className={`${thClasses} px-3`}>
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
                  <HeaderCell key={header.id} header={header} />
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
              return (
                <tr
                  key={row.id}
                  aria-rowindex={item.index + 2}
                  data-testid="table-row"
                  data-row-id={row.id}
                  style={{ height: rowHeight }}
                  className={selected ? 'bg-blue-50' : 'hover:bg-gray-50'}
                >
                  {selection && (
                    <td className={`${tdClasses} px-3`}>
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
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={`${tdClasses} px-3 ${cell.column.columnDef.meta?.cellClassName ?? ''} ${
                        cell.column.columnDef.meta?.stickyRight
                          ? `${stickyRightClasses} ${selected ? 'bg-blue-50' : 'bg-white'}`
                          : 'truncate'
                      }`}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columnCount} style={{ height: paddingBottom, padding: 0, border: 0 }} />
              </tr>
            )}
            {rows.length === 0 && (
              <tr>
                <td
                  colSpan={columnCount}
                  className="px-3 py-10 text-center text-sm text-gray-600"
                  data-testid="table-empty"
                >
                  {data.length === 0 ? emptyText : noMatchesText}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const thClasses =
  'sticky top-0 z-10 h-11 border-b border-gray-300 bg-gray-100 text-left text-xs font-semibold text-gray-800';
const tdClasses = 'border-b border-gray-100 text-gray-900';
const stickyRightClasses = 'sticky right-0 border-l border-l-gray-200';
const checkboxClasses =
  'size-4 cursor-pointer rounded border-gray-400 accent-blue-700 align-middle focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700';

function HeaderCell<T>({ header }: { header: Header<T, unknown> }) {
  const column = header.column;
  const content = header.isPlaceholder ? null : flexRender(column.columnDef.header, header.getContext());
  if (!column.getCanSort()) {
    return (
      <th
        scope="col"
        className={`${thClasses} px-3 ${column.columnDef.meta?.stickyRight ? `${stickyRightClasses} z-20` : ''}`}
      >
        {content}
      </th>
    );
  }
  const sorted = column.getIsSorted();
  return (
    <th
      scope="col"
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      className={thClasses}
    >
      <button
        type="button"
        onClick={column.getToggleSortingHandler()}
        className="group flex h-full w-full items-center gap-1 px-3 text-left hover:bg-gray-200 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-700"
      >
        <span
          className="line-clamp-2 leading-tight"
          title={typeof column.columnDef.header === 'string' ? column.columnDef.header : undefined}
        >
          {content}
        </span>
        <SortIcon direction={sorted} />
      </button>
    </th>
  );
}

function SortIcon({ direction }: { direction: false | 'asc' | 'desc' }) {
  return (
    <svg
      viewBox="0 0 12 12"
      aria-hidden="true"
      className={`size-3 shrink-0 ${direction ? 'text-blue-800' : 'text-gray-400 group-hover:text-gray-600'}`}
      fill="currentColor"
    >
      {direction !== 'desc' && <path d="M6 1.5 9.5 5h-7L6 1.5Z" opacity={direction === 'asc' ? 1 : 0.6} />}
      {direction !== 'asc' && <path d="M6 10.5 2.5 7h7L6 10.5Z" opacity={direction === 'desc' ? 1 : 0.6} />}
    </svg>
  );
}
