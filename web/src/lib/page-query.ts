/** A filtered page of a list the server pages (`q`, `limit`, `offset`). */
export interface PageQuery {
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** The query string of a page, without an empty filter. */
export function pageSearchParams({ q, limit, offset }: PageQuery): URLSearchParams {
  const params = new URLSearchParams();
  const text = q?.trim();
  if (text) params.set('q', text);
  params.set('limit', String(limit));
  params.set('offset', String(offset));
  return params;
}
