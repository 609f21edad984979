/**
 * The console's table look in one place: DataTable uses it, and so do the few small fixed tables
 * (import reports) that stay plain `<table>`s, so every table looks alike.
 */

/** Header cell without padding (DataTable's sort buttons bring their own). */
export const headerCellClasses =
  'sticky top-0 z-10 border-b border-gray-300 bg-gray-100 text-left text-xs font-semibold text-gray-800';
/** Body cell without padding. */
export const bodyCellClasses = 'border-b border-gray-100 text-gray-900';
/** Header and body cells of a small plain table. */
export const thClasses = `${headerCellClasses} px-3 py-2.5`;
export const tdClasses = `${bodyCellClasses} px-3 py-2 align-top`;
/** The scrolling, focusable region around a table. */
export const tableRegionClasses =
  'max-h-[max(20rem,calc(100vh-20rem))] overflow-auto rounded-md border border-gray-200 bg-white ' +
  'focus-visible:outline-2 focus-visible:outline-blue-700';
/**
 * Body cell of the row-actions column, kept at the right edge from the sm breakpoint (640 px) on
 * (its background is the row's). On a phone it scrolls with the others: stuck there it would
 * cover most of the few columns that fit beside the key column.
 */
export const stickyRightClasses = 'sm:sticky sm:right-0 sm:border-l sm:border-l-gray-200';
/** The table element itself. */
export const tableClasses = 'w-full table-fixed border-separate border-spacing-0 text-sm';
