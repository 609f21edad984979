import { useCallback, useMemo, useState } from 'react';
import type { PageQuery } from '@/lib/page-query';

/**
 * The text filter and offset of a list the server pages, for DataTable's server mode: a new filter
 * starts again at the first page. (Going back from a page past the end is DataTable's job.)
 */
export function useServerPaging(pageSize: number) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const query = useMemo<PageQuery>(
    () => ({ q: q || undefined, limit: pageSize, offset }),
    [q, pageSize, offset],
  );
  const applyFilter = useCallback((text: string) => {
    setQ(text.trim());
    setOffset(0);
  }, []);
  return { q, offset, pageSize, query, applyFilter, setOffset };
}
