import type { Me } from '@oig/shared';
import { hashKey, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiRequest, dropEarlyGets, setCsrfToken } from '@/lib/api-client';

/**
 * Where the console notes that this browser has a console session, and until when (at most a
 * session's lifetime, 8 hours, from the sign-in): the first load asks for the page's data beside
 * /auth/session only then (app/first-load.ts), so a visitor without a session sends no request
 * that the server refuses (its console shows no error).
 */
export const SIGNED_IN_STORAGE_KEY = 'oig.signedInUntil';
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000; // the server's console session (auth module)

/** Notes a session from now on; `renew: false` keeps a note already there (its sign-in's time). */
function noteSignedIn({ renew }: { renew: boolean }): void {
  try {
    if (renew || !window.localStorage.getItem(SIGNED_IN_STORAGE_KEY))
      window.localStorage.setItem(SIGNED_IN_STORAGE_KEY, String(Date.now() + SESSION_LIFETIME_MS));
  } catch {
    // Storage unavailable (private mode): the first load then waits for /auth/session, as it may.
  }
}

function forgetSignedIn(): void {
  try {
    window.localStorage.removeItem(SIGNED_IN_STORAGE_KEY);
  } catch {
    // Storage unavailable: nothing was noted.
  }
}

/** True when this browser signed in less than a session's lifetime ago and has not signed out since. */
export function probablySignedIn(): boolean {
  try {
    return Number(window.localStorage.getItem(SIGNED_IN_STORAGE_KEY)) > Date.now();
  } catch {
    return false;
  }
}

/** The probe's schema, with zod, is a chunk of its own, loaded beside the request (not in the first-load script). */
const loadSessionSchema = () => import('./api-schemas').then((m) => m.sessionProbeSchema);

/**
 * The signed-in user, or null when there is no session. Asked of GET /auth/session, which answers
 * 200 either way: a visitor without a session is an expected state, not an error in the browser's
 * console on the sign-in page (GET /auth/me would answer 401).
 */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  const probe = await apiRequest('/api/v1/auth/session', {
    schema: loadSessionSchema(),
    signal,
    redirectOnUnauthorized: false,
  });
  if (!probe.signedIn) {
    setCsrfToken(null);
    forgetSignedIn();
    return null;
  }
  setCsrfToken(probe.me.csrfToken);
  noteSignedIn({ renew: false });
  return probe.me;
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
  dropEarlyGets();
  if (me) noteSignedIn({ renew: true });
  else forgetSignedIn();
  const meKey = getMeQueryOptions().queryKey;
  const meHash = hashKey(meKey);
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== meHash });
  queryClient.setQueryData(meKey, me);
}

/**
 * The session is gone (an API call answered 401): forgets the user but keeps the cached answers,
 * and the protected layout sends the browser to the sign-in page.
 */
export function dropSignedInUser(queryClient: QueryClient): void {
  setCsrfToken(null);
  dropEarlyGets();
  forgetSignedIn();
  queryClient.setQueryData(getMeQueryOptions().queryKey, null);
}
