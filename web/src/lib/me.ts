import { meSchema, type Me } from '@oig/shared';
import { hashKey, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiRequest, isApiRequestError, setCsrfToken } from '@/lib/api-client';

/** The signed-in user, or null when there is no session (401). */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await apiRequest('/api/v1/auth/me', {
      schema: meSchema,
      signal,
      redirectOnUnauthorized: false,
    });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiRequestError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function getMeQueryOptions() {
  return queryOptions({
    queryKey: ['auth', 'me'] as const,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useMe() {
  return useQuery(getMeQueryOptions());
}

/**
 * Forgets every cached answer except the signed-in user (whose observers must keep their query),
 * then records the new user: null signs out, which sends the console to the sign-in page.
 */
export function replaceSignedInUser(queryClient: QueryClient, me: Me | null): void {
  const meKey = getMeQueryOptions().queryKey;
  const meHash = hashKey(meKey);
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== meHash });
  queryClient.setQueryData(meKey, me);
}
