import { historySearchParams, type SessionHistoryFilter } from './get-session-history';

/** GET /api/v1/sessions/history.csv: the ended sessions of a filter as CSV (downloaded with DownloadButton). */
export function getSessionHistoryCsvUrl(filter: SessionHistoryFilter = {}): string {
  const query = historySearchParams(filter).toString();
  return query ? `/api/v1/sessions/history.csv?${query}` : '/api/v1/sessions/history.csv';
}

/** The name the server gives the history CSV (used if its answer names none). */
export const SESSION_HISTORY_CSV_FILE_NAME = 'oig-session-history.csv';
