/**
 * The text a live session's filter terms are looked for in (column `search_text`, migration 0012):
 * application, company, client address and "…" + the last four digits of the session id, joined by
 * line breaks (a term never holds one, so it cannot span two columns) and lower-cased by JavaScript
 * (the filter's terms are lower-cased the same way; SQLite's lower() knows only ASCII). A session
 * without it (open before migration 0012, or written by a process of the previous version during a
 * rolling upgrade) is matched on its columns instead: sessions.repo.ts filterSql.
 */
export function sessionSearchText(r: {
  application_name: string;
  company_name: string;
  client_address: string;
  token_last4: string;
}): string {
  return [r.application_name, r.company_name, r.client_address, `\u2026${r.token_last4}`]
    .join('\n')
    .toLowerCase();
}
