import { MutationCache, QueryClient } from '@tanstack/react-query';
import { isApiRequestError } from './api-client';

/** Client errors (4xx) are final; network and server errors get two more tries. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiRequestError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * Prefix of the audit log's query keys. The server audits every successful change, so after
 * any mutation succeeds the audit log is read again — one rule here instead of one line in
 * every mutation of every feature.
 */
export const AUDIT_QUERY_KEY = ['audit'] as const;

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onSuccess: () => client.invalidateQueries({ queryKey: AUDIT_QUERY_KEY }),
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  return client;
}
