/** Splits a filter into lower-case terms; every term must occur in a row's text. */
export function parseFilter(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Builds the lower-case search text of every row once per data change. */
export function buildSearchIndex<T>(data: readonly T[], getSearchText: (row: T) => string): string[] {
  const index = new Array<string>(data.length);
  for (let i = 0; i < data.length; i++) index[i] = getSearchText(data[i] as T).toLowerCase();
  return index;
}

/**
 * Keeps the rows (in their current order) whose indexed text contains every term.
 * One pass with String#includes: a few milliseconds for 25,000 rows.
 */
export function filterByIndex<R extends { index: number }>(
  rows: readonly R[],
  index: readonly string[],
  terms: readonly string[],
): readonly R[] {
  if (terms.length === 0) return rows;
  const out: R[] = [];
  for (const row of rows) {
    const text = index[row.index];
    if (text === undefined) continue;
    let match = true;
    for (const term of terms) {
      if (!text.includes(term)) {
        match = false;
        break;
      }
    }
    if (match) out.push(row);
  }
  return out;
}
