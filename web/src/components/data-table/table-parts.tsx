import { flexRender, type Column, type Header, type RowData } from '@tanstack/react-table';
import { useEffect, useState, type CSSProperties, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '@/lib/class-names';
import { headerCellClasses, stickyRightClasses } from './table-classes';

declare module '@tanstack/react-table' {
  // An augmentation repeats TanStack's type parameters exactly, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Extra classes for the body cells of the column. */
    cellClassName?: string;
    /** Keeps the column visible at the right edge when the table scrolls sideways (row actions). */
    stickyRight?: boolean;
    /**
     * The value is shown whole (an address, an id): too long for its column it wraps onto another
     * line (the row grows) instead of ending in an ellipsis. Size the column for the usual values.
     */
    wrap?: boolean;
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

/**
 * The one row an empty table shows, saying why it is empty. `visibleWidth`: the region's width when
 * the table is wider (a phone); the text is then centred in what shows, not in the whole table.
 */
export function EmptyRow({
  columns,
  text,
  testId,
  visibleWidth,
}: {
  columns: number;
  text: string;
  testId: string;
  visibleWidth?: number | undefined;
}) {
  return (
    <tr>
      <td colSpan={columns} className="py-10 text-center text-sm text-gray-600" data-testid={testId}>
        <div className="sticky left-0 px-3" style={visibleWidth ? { width: visibleWidth } : undefined}>
          {text}
        </div>
      </td>
    </tr>
  );
}

/** Where a sticky-left column is: its `left` offset, whether it is the last of them (it casts the shadow). */
export interface StickyLeft {
  left: number;
  last: boolean;
  /** The table is scrolled away from its left edge. */
  scrolled: boolean;
}

/** The sticky-left placement of a column from stickyLeftColumns' map, or undefined. */
export function stickyLeftOf(
  offsets: ReadonlyMap<string, number> | null,
  columnId: string,
  scrolled: boolean,
): StickyLeft | undefined {
  const left = offsets?.get(columnId);
  if (left === undefined || !offsets) return undefined;
  return { left, last: Math.max(...offsets.values()) === left, scrolled };
}

export function HeaderCell<T>({
  header,
  stickyLeft,
}: {
  header: Header<T, unknown>;
  stickyLeft?: StickyLeft;
}) {
  const column = header.column;
  const content = header.isPlaceholder ? null : flexRender(column.columnDef.header, header.getContext());
  const sticky = stickyLeft ? stickyLeftCellClasses(true, stickyLeft.scrolled, stickyLeft.last) : '';
  const style = stickyLeft ? { left: stickyLeft.left } : undefined;
  if (!column.getCanSort()) {
    return (
      <th
        scope="col"
        style={style}
        className={cx(
          thClasses,
          'px-3',
          column.columnDef.meta?.stickyRight && `${stickyRightClasses} z-20`,
          sticky,
        )}
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
      style={style}
      className={`${thClasses} ${sticky}`}
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

/** How far the region scrolls sideways: what the scroll cues and the sticky key column follow. */
export interface ScrollCue {
  /** The table is wider than its region (it scrolls sideways). */
  overflowX: boolean;
  /** Scrolled fully left / fully right. */
  atStart: boolean;
  atEnd: boolean;
  /** The region's inner width in pixels (0 until measured). */
  width: number;
}

const NO_OVERFLOW: ScrollCue = { overflowX: false, atStart: true, atEnd: true, width: 0 };

/**
 * Follows a scroll region's sideways overflow and position (scroll events, and resizes of the
 * region or its table). `mounted`: whether the region is rendered now (it starts following it then).
 */
export function useScrollCue(ref: RefObject<HTMLElement | null>, mounted = true): ScrollCue {
  const [cue, setCue] = useState<ScrollCue>(NO_OVERFLOW);
  useEffect(() => {
    const el = mounted ? ref.current : null;
    if (!el) {
      setCue(NO_OVERFLOW);
      return;
    }
    const measure = () => {
      const width = el.clientWidth;
      const overflowX = el.scrollWidth > width + 1;
      const next: ScrollCue = {
        overflowX,
        atStart: !overflowX || el.scrollLeft <= 1,
        atEnd: !overflowX || el.scrollLeft + width >= el.scrollWidth - 1,
        width,
      };
      setCue((previous) =>
        previous.overflowX === next.overflowX &&
        previous.atStart === next.atStart &&
        previous.atEnd === next.atEnd &&
        previous.width === next.width
          ? previous
          : next,
      );
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    if (el.firstElementChild) observer?.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [ref, mounted]);
  return cue;
}

/** The key column stays at the left edge only while it leaves this share of the region to the others. */
const STICKY_KEY_SHARE = 0.7;

/**
 * The columns kept at the left edge while the table scrolls sideways: the row checkbox (a leading
 * selection column, or a column with id `select`) and the first column after it, the row's key
 * (an application, a user, a type). Only while the table overflows and the key leaves room for
 * the others; null otherwise. Maps a column id to its `left` offset; `leading` is the offset
 * taken by the selection column ClientDataTable adds itself.
 */
export function stickyLeftColumns<T>(
  columns: Column<T, unknown>[],
  cue: ScrollCue,
  leading = 0,
): ReadonlyMap<string, number> | null {
  if (!cue.overflowX) return null;
  const offsets = new Map<string, number>();
  let left = leading;
  for (const column of columns) {
    if (column.columnDef.meta?.stickyRight) break;
    offsets.set(column.id, left);
    left += column.getSize();
    if (column.id !== 'select') break;
  }
  return offsets.size > 0 && left <= cue.width * STICKY_KEY_SHARE ? offsets : null;
}

/**
 * Classes of a cell of a sticky-left column: above the scrolled cells, with a shadow at its right
 * edge once scrolled (the caller adds the row's background).
 */
export function stickyLeftCellClasses(header: boolean, scrolled: boolean, last: boolean): string {
  return `sticky ${header ? 'z-20' : 'z-[1]'} ${last && scrolled ? 'shadow-[6px_0_6px_-4px_rgba(17,24,39,0.25)]' : ''}`;
}

/**
 * The shade at the right edge of a region with more columns beyond it (in a `relative` wrapper of
 * the region). From the sm breakpoint the row-actions column stays at the right edge: the shade is
 * then at its left, over the columns that scroll (`stickyRightWidth`: that column's width).
 */
export function ScrollShade({ cue, stickyRightWidth = 0 }: { cue: ScrollCue; stickyRightWidth?: number }) {
  if (!cue.overflowX || cue.atEnd) return null;
  return (
    <div
      aria-hidden="true"
      data-testid="table-scroll-shade"
      style={{ '--sticky-right': `${stickyRightWidth + 1}px` } as CSSProperties}
      className={cx(
        'pointer-events-none absolute inset-y-px right-px z-30 w-6 bg-gradient-to-l from-gray-900/20 to-transparent',
        stickyRightWidth > 0 ? 'rounded-r-md sm:right-(--sticky-right) sm:rounded-none' : 'rounded-r-md',
      )}
    />
  );
}

/** The width of the row-actions column (meta.stickyRight), 0 without one. */
export function stickyRightWidth<T>(columns: Column<T, unknown>[]): number {
  return columns.reduce((sum, c) => sum + (c.columnDef.meta?.stickyRight ? c.getSize() : 0), 0);
}

/** A line above a table that scrolls sideways saying so (the region's description, by `id`). */
export function ScrollHint({ cue, id }: { cue: ScrollCue; id: string }) {
  const { t } = useTranslation('common');
  if (!cue.overflowX) return null;
  return (
    <p id={id} className="flex items-center gap-1 text-xs text-gray-600" data-testid="table-scroll-hint">
      <svg
        viewBox="0 0 16 16"
        aria-hidden="true"
        className="size-3.5 shrink-0"
        fill="none"
        stroke="currentColor"
      >
        <path d="M5 4.5 1.5 8 5 11.5M11 4.5 14.5 8 11 11.5M2 8h12" strokeWidth="1.4" strokeLinecap="round" />
      </svg>
      {t('tableScroll.hint')}
    </p>
  );
}
