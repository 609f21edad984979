import { flexRender, type Column, type Header, type RowData } from '@tanstack/react-table';
import { headerCellClasses, stickyRightClasses } from './table-classes';

declare module '@tanstack/react-table' {
  // An augmentation repeats TanStack's type parameters exactly, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Extra classes for the body cells of the column. */
    cellClassName?: string;
    /** Keeps the column visible at the right edge when the table scrolls sideways (row actions). */
    stickyRight?: boolean;
  }
}

/** Header cells: as tall as two lines of text, so wrapped and single-line headers line up. */
export const thClasses = `${headerCellClasses} h-11`;
export const checkboxClasses =
  'size-4 cursor-pointer rounded border-gray-400 accent-blue-700 align-middle ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700';
const sortButtonClasses =
  'group flex h-full w-full items-center gap-1 px-3 text-left hover:bg-gray-200 ' +
  'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-700';

/** Column widths from the column definitions (`size`), so header and body never disagree. */
export function ColGroup<T>({ columns, leading }: { columns: Column<T, unknown>[]; leading?: number }) {
  return (
    <colgroup>
      {leading !== undefined && <col style={{ width: leading }} />}
      {columns.map((column) => (
        <col key={column.id} style={{ width: column.getSize() }} />
      ))}
    </colgroup>
  );
}

/** The one row an empty table shows, saying why it is empty. */
export function EmptyRow({ columns, text, testId }: { columns: number; text: string; testId: string }) {
  return (
    <tr>
      <td colSpan={columns} className="px-3 py-10 text-center text-sm text-gray-600" data-testid={testId}>
        {text}
      </td>
    </tr>
  );
}

export function HeaderCell<T>({ header }: { header: Header<T, unknown> }) {
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
      <button type="button" onClick={column.getToggleSortingHandler()} className={sortButtonClasses}>
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
