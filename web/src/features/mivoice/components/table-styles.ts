/** Cell classes of the tab's plain (server-paged) tables, as the console's other tables look. */
export const thClasses =
  'sticky top-0 border-b border-gray-300 bg-gray-100 px-3 py-2.5 text-left text-xs font-semibold text-gray-800';
export const tdClasses = 'border-b border-gray-100 px-3 py-2 align-top text-gray-900';
/** The scrolling, focusable region around a table. */
export const tableRegionClasses =
  'max-h-[28rem] overflow-auto rounded-md border border-gray-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-700';
