import { useState } from 'react';
import type { PageQuery } from '../utils/page-query';

/** The filter and page of a list the server pages: a new filter starts at the first page. */
export function usePagedFilter(pageSize: number) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const page: PageQuery = { q: q || undefined, limit: pageSize, offset };
  return {
    page,
    q,
    applyFilter: (text: string) => {
      setQ(text.trim());
      setOffset(0);
    },
    previous: () => setOffset((o) => Math.max(0, o - pageSize)),
    next: () => setOffset((o) => o + pageSize),
  };
}
