import { historySearchParams, type SessionHistoryFilter } from './get-session-history';

/** GET /api/v1/sessions/history.csv is a download: the console only builds its URL. */
export function getSessionHistoryCsvUrl(filter: SessionHistoryFilter = {}): string {
  const query = historySearchParams(filter).toString();
  return query ? `/api/v1/sessions/history.csv?${query}` : '/api/v1/sessions/history.csv';
}
