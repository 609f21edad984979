import { useCallback, useEffect, useState } from 'react';
import type { PageQuery } from '../utils/page-query';

/** The filter and page of a list the server pages: a new filter starts at the first page; a page past the end goes back. */
export function usePagedFilter(pageSize: number) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const page: PageQuery = { q: q || undefined, limit: pageSize, offset };
  /**
   * The list now has `total` items (after an import, say): a page past its end goes back to the
   * last page (the first when the list is empty).
   */
  const keepWithin = useCallback(
    (total: number) => {
      const last = total > 0 ? Math.floor((total - 1) / pageSize) * pageSize : 0;
      setOffset((o) => (o > last ? last : o));
    },
    [pageSize],
  );
  return {
    page,
    q,
    applyFilter: (text: string) => {
      setQ(text.trim());
      setOffset(0);
    },
    previous: () => setOffset((o) => Math.max(0, o - pageSize)),
    next: () => setOffset((o) => o + pageSize),
    keepWithin,
  };
}

/**
 * Keeps a paged list on a page that exists: when the server says the list now has `total` items
 * (after an import, a sync or anyone's change) and the page shown is past its end, goes back to
 * the last page. `total` is undefined while unknown (the previous page is still shown).
 */
export function useKeepPageWithin(
  paging: Pick<ReturnType<typeof usePagedFilter>, 'keepWithin'>,
  total: number | undefined,
) {
  const { keepWithin } = paging;
  useEffect(() => {
    if (total !== undefined) keepWithin(total);
  }, [total, keepWithin]);
}
